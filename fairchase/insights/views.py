"""The Insights page and the admin's per-source lead cost form."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fairchase.leads.models import SOURCES, Lead
from fairchase.leads.people import display_name, owner_asked, owner_choices
from fairchase.web.views.common import web_view

from .charts import sections
from .models import SourceCost
from .numbers import source_label
from .scope import range_text, reversed_range, scope_for
from .snapshot import Busy, Pending, cached, insights_for


def cost_sources() -> list[dict]:
    """Every source worth pricing: the known ones plus any seen on a lead or priced before."""
    names = [s for s, _ in SOURCES]
    seen = set(Lead.objects.values_list("source", flat=True).distinct()) | set(
        SourceCost.objects.values_list("source", flat=True)
    )
    names += sorted(seen - set(names))
    costs = dict(SourceCost.objects.values_list("source", "cost_per_lead"))
    return [
        {"source": n, "label": source_label(n), "cost": costs.get(n, Decimal("0"))} for n in names
    ]


@web_view
@require_http_methods(["GET", "HEAD"])
def insights(request):
    """What this user's (or, for admins, the business's) history says about when to stop."""
    if not request.user.is_active:
        raise Http404
    scope = scope_for(request.user, request.GET)
    admin = request.is_admin
    # The worker keeps these views computed; until it catches up with a change the page
    # shows the latest numbers with their time rather than make the visitor wait.
    pending = False
    try:
        data = insights_for(scope, stale_ok=True, asked_by=request.user)
    except Busy:
        return render(request, "insights/busy.html", {"query": request.GET.urlencode()})
    except Pending:  # a big view nobody computed yet: the worker does, the page asks again
        data, pending = {"n_finished": 0, "speed": {}, "status": []}, True
    backtest = None if pending else cached(scope, part="whatif", stale_ok=True)
    ctx = {} if pending else sections(data, backtest, source=request.GET.get("source", ""))
    owner = (
        get_user_model().objects.filter(pk=scope.owner_id).first()
        if admin and scope.owner_id
        else None
    )
    ctx.update(
        no_such_owner=owner_asked(request.user, request.GET.get("owner"))[1],
        is_admin=admin,
        owners=owner_choices(request.user, scope.owner_id) if admin else [],
        owner_id=scope.owner_id,
        owner_name=display_name(owner) if owner else "",
        date_from=scope.date_from,
        date_to=scope.date_to,
        can_edit_costs=admin,
        cost_sources=cost_sources() if admin else [],
        query=request.GET.urlencode(),
        as_of=_as_of(data),
        whatif_as_of=_as_of(backtest or {}),
        pending=pending,
        data=data,
        range_text=range_text(scope),
        reversed_range=reversed_range(request.GET),
    )
    return render(request, "insights/page.html", ctx)


@web_view
@require_http_methods(["GET", "HEAD"])
def whatif(request):
    """The what-if section alone (the page loads it after itself when it is not cached yet)."""
    if not request.user.is_active:
        raise Http404
    scope = scope_for(request.user, request.GET)
    query = {"query": request.GET.urlencode()}
    try:
        backtest = insights_for(scope, part="whatif", stale_ok=True, asked_by=request.user)
        ctx = sections(
            insights_for(scope, stale_ok=True, asked_by=request.user),
            backtest,
            source=request.GET.get("source", ""),
        )
    except Busy:  # the section asks again in a moment
        return render(request, "insights/_whatif_busy.html", query)
    except Pending:  # the worker computes it; the section asks again by itself
        return render(request, "insights/_whatif_pending.html", query)
    ctx.update(
        whatif_as_of=_as_of(backtest),
        is_admin=request.is_admin,
        owner_id=scope.owner_id,
        date_from=scope.date_from,
        date_to=scope.date_to,
    )
    if ctx["whatif"] is None:
        return HttpResponse("")
    return render(request, "insights/_whatif.html", ctx)


def _as_of(data: dict) -> datetime | None:
    """When numbers shown from before the latest change were computed (None when current)."""
    if not data.get("stale") or not data.get("generated_at"):
        return None
    return datetime.fromisoformat(data["generated_at"])


@web_view
@require_POST
def save_costs(request):
    """Admins set what one lead from each source costs."""
    if not request.is_admin:
        raise Http404
    bad = []
    for s in cost_sources():
        raw = request.POST.get(f"cost_{s['source']}")
        if raw is None:
            continue
        try:
            cost = Decimal(raw.strip() or "0")
        except InvalidOperation:
            bad.append(s["label"])
            continue
        if not cost.is_finite() or cost < 0 or cost >= Decimal("1e8"):
            bad.append(s["label"])
            continue
        SourceCost.objects.update_or_create(
            source=s["source"], defaults={"cost_per_lead": cost.quantize(Decimal("0.01"))}
        )
    if bad:
        messages.error(request, f"Enter a cost of zero or more for: {', '.join(bad)}.")
    else:
        messages.success(request, "Lead costs saved.")
    return redirect(reverse("insights") + "#money")
