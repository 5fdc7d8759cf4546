"""Every change to a lead, one function per transition (Zulip's `do_*` actions).

Each action runs in one transaction: it writes its rows (attempt, commitment,
status change), recomputes the lead's plan through the decision core, and sends
`lead_event` so other apps (outreach) react inside the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import models, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from .models import (
    ACTIVE_STATUSES,
    Attempt,
    Commitment,
    Lead,
    Outcome,
    Status,
    StatusChange,
    Suppression,
)
from .normalize import normalize_email, normalize_phone
from .planning import replan_lead

# kind is one of: created, attempt, commitment, status, signals, reply, opt_out, updated.
lead_event = Signal()

DEFAULT_MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
GOOD = {"asked_price", "asked_details", "stated_need", "initiated_contact", "kept_promise"}
POOR = {"vague", "no_specific_interest", "short_conversation", "missed_promise", "distracted"}
# A pending "we call them" commitment is fulfilled by an attempt this close to it.
COMMITMENT_MATCH_HOURS = 24


class ActionError(ValueError):
    """A transition that is not allowed; the message is for the user."""


def _emit(lead: Lead, kind: str, **extra) -> None:
    lead_event.send(sender=Lead, lead=lead, kind=kind, **extra)


def _transition(lead: Lead, new: str, reason: str, user=None, at: datetime | None = None) -> None:
    """Set the status and write the StatusChange row (the only place status changes)."""
    old = lead.status
    if old == new:
        return
    lead.status = new
    lead.save(update_fields=["status", "revisit_at", "won_value", "lost_reason", "updated_at"])
    StatusChange.objects.create(lead=lead, old=old, new=new, reason=reason, user=user,
                                at=at or timezone.now())


@transaction.atomic
def create_lead(owner, *, user=None, reason: str = "New enquiry", **fields) -> Lead:
    """Store a new enquiry; its plan says 'respond now'."""
    fields["email"] = normalize_email(fields.get("email"))
    fields["phone"] = normalize_phone(fields.get("phone"))
    fields.setdefault("status", Status.OPEN)
    lead = Lead.objects.create(owner=owner, **fields)
    StatusChange.objects.create(lead=lead, old="", new=lead.status, reason=reason, user=user,
                                at=lead.created_at)
    replan_lead(lead)
    _emit(lead, "created")
    return lead


@transaction.atomic
def update_lead(lead: Lead, *, user=None, **fields) -> Lead:
    """Edit details (not status); the plan is recomputed because value or source may change."""
    if "email" in fields:
        fields["email"] = normalize_email(fields["email"])
    if "phone" in fields:
        fields["phone"] = normalize_phone(fields["phone"])
    for k, v in fields.items():
        setattr(lead, k, v)
    lead.save()
    replan_lead(lead)
    _emit(lead, "updated")
    return lead


@transaction.atomic
def log_attempt(lead: Lead, channel: str, outcome: str, *, user=None, minutes: float | None = None,
                notes: str = "", progress: bool | None = None, at: datetime | None = None,
                replan: bool = True) -> Attempt:
    """Record one contact attempt and move the lead on (talked/replied -> engaged, ...).

    replan=False leaves the plan to the caller, who replans many leads in one batch
    (the outbox worker: planning.replan_all after each batch of sends)."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    if lead.status in (Status.WON, Status.LOST, Status.OPTED_OUT):
        raise ActionError(f"{lead.name} is {lead.get_status_display().lower()}: reopen the lead first.")
    at = at or timezone.now()
    attempt = Attempt.objects.create(
        lead=lead, channel=channel, outcome=outcome, user=user, notes=notes, progress=progress, at=at,
        minutes=DEFAULT_MINUTES.get(channel, 5.0) if minutes is None else minutes,
    )
    lead.attempt_count = F("attempt_count") + 1
    lead.last_attempt_at = at if lead.last_attempt_at is None else max(lead.last_attempt_at, at)
    if lead.first_response_at is None or at < lead.first_response_at:
        lead.first_response_at = at
    lead.save(update_fields=["attempt_count", "last_attempt_at", "first_response_at", "updated_at"])
    lead.refresh_from_db(fields=["attempt_count"])
    _fulfil_our_commitment(lead, at)
    if outcome in (Outcome.TALKED, Outcome.REPLIED) and lead.status != Status.ENGAGED:
        _transition(lead, Status.ENGAGED, f"{attempt.get_outcome_display()} ({channel})", user, at)
    elif outcome == Outcome.OPTED_OUT:
        _suppress(lead, channel, "opt-out")
        _transition(lead, Status.OPTED_OUT, f"Asked not to be contacted ({channel})", user, at)
    elif outcome == Outcome.BOUNCED:
        _suppress(lead, channel, "bounce")
    elif lead.status in (Status.NURTURE, Status.REVISIT, Status.CLOSED):
        _transition(lead, Status.OPEN, "Contacted again", user, at)
    if replan:
        replan_lead(lead)
    _emit(lead, "attempt", attempt=attempt)
    return attempt


def _fulfil_our_commitment(lead: Lead, at: datetime) -> None:
    window = timezone.timedelta(hours=COMMITMENT_MATCH_HOURS)
    lead.commitments.filter(state=Commitment.State.PENDING, by=Commitment.By.US,
                            due_at__lte=at + window).update(state=Commitment.State.DONE, resolved_at=at)


def _suppress(lead: Lead, channel: str | None, reason: str) -> None:
    if channel in (None, "email") and lead.email:
        Suppression.objects.get_or_create(value=lead.email, defaults={"kind": "email", "reason": reason})
    if channel in (None, "call", "text") and lead.phone and reason == "opt-out":
        Suppression.objects.get_or_create(value=lead.phone, defaults={"kind": "phone", "reason": reason})


# Our outcomes a reply turns into `replied`: the try was silent until they wrote back.
SILENT_OUTCOMES = (Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE)
REPLY_CLOCK_SKEW = timezone.timedelta(minutes=15)


@transaction.atomic
def record_reply(lead: Lead, channel: str, *, at: datetime | None = None, text: str = "",
                 user=None) -> Attempt | None:
    """An inbound reply: the lead has responded, so it becomes engaged and tops Today.

    A reply is not an attempt of ours: it counts toward no weekly cap. Our latest attempt
    before it is marked `replied` (that try got an answer: what `fit` learns), and the
    lead's `responded_at` says when they wrote. Returns the attempt it marked, if any."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    at = at or timezone.now()
    # the reply's clock (a Date header) may run a little behind ours
    attempt = lead.attempts.filter(at__lte=at + REPLY_CLOCK_SKEW).order_by("-at", "-pk").first()
    if attempt is not None and attempt.outcome in SILENT_OUTCOMES:
        attempt.outcome = Outcome.REPLIED
        attempt.save(update_fields=["outcome"])
    if lead.responded_at is None or at > lead.responded_at:
        lead.responded_at = at
        lead.save(update_fields=["responded_at", "updated_at"])
    if lead.status != Status.ENGAGED and lead.status not in (Status.WON, Status.LOST, Status.OPTED_OUT):
        _transition(lead, Status.ENGAGED, f"Replied by {channel}", user, at)
    replan_lead(lead)
    _emit(lead, "reply", attempt=attempt, channel=channel, text=text[:2000])
    return attempt


@transaction.atomic
def add_commitment(lead: Lead, *, by: str, what: str, due_at: datetime, user=None) -> Commitment:
    """Pin the next step (seed 002: propose a specific time yourself)."""
    c = Commitment.objects.create(lead=lead, by=by, what=what, due_at=due_at)
    replan_lead(lead)
    _emit(lead, "commitment", commitment=c)
    return c


@transaction.atomic
def resolve_commitment(c: Commitment, state: str, *, user=None, at: datetime | None = None) -> Commitment:
    """Mark a commitment done, missed or cancelled. A promise the lead misses is a poor signal."""
    if c.state != Commitment.State.PENDING:
        return c
    c.state, c.resolved_at = state, at or timezone.now()
    c.save(update_fields=["state", "resolved_at"])
    lead = c.lead
    if state == Commitment.State.MISSED and c.by == Commitment.By.LEAD and "missed_promise" not in lead.signals:
        lead.signals = [*lead.signals, "missed_promise"]
        lead.save(update_fields=["signals", "updated_at"])
    elif state == Commitment.State.DONE and c.by == Commitment.By.LEAD and "kept_promise" not in lead.signals:
        lead.signals = [*lead.signals, "kept_promise"]
        lead.save(update_fields=["signals", "updated_at"])
    replan_lead(lead)
    _emit(lead, "commitment", commitment=c)
    return c


def mark_missed_commitments(now: datetime | None = None) -> int:
    """Worker step: pending commitments past due become missed (the plan adds the grace day)."""
    now = now or timezone.now()
    n = 0
    for c in Commitment.objects.filter(state=Commitment.State.PENDING, due_at__lt=now).select_related("lead"):
        # Our own overdue calls stay pending (they are on Today); the lead's promises lapse.
        if c.by == Commitment.By.LEAD:
            resolve_commitment(c, Commitment.State.MISSED, at=now)
            n += 1
    return n


@transaction.atomic
def set_signals(lead: Lead, signals: list[str], *, user=None) -> Lead:
    """Replace the qualification signals; good ones raise the plan, poor ones lower it."""
    lead.signals = sorted(set(signals))
    lead.save(update_fields=["signals", "updated_at"])
    replan_lead(lead)
    _emit(lead, "signals")
    return lead


@transaction.atomic
def stop_chasing(lead: Lead, next_state: str, *, user=None, revisit_at: datetime | None = None,
                 reason: str = "") -> Lead:
    """Stop: nurture (mailing list, needs consent), revisit on a date, or closed."""
    if next_state == Status.NURTURE and "mailing_list" not in (lead.consents or []):
        raise ActionError("Nurture needs the lead's mailing-list consent; close it or set a revisit date.")
    if next_state == Status.REVISIT:
        if revisit_at is None:
            raise ActionError("A revisit needs a date.")
        lead.revisit_at = revisit_at
    elif next_state not in (Status.NURTURE, Status.CLOSED):
        raise ActionError(f"Cannot stop into {next_state!r}.")
    _transition(lead, next_state, reason or f"Stopped chasing: {next_state}", user)
    replan_lead(lead)
    _emit(lead, "status")
    return lead


@transaction.atomic
def reopen(lead: Lead, *, user=None, reason: str = "Reopened") -> Lead:
    """Bring a stopped, lost or revisit lead back to the agenda (never an opted-out one)."""
    if lead.status == Status.OPTED_OUT:
        raise ActionError("This person opted out: they cannot be chased again.")
    lead.revisit_at = None
    _transition(lead, Status.ENGAGED if lead.status == Status.ENGAGED else Status.OPEN, reason, user)
    replan_lead(lead)
    _emit(lead, "status")
    return lead


@transaction.atomic
def mark_won(lead: Lead, value: Decimal | float | None = None, *, user=None, reason: str = "") -> Lead:
    lead.won_value = Decimal(str(value)) if value is not None else lead.value
    _transition(lead, Status.WON, reason or f"Won ({lead.won_value or 'no value'})", user)
    replan_lead(lead)
    _emit(lead, "status")
    return lead


@transaction.atomic
def mark_lost(lead: Lead, reason: str = "", *, user=None) -> Lead:
    lead.lost_reason = reason[:200]
    _transition(lead, Status.LOST, reason or "Lost", user)
    replan_lead(lead)
    _emit(lead, "status")
    return lead


@transaction.atomic
def opt_out(lead: Lead, *, channel: str | None = None, user=None, reason: str = "Opted out") -> Lead:
    """The person asked us to stop: suppress their addresses, never contact again."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    _suppress(lead, channel, "opt-out")
    if channel is None:
        _suppress(lead, "email", "opt-out")
    _transition(lead, Status.OPTED_OUT, reason, user)
    replan_lead(lead)
    _emit(lead, "opt_out", channel=channel)
    return lead


@transaction.atomic
def reassign(lead: Lead, owner, *, user=None) -> Lead:
    old = lead.owner
    lead.owner = owner
    lead.save(update_fields=["owner", "updated_at"])
    StatusChange.objects.create(lead=lead, old=lead.status, new=lead.status, user=user,
                                reason=f"Reassigned from {old} to {owner}")
    _emit(lead, "updated")
    return lead


@transaction.atomic
def pause_until(lead: Lead, until: datetime | None, *, reason: str = "Out of office", user=None) -> Lead:
    """Pause the chase until a date (an out-of-office reply names one)."""
    lead.paused_until = until
    lead.save(update_fields=["paused_until", "updated_at"])
    StatusChange.objects.create(lead=lead, old=lead.status, new=lead.status, user=user,
                                reason=f"{reason}: paused until {until:%Y-%m-%d}" if until else reason)
    replan_lead(lead)
    _emit(lead, "updated")
    return lead


def wake_revisits(now: datetime | None = None) -> int:
    """Worker step: leads parked for revisit whose date has come go back on the agenda."""
    now = now or timezone.now()
    n = 0
    for lead in Lead.objects.filter(status=Status.REVISIT, revisit_at__lte=now):
        reopen(lead, reason="Revisit date reached")
        n += 1
    return n


def is_active(lead: Lead) -> bool:
    return lead.status in ACTIVE_STATUSES


@transaction.atomic
def undo_outcome(lead: Lead, *, before: dict, attempt_id: int | None = None, commitment_ids=(),
                 what: str = "", user=None) -> Lead:
    """Take back a one-click outcome moments after it was clicked (Today's Undo).

    `before` is the lead's status and stop fields as they were before the click (status,
    revisit_at, won_value, lost_reason); `attempt_id` the attempt the click logged, if any,
    which is deleted (a mis-tap is not history to learn from), and `commitment_ids` our
    commitments the attempt fulfilled, which are pending again. The lead's counters are
    recounted from its remaining attempts, the plan is recomputed, and a StatusChange row
    says what was undone and by whom. An opted-out person is never brought back."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    if lead.status == Status.OPTED_OUT:
        raise ActionError("This person opted out: they cannot be chased again.")
    if attempt_id is not None:
        lead.attempts.filter(pk=attempt_id).delete()
        left = lead.attempts.aggregate(n=models.Count("pk"), last=models.Max("at"), first=models.Min("at"))
        lead.attempt_count, lead.last_attempt_at, lead.first_response_at = left["n"], left["last"], left["first"]
    if commitment_ids:
        lead.commitments.filter(pk__in=list(commitment_ids), state=Commitment.State.DONE).update(
            state=Commitment.State.PENDING, resolved_at=None)
    revisit = before.get("revisit_at")
    lead.revisit_at = datetime.fromisoformat(revisit) if revisit else None
    won = before.get("won_value")
    lead.won_value = Decimal(won) if won not in (None, "") else None
    lead.lost_reason = before.get("lost_reason") or ""
    old, new = lead.status, before.get("status") or lead.status
    lead.status = new
    lead.save(update_fields=["status", "revisit_at", "won_value", "lost_reason", "attempt_count",
                             "last_attempt_at", "first_response_at", "updated_at"])
    StatusChange.objects.create(lead=lead, old=old, new=new, user=user, at=timezone.now(),
                                reason=f"Undone: {what}"[:200] if what else "Undone")
    replan_lead(lead)
    _emit(lead, "status" if old != new else "updated")
    return lead


def undo_snapshot(lead: Lead) -> dict:
    """What `undo_outcome` needs to put a lead back as it is now (plain JSON values)."""
    return {
        "status": lead.status,
        "revisit_at": lead.revisit_at.isoformat() if lead.revisit_at else None,
        "won_value": str(lead.won_value) if lead.won_value is not None else None,
        "lost_reason": lead.lost_reason or "",
    }
