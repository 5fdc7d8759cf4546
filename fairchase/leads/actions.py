"""Every change to a lead, one function per transition (Zulip's `do_*` actions).

Each action runs in one transaction: it writes its rows (attempt, commitment,
status change), recomputes the lead's plan through the decision core, and sends
`lead_event` so other apps (outreach) react inside the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone

from .models import (
    ACTIVE_STATUSES,
    OUTBOUND_SOURCES,
    Attempt,
    Commitment,
    Lead,
    Outcome,
    Status,
    StatusChange,
    Suppression,
)
from .normalize import normalize_email, normalize_phone
from .planning import PLAN_FIELDS, replan_lead
from .same_person import person_records, said_no_before

# kind is one of: created, enquiry, attempt, commitment, status, signals, reply, opt_out, updated.
lead_event = Signal()

DEFAULT_MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
GOOD = {"asked_price", "asked_details", "stated_need", "initiated_contact", "kept_promise"}
POOR = {"vague", "no_specific_interest", "short_conversation", "missed_promise", "distracted"}
# A pending "we call them" commitment is fulfilled by an attempt this close to it.
COMMITMENT_MATCH_HOURS = 24


class ActionError(ValueError):
    """A transition that is not allowed; the message is for the user."""


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


@transaction.atomic
def create_lead(
    owner, *, user=None, reason: str = "New enquiry", written_in: bool = False, **fields
) -> Lead:
    """Store a new enquiry; its plan says 'respond now'. A contact from a cold list did not
    enquire: it comes in to be worked by value (a revisit from its first day), never
    listed as an enquiry waiting for its answer. Typed in, imported or sent through the
    API (not `written_in` by the person through a form), a lead with an address of
    someone who opted out has every address suppressed (`_honour_opt_out`)."""
    fields["email"] = normalize_email(fields.get("email"))
    fields["phone"] = normalize_phone(fields.get("phone"))
    fields.setdefault("status", Status.OPEN)
    if fields.get("source") in OUTBOUND_SOURCES:
        fields.setdefault("revisit_at", fields.get("created_at") or timezone.now())
    lead = Lead.objects.create(owner=owner, **fields)
    StatusChange.objects.create(
        lead=lead, old="", new=lead.status, reason=reason, user=user, at=lead.created_at
    )
    if not written_in:
        _honour_opt_out(lead)
    return _done(lead, "created")


@transaction.atomic
def honour_opt_out(pk: int) -> None:
    """`_honour_opt_out` for a lead stored without its action (an imported one), replanned."""
    lead = _lock(pk)
    if _honour_opt_out(lead):
        replan_lead(lead)


def _honour_opt_out(lead: Lead) -> bool:
    """The person said no on one address: their other addresses are suppressed too, with a
    timeline row saying so (the plan, recomputed by the caller, then reaches nobody).
    Whether it suppressed any."""
    if not said_no_before(lead):
        return False
    fresh = [
        v
        for v in (lead.email, lead.phone)
        if v and not Suppression.objects.filter(value=v).exists()
    ]
    if fresh:
        _suppress(lead, None, "opt-out")
        note_on_timeline(lead, f"This person opted out before: {', '.join(fresh)} suppressed too.")
    return bool(fresh)


@transaction.atomic
def add_enquiry(
    lead: Lead,
    *,
    via: str,
    message: str = "",
    email: str = "",
    phone: str = "",
    consents: list[str] | tuple = (),
    at: datetime | None = None,
    repeat_since: datetime | None = None,
    created_as: str = "",
) -> Lead:
    """Someone with an active lead writes in again (a web form, the webhook): the enquiry
    joins that lead instead of making a second record of the same person. The message is
    appended to the notes, an address the lead lacks is added (one it has already is
    named in the note), a consent given is kept (a text consent only for the phone the
    lead has), and a timeline row says "New enquiry through <via>". Written after tries
    of ours, it is their answer: our latest silent try is marked replied and the lead is
    engaged, as `record_reply` does. Never tried yet, the lead is an enquiry waiting from
    now (no revisit date). The same message through `via` since `repeat_since` (joined,
    or the lead made from it: its first row `created_as`) is a double submit: it raises
    `RepeatedEnquiry` and changes nothing. Checked under the lock, so two at once add it once."""
    caller, lead = lead, _lock(lead)
    if lead.status not in ACTIVE_STATUSES:
        raise ActionError(f"{lead.name} is {lead.get_status_display().lower()}: not reopened.")
    at = at or timezone.now()
    email, phone = normalize_email(email), normalize_phone(phone)
    if repeat_since is not None:
        _refuse_repeated_enquiry(lead, via, message, repeat_since, created_as)
    fields = ["notes", "consents", "signals", "updated_at"]
    also = _add_missing_addresses(lead, email, phone, fields)
    _append_enquiry(lead, via, message, also)
    if "sms" in consents and phone != lead.phone:  # a text consent is for the number typed
        consents = [c for c in consents if c != "sms"]
    lead.consents = sorted({*(lead.consents or []), *consents})
    lead.signals = sorted({*(lead.signals or []), "initiated_contact"})
    attempt = lead.attempts.filter(at__lte=at).order_by("-at", "-pk").first()
    reason = f"New enquiry through {via}"
    if not lead.attempts.exists():
        reason += _wait_from_now(lead, at, fields)
    if attempt is not None:  # after tries of ours: they got back to us
        _answered_our_try(lead, attempt, at, fields)
    lead.save(update_fields=fields)
    new = Status.ENGAGED if attempt is not None else lead.status
    _transition(lead, new, reason, None, at)
    return _done(lead, "enquiry", caller=caller)


def _refuse_repeated_enquiry(
    lead: Lead, via: str, message: str, since: datetime, created_as: str
) -> None:
    """Raise `RepeatedEnquiry` if the same message came through `via` since `since` (joined,
    or the lead made from it: its first row `created_as`)."""
    if message.strip() not in lead.notes:
        return
    said_since = lead.status_changes.filter(at__gte=since)
    same = Q(reason__startswith=f"New enquiry through {via}")
    if created_as:
        same |= Q(reason=created_as)
    if said_since.filter(same).exists():
        raise RepeatedEnquiry(f"{lead.name}: the same enquiry again, not added twice.")


def _add_missing_addresses(lead: Lead, email: str, phone: str, fields: list[str]) -> list[str]:
    """Set an address the lead lacks (its field added to `fields`); return the addresses
    given that differ from the lead's own, to be named in the note."""
    also = []
    for name, value in (("email", email), ("phone", phone)):
        if value and not getattr(lead, name):
            setattr(lead, name, value)
            fields.append(name)
        elif value and value != getattr(lead, name):
            also.append(value)
    return also


def _append_enquiry(lead: Lead, via: str, message: str, also: list[str]) -> None:
    """Append "New enquiry through <via>" (naming the other addresses) and the message to
    the lead's notes."""
    said = f"New enquiry through {via}" + (f" (also {', '.join(also)})" if also else "")
    note = f"{said}:\n{message.strip()}" if message.strip() else said
    lead.notes = f"{lead.notes.rstrip()}\n\n{note}".strip()


def _wait_from_now(lead: Lead, at: datetime, fields: list[str]) -> str:
    """A lead never tried (an imported contact, an old untried enquiry): this enquiry is the
    one waiting for its answer now, not a revisit, and its wait starts at `at`. Returns
    what to add to the transition's reason."""
    said = ""
    if lead.revisit_at is not None:
        lead.revisit_at = None
        said += "; its revisit date cleared"
    if lead.created_at < at:
        lead.created_at = at
        fields.append("created_at")
        said += "; waiting from now"
    return said


def _answered_our_try(lead: Lead, attempt: Attempt, at: datetime, fields: list[str]) -> None:
    """They wrote in after our `attempt`: a silent try is marked replied, and the lead's
    `responded_at` moves to `at` if later."""
    if attempt.outcome in SILENT_OUTCOMES:
        attempt.outcome = Outcome.REPLIED
        attempt.save(update_fields=["outcome"])
    if lead.responded_at is None or at > lead.responded_at:
        lead.responded_at = at
        fields.append("responded_at")


# Fields only the actions write (through their own transitions), never `update_lead`.
GUARDED_FIELDS = {
    "status",
    "events",
    "attempt_count",
    "last_attempt_at",
    "first_response_at",
    "responded_at",
    "won_value",
    "lost_reason",
    "paused_until",
    "revisit_at",
    "owner",
    "owner_id",
    "id",
    "pk",
    *PLAN_FIELDS,
}


@transaction.atomic
def update_lead(lead: Lead, *, user=None, **fields) -> Lead:
    """Edit details (not status); the plan is recomputed because value or source may change."""
    if GUARDED_FIELDS & set(fields):
        raise ActionError(
            f"Not a detail: {', '.join(sorted(GUARDED_FIELDS & set(fields)))} change through their own action."
        )
    if "email" in fields:
        fields["email"] = normalize_email(fields["email"])
    if "phone" in fields:
        fields["phone"] = normalize_phone(fields["phone"])
    fresh = _lock(lead)
    for k, v in fields.items():
        setattr(fresh, k, v)
    fresh.save(update_fields=[*fields, "updated_at"])
    if {"email", "phone"} & set(fields):
        _honour_opt_out(fresh)
    return _done(fresh, "updated", caller=lead)


@transaction.atomic
def log_attempt(
    lead: Lead,
    channel: str,
    outcome: str,
    *,
    user=None,
    minutes: float | None = None,
    notes: str = "",
    progress: bool | None = None,
    at: datetime | None = None,
    replan: bool = True,
) -> Attempt:
    """Record one contact attempt and move the lead on (talked/replied -> engaged, ...).

    replan=False leaves the plan to the caller, who replans many leads in one batch
    (the outbox worker: planning.replan_all after each batch of sends)."""
    caller, lead = lead, _lock(lead)
    if lead.status in (Status.WON, Status.LOST, Status.OPTED_OUT):
        raise ActionError(
            f"{lead.name} is {lead.get_status_display().lower()}: reopen the lead first."
        )
    at = at or timezone.now()
    attempt = Attempt.objects.create(
        lead=lead,
        channel=channel,
        outcome=outcome,
        user=user,
        notes=notes,
        progress=progress,
        at=at,
        minutes=DEFAULT_MINUTES.get(channel, 5.0) if minutes is None else minutes,
    )
    _count_attempt(lead, outcome, at)
    _fulfil_our_commitment(lead, at)
    _move_on_after_attempt(lead, attempt, user, at)
    _done(lead, "attempt", caller=caller, replan=replan, attempt=attempt)
    return attempt


def _count_attempt(lead: Lead, outcome: str, at: datetime) -> None:
    """Update the lead's attempt counters and dates for one attempt at `at`."""
    lead.attempt_count += 1
    lead.last_attempt_at = at if lead.last_attempt_at is None else max(lead.last_attempt_at, at)
    if lead.first_response_at is None or at < lead.first_response_at:
        lead.first_response_at = at
    if outcome == Outcome.REPLIED and (lead.responded_at is None or at > lead.responded_at):
        lead.responded_at = at  # logged by hand: our try, and they wrote back
    lead.save(
        update_fields=[
            "attempt_count",
            "last_attempt_at",
            "first_response_at",
            "responded_at",
            "updated_at",
        ]
    )


def _move_on_after_attempt(lead: Lead, attempt: Attempt, user, at: datetime) -> None:
    """The status an attempt's outcome leads to: talked/replied -> engaged, an opt-out said
    on a call or a visit -> opted out everywhere, a bounce suppresses the address, a
    parked lead contacted again -> open."""
    channel, outcome = attempt.channel, attempt.outcome
    if outcome in (Outcome.TALKED, Outcome.REPLIED) and lead.status != Status.ENGAGED:
        _transition(lead, Status.ENGAGED, f"{attempt.get_outcome_display()} ({channel})", user, at)
    elif outcome == Outcome.OPTED_OUT:
        _suppress(lead, None, "opt-out")  # said on a call or a visit: every address
        reason = f"Asked not to be contacted ({channel})"
        _cancel_commitments(lead, at)
        _transition(lead, Status.OPTED_OUT, reason, user, at)
        _opt_out_other_records(lead, reason, user, at)
    elif outcome == Outcome.BOUNCED:
        _suppress(lead, channel, "bounce")
    elif lead.status in (Status.NURTURE, Status.REVISIT, Status.CLOSED):
        _transition(lead, Status.OPEN, "Contacted again", user, at)


def _fulfil_our_commitment(lead: Lead, at: datetime) -> None:
    window = timezone.timedelta(hours=COMMITMENT_MATCH_HOURS)
    lead.commitments.filter(
        state=Commitment.State.PENDING, by=Commitment.By.US, due_at__lte=at + window
    ).update(state=Commitment.State.DONE, resolved_at=at)


def _suppress(lead: Lead, channel: str | None, reason: str) -> None:
    """Suppress the lead's address for `channel` (None: every address). A bounce blocks an
    email address only: a phone number does not bounce."""
    if channel in (None, "email") and lead.email:
        suppress(lead.email, Suppression.Kind.EMAIL, reason, but=lead.pk)
    if channel in (None, "call", "text") and lead.phone and reason == "opt-out":
        suppress(lead.phone, Suppression.Kind.PHONE, reason, but=lead.pk)


@transaction.atomic
def suppress(value: str, kind: str, reason: str, *, but: int | None = None) -> Suppression:
    """Never contact this address again (an opt-out, a hard bounce): the one door for a
    suppression. Every other active lead with the address is replanned at once, so a
    second record of the same person stops being offered as a contact too."""
    row, created = Suppression.objects.get_or_create(
        value=value, defaults={"kind": kind, "reason": reason[:40]}
    )
    if created:
        field = "email" if kind == Suppression.Kind.EMAIL else "phone"
        others = (
            Lead.objects.filter(**{field: value}, status__in=ACTIVE_STATUSES)
            .exclude(pk=but)
            .values_list("pk", flat=True)
        )
        for pk in others:
            _done(_lock(pk), "updated")
    return row


# Our outcomes a reply turns into `replied`: the try was silent until they wrote back.
SILENT_OUTCOMES = (Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE)
REPLY_CLOCK_SKEW = timezone.timedelta(minutes=15)


@transaction.atomic
def record_reply(
    lead: Lead, channel: str, *, at: datetime | None = None, text: str = "", user=None
) -> Attempt | None:
    """An inbound reply: the lead has responded, so it becomes engaged and tops Today.

    A reply is not an attempt of ours: it counts toward no weekly cap. Our latest attempt
    before it is marked `replied` (that try got an answer: what `fit` learns), and the
    lead's `responded_at` says when they wrote. Returns the attempt it marked, if any."""
    caller, lead = lead, _lock(lead)
    at = at or timezone.now()
    # the reply's clock (a Date header) may run a little behind ours
    attempt = lead.attempts.filter(at__lte=at + REPLY_CLOCK_SKEW).order_by("-at", "-pk").first()
    if attempt is not None and attempt.outcome in SILENT_OUTCOMES:
        attempt.outcome = Outcome.REPLIED
        attempt.save(update_fields=["outcome"])
    if lead.responded_at is None or at > lead.responded_at:
        lead.responded_at = at
        lead.save(update_fields=["responded_at", "updated_at"])
    if lead.status != Status.ENGAGED and lead.status not in (
        Status.WON,
        Status.LOST,
        Status.OPTED_OUT,
    ):
        _transition(lead, Status.ENGAGED, f"Replied by {channel}", user, at)
    _done(lead, "reply", caller=caller, attempt=attempt, channel=channel, text=text[:2000])
    return attempt


@transaction.atomic
def add_commitment(lead: Lead, *, by: str, what: str, due_at: datetime, user=None) -> Commitment:
    """Pin the next step (seed 002: propose a specific time yourself)."""
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        raise ActionError(
            f"{lead.name} opted out: no next step can be pinned, they asked not to be contacted."
        )
    c = Commitment.objects.create(lead=lead, by=by, what=what, due_at=due_at)
    _done(lead, "commitment", caller=caller, commitment=c)
    return c


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
    """Worker step: the lead's pending promises past due become missed (the plan adds the
    grace day); our own overdue calls stay pending (they are on Today). Returns how many
    this worker lapsed (each promise is lapsed by exactly one worker)."""
    now = now or timezone.now()
    due = Commitment.objects.filter(
        state=Commitment.State.PENDING, by=Commitment.By.LEAD, due_at__lt=now
    )
    return sum(lapse_commitment(c, now) for c in due.order_by("due_at", "pk")[:500])


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
    """Stop: nurture (mailing list, needs consent), revisit on a date, or closed.

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
def opt_out(
    lead: Lead, *, channel: str | None = None, user=None, reason: str = "Opted out"
) -> Lead:
    """The person asked us to stop, on `channel` or in person: every address of theirs is
    suppressed, their pending promises cancelled, and they are never contacted again, on
    this record or any other record of theirs (see `same_person.person_records`): a parked one
    (revisit, nurture, closed) is opted out too, a won or lost one keeps its status with
    every address suppressed. Asked again (a STOP text after an unsubscribe link), it
    suppresses addresses added since, reaches records made since, and changes nothing
    else. All the records it touches are locked first, in primary-key order, so two
    opt-outs on two records of one person wait for each other instead of deadlocking."""
    caller = lead
    locked = _lock_in_order(lead)
    lead = locked[lead.pk]
    _suppress(lead, None, "opt-out")
    now = timezone.now()
    if lead.status != Status.OPTED_OUT:
        _cancel_commitments(lead, now)
        _transition(lead, Status.OPTED_OUT, reason, user, now)
        _done(lead, "opt_out", caller=caller, channel=channel)
    _opt_out_other_records(lead, reason, user, now, locked)
    return lead


def _cancel_commitments(lead: Lead, at: datetime) -> None:
    """An opted-out person's pending promises (ours and theirs) are no longer due."""
    lead.commitments.filter(state=Commitment.State.PENDING).update(
        state=Commitment.State.CANCELLED, resolved_at=at
    )


def _lock_in_order(lead: Lead) -> dict[int, Lead]:
    """Lock the person's records and those sharing a phone with them, in primary-key order
    (the one order every opt-out takes), and return them fresh by pk."""
    person, strangers = person_records(Lead.objects.get(pk=lead.pk))
    return {pk: _lock(pk) for pk in sorted(person | strangers)}


def _opt_out_other_records(
    lead: Lead, reason: str, user, at: datetime, locked: dict[int, Lead] | None = None
) -> None:
    """The same person's other records: each not yet opted out is, with its own transition
    row naming this one, every address suppressed and its pending promises cancelled; a
    won or lost one keeps its status (a sale made, a lead lost) with every address
    suppressed. A record that only shares a phone number under another name is someone
    else: the number is suppressed (by this opt-out) and its timeline says why."""
    locked = locked or _lock_in_order(lead)
    person, strangers = person_records(lead)
    said = f"Opted out on another record: {lead.name} (#{lead.pk}): {reason}"
    for pk in sorted(person - {lead.pk}):
        other = locked.get(pk) or _lock(pk)
        _suppress(other, None, "opt-out")
        if other.status in (Status.WON, Status.LOST):
            note = f"Every address suppressed: {said}"
            if not other.status_changes.filter(reason=note).exists():
                note_on_timeline(other, note)
        elif other.status != Status.OPTED_OUT:
            _cancel_commitments(other, at)
            _transition(other, Status.OPTED_OUT, said, user, at)
            _done(other, "opt_out")
    for pk in sorted(strangers):
        other = locked.get(pk) or _lock(pk)
        note = (
            f"{lead.name} (#{lead.pk}) opted out and shares the phone {other.phone}: "
            "the number is suppressed; this record, under another name, is not opted out."
        )
        if (
            other.status != Status.OPTED_OUT
            and not other.status_changes.filter(reason=note).exists()
        ):
            note_on_timeline(other, note)


def note_on_timeline(lead: Lead, reason: str) -> StatusChange:
    """A row on the lead's timeline that changes nothing else (an owner's alert that
    could not be emailed): the lead's status stays, written as its old and new."""
    return StatusChange.objects.create(lead=lead, old=lead.status, new=lead.status, reason=reason)


@transaction.atomic
def reassign(lead: Lead, owner, *, user=None) -> Lead:
    caller, lead = lead, _lock(lead)
    old = lead.owner
    lead.owner = owner
    lead.save(update_fields=["owner", "updated_at"])
    StatusChange.objects.create(
        lead=lead,
        old=lead.status,
        new=lead.status,
        user=user,
        reason=f"Reassigned from {old} to {owner}",
    )
    return _done(lead, "updated", caller=caller)


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
