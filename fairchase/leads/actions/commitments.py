"""Commitments (the next step pinned, by us or by the lead): added, resolved, lapsed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from fairchase.policy.priors import GRACE

from .. import reach
from ..models import Channel, Commitment, Lead, Status
from ..normalize import display_phone
from ..planning import reachable_channels
from .core import ActionError, _done, _lock
from .status import too_far_ahead

GRACE_DAY = timedelta(seconds=GRACE)  # the plan's grace day for a promise of theirs


@transaction.atomic
def add_commitment(
    lead: Lead, *, by: str, what: str, due_at: datetime, channel: str = "", user=None
) -> Commitment:
    """Pin the next step (seed 002: propose a specific time yourself). Never for someone who
    opted out; and a promise of ours (a call back, "Keep chasing") only for a lead we may
    contact (`reach.channel_refusal`): held by a request to stop nobody has decided on, with
    no email or phone, or none we may use (every one suppressed or bounced), it could not
    be kept, so it is refused rather than put on Today and the calendar.
    Their own promise (they call us) can still be pinned. `channel`: how it is kept (a
    call back they asked for is a call, not the cheaper email); "" leaves it to the plan."""
    if channel not in ("", *Channel.values):
        raise ActionError(
            f"Unknown channel {channel!r}: choose one of {', '.join(Channel.values)}, or none."
        )
    if why := too_far_ahead(due_at):
        raise ActionError(why)
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        raise ActionError(
            f"{lead.name} opted out: no next step can be pinned, they asked not to be contacted."
        )
    if by == Commitment.By.US and reach.is_held(lead):
        raise ActionError(
            f"{lead.name} asked to stop (not yet confirmed): no try of ours can be pinned "
            "until someone confirms or corrects the stop."
        )
    if by == Commitment.By.US and not (lead.email or lead.phone):
        raise ActionError(
            f"{lead.name} has no email or phone to use: no try of ours can be pinned. "
            "Add an email or a phone first."
        )
    if by == Commitment.By.US and not reachable_channels(lead):
        raise ActionError(
            f"{lead.name} has no address we may use (suppressed or bounced): no try of ours "
            "can be pinned. Add an address that works first."
        )
    if by == Commitment.By.US and (why := not_ours_to_use(lead, channel)):
        raise ActionError(
            f"{why}: a promise to {Channel(channel).label.lower()} {lead.name} could not be "
            "kept. Pick another way, or Any to let the plan choose."
        )
    c = Commitment.objects.create(lead=lead, by=by, what=what, due_at=due_at, channel=channel)
    _done(lead, "commitment", caller=caller, commitment=c)
    return c


def not_ours_to_use(lead: Lead, channel: str, reachable: list[str] | None = None) -> str:
    """Why a try of ours on `channel` may not be made to this lead's address ("" when it may,
    or for a visit or no channel, which the plan places): the rule the plan and the outbox
    follow (`reach.address_refusal`), said where a promise is pinned, rather than the plan
    switching channel without a word. `reachable`: the lead's `planning.reachable_channels`,
    looked up when not given. (A held lead is refused whole by `add_commitment`.)"""
    if channel not in reach.CHANNELS or (reachable is not None and channel in reachable):
        return ""
    why = reach.address_refusal(lead, channel)
    if why == reach.NO_ADDRESS:
        return f"{lead.name} has no {'email' if channel == 'email' else 'phone'}"
    if why == reach.NO_TEXT_CONSENT:
        return f"{lead.name} gave no consent to texts"
    if why == reach.TEXTS_OFF:
        return "Texts are not set up"
    if why == reach.SUPPRESSED:
        address = reach.address_of(lead, channel)
        shown = display_phone(address) if channel != "email" else address
        return f"{shown} is not to be contacted (an opt-out or a bounce)"
    return ""


@transaction.atomic
def resolve_commitment(
    c: Commitment, state: str, *, user=None, at: datetime | None = None
) -> Commitment:
    """Mark a commitment done, missed or cancelled. A promise the lead misses is a poor signal."""
    _resolve(c, state, at or timezone.now())
    return c


def _resolve(c: Commitment, state: str, at: datetime) -> bool:
    """Claimed by a conditional UPDATE (pending -> state) under the lead's lock: of two
    workers (or a worker and a person) resolving the same promise, one wins and returns
    True; the other changes nothing."""
    lead = _lock(c.lead_id)
    if (
        Commitment.objects.filter(pk=c.pk, state=Commitment.State.PENDING).update(
            state=state, resolved_at=at
        )
        != 1
    ):
        c.refresh_from_db()
        return False
    c.state, c.resolved_at = state, at
    signal = {Commitment.State.MISSED: "missed_promise", Commitment.State.DONE: "kept_promise"}.get(
        state
    )
    if c.by == Commitment.By.LEAD and signal and signal not in lead.signals:
        lead.signals = [*lead.signals, signal]
        lead.save(update_fields=["signals", "updated_at"])
    _done(lead, "commitment", commitment=c)
    return True


def lapse_commitment(c: Commitment, now: datetime) -> bool:
    """One of the lead's promises past due becomes missed; True if this call lapsed it."""
    with transaction.atomic():
        return _resolve(c, Commitment.State.MISSED, now)


def mark_missed_commitments(now: datetime | None = None) -> int:
    """Worker step: the lead's pending promises past due and their grace day (seed 000: give
    them another day) become missed; until then they stay pending, so Today says "give them
    another day" and the plan waits for them rather than let the lead go. Our own overdue
    calls stay pending (they are on Today). Returns how many this worker lapsed (each
    promise is lapsed by exactly one worker)."""
    now = now or timezone.now()
    due = Commitment.objects.filter(
        state=Commitment.State.PENDING, by=Commitment.By.LEAD, due_at__lt=now - GRACE_DAY
    )
    return sum(lapse_commitment(c, now) for c in due.order_by("due_at", "pk")[:500])
