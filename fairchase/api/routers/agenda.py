"""Today's agenda, as the web UI shows it (fairchase.web.agenda)."""

from __future__ import annotations

from typing import Annotated

from django.contrib.auth import get_user_model
from django.utils import timezone
from ninja import Query, Router, Status

from fairchase.leads.people import is_admin
from fairchase.params import an_id
from fairchase.web.agenda import agenda_for

from ..agenda_schemas import AgendaOut
from ..errors import on_input
from . import known_params, responses

router = Router(tags=["agenda"])
EVERYONE = "all"  # the web page's word for the whole team (`/?owner=all`)
OWNER_HELP = (
    "Whose leads: without it, your own (as Today on the web). An owner may name a user's id "
    "for that person's leads, or `all` for the whole team's; a salesperson always gets their "
    "own leads."
)


class NoSuchOwner(ValueError):
    """`?owner=` names no user: said, never read as the whole team."""


def _owner(request, raw: str | None):
    """The person the plan is narrowed to, or None for the whole team (an owner's `all`).
    Without `owner`, the caller's own leads, for an owner too: Today on the web opens on
    "Mine", and the same request must not answer a different agenda here."""
    if not is_admin(request.user):
        return request.user  # a salesperson's own leads, whatever they ask for
    if raw is None or raw.strip() == "":
        return request.user
    if raw.strip() == EVERYONE:
        return None
    owner_id = an_id(raw)  # a deactivated teammate too: their day says to hand their leads on
    chosen = get_user_model().objects.filter(pk=owner_id).first() if owner_id else None
    if chosen is None:
        raise NoSuchOwner(f"{raw.strip()[:40]!r} is not a user's id (or `all`).")
    return chosen


@router.get("", response=responses(200, AgendaOut), summary="Today's agenda, best first")
@known_params
def agenda(
    request,
    owner: Annotated[str | None, Query(max_length=64, description=OWNER_HELP)] = None,
):
    """New enquiries, commitments due, follow-ups within the day's selling time, and leads to let
    go, for the day planned (`day`: today, or on a Sunday or after the contact hours the next
    contact day, as Today on the web). Everyone gets their own leads' plan, as Today opens;
    an owner may ask for one person's with `?owner=<id>` or the whole team's with
    `?owner=all`; a salesperson's `owner` is ignored."""
    try:
        whose = _owner(request, owner)
    except NoSuchOwner as exc:
        return Status(422, on_input(["query", "owner"], str(exc)))
    return Status(200, agenda_for(request.user, timezone.now(), owner=whose).as_dict())
