"""A lead's course: signals, stop, reopen, won, lost, engaged, owner, pause, a revisit waking up."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..models import ACTIVE_STATUSES, Lead, Status, StatusChange
from ..people import carried_leads, display_name
from .core import ActionError, _done, _lock, _transition

# How far back and ahead the API's `Due` times may be (a revisit must be ahead besides,
# `check_revisit`): a year back is a promise's date typed a little late, 1999 a typing error.
DUE_PAST_DAYS = 365
DUE_FUTURE_DAYS = 5 * 365


def too_far_ahead(at: datetime) -> str:
    """Why a due time (a promise, a revisit) is too far ahead, or "": at most
    DUE_FUTURE_DAYS, the one rule of the web forms, the actions and the API (`api.fields.Due`).
    A date at the calendar's edge ("9999-12-31 18:01" in Chicago is the year 10000 in UTC)
    could not even be stored (eval32 #3: a 500)."""
    if at > timezone.now() + timedelta(days=DUE_FUTURE_DAYS):
        return f"Pick a time at most {DUE_FUTURE_DAYS // 365} years ahead."
    return ""


def check_revisit(at: datetime) -> None:
    """Refuse a revisit date that is not ahead (one already passed would wake the lead at once,
    back on Today as if it were new) or more than DUE_FUTURE_DAYS ahead, saying what is wrong:
    one rule for every way to stop a lead (the lead page, Today, the API)."""
    if too_far_ahead(at):  # said before the date is shown: at the calendar's edge it cannot be
        raise ActionError(f"A revisit date must be at most {DUE_FUTURE_DAYS // 365} years ahead.")
    if at <= timezone.now():
        day = f"{timezone.localtime(at):%-d %b %Y %H:%M %Z}"
        raise ActionError(f"A revisit date must be in the future: {day} is not.")


@transaction.atomic
def set_signals(lead: Lead, signals: list[str], *, user=None) -> Lead:
    """Replace the qualification signals; good ones raise the plan, poor ones lower it."""
    caller, lead = lead, _lock(lead)
    lead.signals = sorted(set(signals))
    lead.save(update_fields=["signals", "updated_at"])
    return _done(lead, "signals", caller=caller)


@transaction.atomic
def stop_chasing(
    lead: Lead, next_state: str, *, user=None, revisit_at: datetime | None = None, reason: str = ""
) -> Lead:
    """Stop: nurture (mailing list, needs consent), revisit on a date (`check_revisit`), or
    closed.

    An opted-out lead stays opted out (stopping it changes nothing: it is never chased)."""
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        return lead
    if next_state == Status.NURTURE and "mailing_list" not in (lead.consents or []):
        raise ActionError(
            "Nurture needs the lead's mailing-list consent; close it or set a revisit date."
        )
    if next_state == Status.REVISIT:
        if revisit_at is None:
            raise ActionError("A revisit needs a date.")
        check_revisit(revisit_at)
        lead.revisit_at = revisit_at
    elif next_state not in (Status.NURTURE, Status.CLOSED):
        raise ActionError(f"Cannot stop into {next_state!r}.")
    _transition(lead, next_state, reason or f"Stopped chasing: {next_state}", user)
    return _done(lead, "status", caller=caller)


def _reopen(lead: Lead, user, reason: str) -> Lead:
    lead.revisit_at = None
    _transition(
        lead, Status.ENGAGED if lead.status == Status.ENGAGED else Status.OPEN, reason, user
    )
    return lead


@transaction.atomic
def reopen(lead: Lead, *, user=None, reason: str = "Reopened") -> Lead:
    """Bring a stopped, lost or revisit lead back to the agenda (never an opted-out one)."""
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        raise ActionError("This person opted out: they cannot be chased again.")
    return _done(_reopen(lead, user, reason), "status", caller=caller)


@transaction.atomic
def mark_won(
    lead: Lead, value: Decimal | float | None = None, *, user=None, reason: str = ""
) -> Lead:
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        raise ActionError("This person opted out: record the sale in a new lead if they come back.")
    lead.won_value = Decimal(str(value)) if value is not None else lead.value
    _transition(lead, Status.WON, reason or f"Won ({lead.won_value or 'no value'})", user)
    return _done(lead, "status", caller=caller)


@transaction.atomic
def mark_lost(lead: Lead, reason: str = "", *, user=None) -> Lead:
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        return lead  # an opt-out is final; it stays the lead's status
    lead.lost_reason = reason[:200]
    _transition(lead, Status.LOST, reason or "Lost", user)
    return _done(lead, "status", caller=caller)


@transaction.atomic
def mark_engaged(lead: Lead, *, user=None, reason: str = "Engaged") -> Lead:
    """An open lead known to be talking with us though no reply of theirs is stored here (a
    row of our own export saying Engaged, brought into a new install without its tries):
    planned as the conversation it is, not as a cold chase starting from a first try."""
    caller, lead = lead, _lock(lead)
    if lead.status != Status.OPEN:
        raise ActionError("Only an open lead can be marked engaged.")
    _transition(lead, Status.ENGAGED, reason, user)
    return _done(lead, "status", caller=caller)


# How a reassignment's timeline row begins ("Reassigned from Maria to Tom"), for a person to
# read: who signed a message is its `signed_by`, never parsed back out of this text.
REASSIGNED = "Reassigned from "


@transaction.atomic
def reassign(lead: Lead, owner, *, user=None) -> Lead:
    """Give the lead to `owner`, on its timeline; what was queued for it in the former
    owner's name is cancelled by the outbox's reaction (`outreach.receivers`)."""
    caller, lead = lead, _lock(lead)
    old = lead.owner
    lead.owner = owner
    lead.save(update_fields=["owner", "updated_at"])
    StatusChange.objects.create(
        lead=lead,
        old=lead.status,
        new=lead.status,
        user=user,
        reason=f"{REASSIGNED}{display_name(old)} to {display_name(owner)}",
    )
    return _done(lead, "updated", caller=caller, reassigned_from=old)


def reassign_all(old, new, *, user=None) -> int:
    """Hand every lead `old` still carries (someone who left: `people.carried_leads`, the
    leads Today's banner counts and its "See them" lists) to `new`: one `reassign` per lead,
    each in its own transaction and recorded on its timeline. Returns how many. Someone who
    works here (again) is refused: their book is not moved in one click."""
    if old.is_active:
        raise ActionError(f"{display_name(old)} works here again: reassign their leads one by one.")
    if not new.is_active:
        raise ActionError(f"{new} is no longer active: pick someone who works here.")
    done = 0
    for lead in carried_leads(Lead.objects.filter(owner=old)).order_by("pk"):
        reassign(lead, new, user=user)
        done += 1
    return done


@transaction.atomic
def pause_until(
    lead: Lead, until: datetime | None, *, reason: str = "Out of office", user=None
) -> Lead:
    """Pause the chase until a date (an out-of-office reply names one)."""
    caller, lead = lead, _lock(lead)
    lead.paused_until = until
    lead.save(update_fields=["paused_until", "updated_at"])
    StatusChange.objects.create(
        lead=lead,
        old=lead.status,
        new=lead.status,
        user=user,
        reason=f"{reason}: paused until {until:%Y-%m-%d}" if until else reason,
    )
    return _done(lead, "updated", caller=caller)


@transaction.atomic
def hold_changed(lead: Lead, reason: str, *, user=None) -> Lead:
    """A hold another app keeps (`reach.holds`: a request to stop not known to be theirs)
    was put on the lead or lifted: said on its timeline, and the lead replanned with it."""
    caller, lead = lead, _lock(lead)
    StatusChange.objects.create(
        lead=lead, old=lead.status, new=lead.status, user=user, reason=reason
    )
    return _done(lead, "updated", caller=caller)


@transaction.atomic
def wake_revisit(lead: Lead | int, now: datetime | None = None) -> bool:
    """A lead parked for revisit whose date has come goes back on the agenda. Claimed by a
    conditional UPDATE (still parked, date passed): of several workers, one wakes it."""
    now = now or timezone.now()
    lead = _lock(lead)
    if (
        Lead.objects.filter(pk=lead.pk, status=Status.REVISIT, revisit_at__lte=now).update(
            status=Status.OPEN, revisit_at=None, updated_at=now
        )
        != 1
    ):
        return False
    StatusChange.objects.create(
        lead=lead, old=Status.REVISIT, new=Status.OPEN, reason="Revisit date reached", at=now
    )
    lead.status, lead.revisit_at = Status.OPEN, None
    _done(lead, "status")
    return True


def wake_revisits(now: datetime | None = None) -> int:
    """Worker step: wake every parked lead whose revisit date has come; returns how many
    this worker woke."""
    now = now or timezone.now()
    due = Lead.objects.filter(status=Status.REVISIT, revisit_at__lte=now).order_by(
        "revisit_at", "pk"
    )
    return sum(wake_revisit(pk, now) for pk in due.values_list("pk", flat=True)[:500])


def is_active(lead: Lead) -> bool:
    return lead.status in ACTIVE_STATUSES
