"""What every action is built of: the lead's lock, the status transition (the only place a
status changes, with its StatusChange row), the closing step (count the event, replan,
tell the other apps through `lead_event`) and a timeline note. The action modules of
this package (Undo included) use these primitives; nothing else should."""

from __future__ import annotations

from datetime import datetime

from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from ..models import Lead, StatusChange
from ..planning import replan_lead

# kind is one of: created, enquiry, attempt, commitment, status, signals, reply, opt_out, updated.
lead_event = Signal()


class ActionError(ValueError):
    """A transition that is not allowed; the message is for the user."""


class SaidNoElsewhere(ActionError):
    """An edit would make a lead a person who asked not to be contacted (an address of
    theirs typed in, or their name on their number), unconfirmed: nothing saved. `fields`
    names the fields edited that match ("email", "phone"; "name" when only the new name
    makes the number theirs). The message names no other record: its owner may be anyone."""

    def __init__(self, message: str, fields: list[str]):
        super().__init__(message)
        self.fields = fields


class TeammatesLead(ActionError):
    """An edit typed by someone (the web, the API, the admin) would give a lead the email or
    phone of a person a teammate has as an active lead the editor may not open
    (`same_person.teammates_lead`, Add lead's and the API POST's check): nothing saved.
    The message names neither that lead nor its owner."""


class RepeatedEnquiry(ActionError):
    """The same enquiry submitted again within minutes (a double click): nothing changed."""


def _emit(lead: Lead, kind: str, **extra) -> None:
    lead_event.send(sender=Lead, lead=lead, kind=kind, **extra)


def _lock(lead: Lead | int) -> Lead:
    """The lead's row, locked until the action's transaction ends (the same lock in every
    action: PostgreSQL's row lock; on SQLite the IMMEDIATE transaction's write lock)."""
    return Lead.objects.select_for_update().get(pk=lead if isinstance(lead, int) else lead.pk)


def _done(
    lead: Lead, kind: str, *, caller: Lead | None = None, replan: bool = True, **extra
) -> Lead:
    """Close an action on a locked lead: count the event, replan from the facts as they are
    now, tell the other apps, and refresh the caller's copy of the lead."""
    Lead.objects.filter(pk=lead.pk).update(events=F("events") + 1)
    lead.events += 1
    if replan:
        replan_lead(lead)
    _emit(lead, kind, **extra)
    if caller is not None and caller is not lead:
        for f in Lead._meta.concrete_fields:
            setattr(caller, f.attname, getattr(lead, f.attname))
    return lead


def _transition(lead: Lead, new: str, reason: str, user=None, at: datetime | None = None) -> None:
    """Set the status and write the StatusChange row (the only place status changes).

    The lead's revisit date, won value and lost reason are saved with it even when the
    status stays the same (a revisit moved to another date, a won value corrected)."""
    old = lead.status
    lead.status = new
    lead.save(update_fields=["status", "revisit_at", "won_value", "lost_reason", "updated_at"])
    StatusChange.objects.create(
        lead=lead, old=old, new=new, reason=reason, user=user, at=at or timezone.now()
    )


def note_on_timeline(lead: Lead, reason: str, user=None) -> StatusChange:
    """A row on the lead's timeline that changes nothing else (an owner's alert that
    could not be emailed): the lead's status stays, written as its old and new."""
    return StatusChange.objects.create(
        lead=lead, old=lead.status, new=lead.status, reason=reason, user=user
    )
