"""Today's one-click decisions on a wish not to be contacted an import held (`held_wishes`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
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
    """Confirm or dismiss a held wish, on a lead the user may see (others': 404)."""
    wish = HeldWish.objects.filter(pk=pk, lead__in=visible_leads(request.user)).first()
    decision = request.POST.get("decision", "")
    if wish is None or decision not in (CONFIRM, DISMISS):
        raise Http404("No such wish")
    try:
        messages.success(request, held_wishes.decide(wish, decision == CONFIRM, request.user))
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("today")
