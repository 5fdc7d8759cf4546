"""Today's agenda, as the web UI shows it (fairchase.web.agenda)."""

from __future__ import annotations

from django.utils import timezone
from ninja import Router, Status

from fairchase.web.agenda import agenda_for

from ..agenda_schemas import AgendaOut
from . import responses

router = Router(tags=["agenda"])


@router.get("", response=responses(200, AgendaOut), summary="Today's agenda, best first")
def agenda(request):
    """New enquiries, commitments due, follow-ups within the day's selling time, and leads to let
    go, for the day planned (`day`: today, or on a Sunday or after the contact hours the next
    contact day, as Today on the web)."""
    return Status(200, agenda_for(request.user, timezone.now()).as_dict())
