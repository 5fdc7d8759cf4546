"""Today's one-click decisions on a wish not to be contacted an import held (`held_wishes`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fairchase.leads.actions import ActionError
from fairchase.leads.people import visible_leads
from fairchase.web.views.common import web_view

from .. import held_wishes
from ..models import HeldWish

CONFIRM, DISMISS = "confirm", "dismiss"


@require_POST
@web_view
def wish_decide(request, pk):
    """Confirm or dismiss a held wish, on a lead the user may see (others': 404; a decision
    other than confirm or dismiss: 400, not a missing wish)."""
    wish = HeldWish.objects.filter(pk=pk, lead__in=visible_leads(request.user)).first()
    decision = request.POST.get("decision", "")
    if wish is None:
        raise Http404("No such wish")
    if decision not in (CONFIRM, DISMISS):
        return HttpResponseBadRequest("Confirm or dismiss.")
    try:
        messages.success(request, held_wishes.decide(wish, decision == CONFIRM, request.user))
    except ActionError as exc:
        messages.error(request, str(exc))
    if request.POST.get("next") == "lead":  # decided on the lead's page: back to it
        return redirect("lead_detail", wish.lead_id)
    return redirect("today")


@web_view
def wish_list(request):
    """Every waiting wish the user may decide on (Today names the first few)."""
    wishes = held_wishes.waiting_for(request.user, limit=None)
    context = {"wishes": wishes, "wishes_count": len(wishes), "wishes_more": 0}
    return render(request, "intake/wishes.html", context)
