"""Contact attempts and inbound replies: what each outcome moves the lead to, the
attempt counters, a commitment of ours an attempt fulfils."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from ... import clock
from ..models import (
    ACTIVE_STATUSES,
    ANSWERS,
    Attempt,
    Channel,
    Commitment,
    Lead,
    Outcome,
    Status,
    StatusChange,
)
from .commitments import _resolve
from .core import ActionError, _done, _lock, _transition, note_on_timeline
from .optout import _cancel_commitments, _opt_out_other_records, _suppress, opt_out, theirs
from .withheld import Withheld

DEFAULT_MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
# A pending promise of ours is kept by a try a person logs this close to it (see below).
COMMITMENT_MATCH_HOURS = 24
CLOCK_SKEW = timezone.timedelta(minutes=15)  # how far two clocks may disagree


def check_channel(channel: str) -> None:
    """Refuse a channel that is none of the app's (`Channel`: the log form's and the API's
    list), saying which are: an attempt "by pigeon" would be stored and exported."""
    if channel not in Channel.values:
        raise ActionError(f"Unknown channel {channel!r}: one of {', '.join(Channel.values)}.")


# The most minutes one try may take (the log form's and the API's bound): more is a typo, and
# the day's selling minutes are counted from the tries logged on it.
MAX_ATTEMPT_MINUTES = 600


def check_minutes(minutes: float | None) -> None:
    """Refuse minutes no try takes: a negative number would add to the day's selling minutes
    (120 + 3 for "-3"), and more than ten hours is a typo. None is the channel's usual."""
    if minutes is not None and not 0 <= minutes <= MAX_ATTEMPT_MINUTES:
        raise ActionError(
            f"Minutes must be between 0 and {MAX_ATTEMPT_MINUTES} for one try, not {minutes:g}."
        )


# The channels an outcome can happen on where not every one can: only a message bounces.
OUTCOME_CHANNELS = {Outcome.BOUNCED: (Channel.EMAIL, Channel.TEXT)}


def check_outcome(channel: str, outcome: str) -> None:
    """Refuse an outcome its channel cannot have (a call that "bounced"), naming the channels
    it fits: one rule for the log form, the API, Today's buttons and the command line."""
    fits = OUTCOME_CHANNELS.get(outcome)
    if fits and channel not in fits:
        raise ActionError(
            f"{Outcome(outcome).label} fits only {' or '.join(fits)}, not {channel}: "
            "a bounce is a message that came back."
        )


def _when(lead: Lead, at: datetime | None) -> datetime:
    """When a try happened: now, unless given. One before the lead came in is refused; a few
    minutes early is two clocks disagreeing (an API client's created_at, our outbox's send
    time): the try happened, so it is kept, dated when the lead came in."""
    if at is not None and at < lead.created_at:
        if lead.created_at - at > CLOCK_SKEW:
            raise ActionError(before_the_lead(lead))
        return lead.created_at
    return at or timezone.now()


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
    keeps_promise: bool = True,
    reopens: bool = True,
    via: str = "",
) -> Attempt:
    """Record one contact attempt and move the lead on (talked/replied -> engaged, ...).

    replan=False leaves the plan to the caller, who replans many leads in one batch
    (the outbox worker: planning.replan_all after each batch of sends).
    keeps_promise=False: a message Fairchase sent (see `_fulfil_our_commitment`), which
    never keeps a promise of ours. reopens=False: a lead let go stays let go (the outbox's
    last message written for that stop, sent after it). An `at` before the lead came in is refused
    (`before_the_lead`), however the attempt is logged. `via`: who logged it when no user
    did ("by the command line"), said in its notes and the status changes it makes, so the
    record never names someone who was not there."""
    check_channel(channel)
    check_outcome(channel, outcome)
    check_minutes(minutes)
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        raise ActionError(not_chased(lead))
    if lead.status in (Status.WON, Status.LOST):
        raise ActionError(
            f"{lead.name} is {lead.get_status_display().lower()}: reopen the lead first."
        )
    at = _when(lead, at)
    answer = _their_later_enquiry(lead, outcome, at)
    attempt = Attempt.objects.create(
        lead=lead,
        channel=channel,
        outcome=Outcome.REPLIED if answer is not None else outcome,
        user=user,
        notes="\n".join(x for x in (notes, f"Logged {via}." if via else "") if x),
        progress=progress,
        at=at,
        minutes=DEFAULT_MINUTES.get(channel, 5.0) if minutes is None else minutes,
    )
    _count_attempt(lead, outcome, at)
    if keeps_promise:
        _fulfil_our_commitment(lead, at)
    if answer is not None:
        _answered_by(lead, answer, channel, user, via)
    _move_on_after_attempt(lead, attempt, user, at, reopens, via)
    _done(lead, "attempt", caller=caller, replan=replan, attempt=attempt)
    return attempt


# How `add_enquiry` starts the timeline row of an enquiry joining a lead.
ENQUIRY_REASON = "New enquiry through"


def _their_later_enquiry(lead: Lead, outcome: str, at: datetime) -> StatusChange | None:
    """The enquiry that answers a silent try dated `at` recorded only now (an email left
    unknown that a person confirms arrived after the lead wrote in again): the first
    enquiry joined after `at`, with no other try of ours between them. `add_enquiry` and
    `record_reply` mark a try already recorded `replied`; this does the same for one
    recorded late, so `fit` learns the try got an answer whatever order they are logged in."""
    if outcome not in SILENT_OUTCOMES or lead.status not in ACTIVE_STATUSES:
        return None
    enquiry = (
        lead.status_changes.filter(at__gt=at, reason__startswith=ENQUIRY_REASON)
        .order_by("at", "pk")
        .first()
    )
    if enquiry is None or lead.attempts.filter(at__gte=at, at__lte=enquiry.at).exists():
        return None
    return enquiry


def _by(reason: str, via: str) -> str:
    """A status change's reason with who made it when no user did ("..., by the command line")."""
    return f"{reason}, {via}" if via else reason


def _answered_by(lead: Lead, enquiry: StatusChange, channel: str, user, via: str = "") -> None:
    """Record `enquiry` as their answer, as `record_reply` records one: `responded_at` moves
    to it if later, and the lead is engaged, dated when they wrote."""
    if lead.responded_at is None or enquiry.at > lead.responded_at:
        lead.responded_at = enquiry.at
        lead.save(update_fields=["responded_at", "updated_at"])
    if lead.status != Status.ENGAGED:
        reason = _by(f"Replied to our {channel} with a new enquiry", via)
        _transition(lead, Status.ENGAGED, reason, user, enquiry.at)


def before_the_lead(lead: Lead) -> str:
    """Why an attempt dated before the lead existed is refused: it would make a negative
    response time and put the try above "Created" on the timeline. (An import of past
    leads writes its own dates, the lead's first: it does not come through here.)"""
    when = clock.at_zone(lead.created_at, clock.business_zone(), "%a %-d %b %Y %H:%M")
    return f"{lead.name} came in on {when}: an attempt cannot be dated before that."


def not_chased(lead: Lead) -> str:
    """Why no attempt is logged on an opted-out lead, in words that are true: reopening
    refuses them, and nobody should be told to chase someone who said no."""
    said_no = (
        lead.status_changes.filter(new=Status.OPTED_OUT)
        .exclude(old=Status.OPTED_OUT)  # a note on the timeline, not the opt-out
        .order_by("-at", "-pk")
        .first()
    )
    on = ""
    if said_no is not None:
        day = said_no.at.astimezone(clock.business_zone())
        on = f" on {day.day} {day:%b %Y}"
    return f"{lead.name} opted out{on}: Fairchase does not chase them, so no attempt is logged."


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


def _move_on_after_attempt(
    lead: Lead, attempt: Attempt, user, at: datetime, reopens: bool = True, via: str = ""
) -> None:
    """The status an attempt's outcome leads to: talked/replied -> engaged, an opt-out said
    on a call or a visit -> opted out everywhere, a bounce suppresses the address, a
    parked lead contacted again -> open."""
    channel, outcome = attempt.channel, attempt.outcome
    if outcome in ANSWERS and lead.status != Status.ENGAGED:
        reason = _by(f"{attempt.get_outcome_display()} ({channel})", via)
        _transition(lead, Status.ENGAGED, reason, user, at)
    elif outcome == Outcome.OPTED_OUT:
        theirs(lead, None)  # said to one of us: the whole record is theirs
        withheld = Withheld(user)  # his word: not for a teammate's lead at the address
        _suppress(lead, None, "opt-out", withheld)  # said on a call or a visit: every address
        reason = _by(f"Asked not to be contacted ({channel})", via)
        _cancel_commitments(lead, at)
        _transition(lead, Status.OPTED_OUT, reason, user, at)
        _opt_out_other_records(lead, reason, user, at, withheld=withheld)
    elif outcome == Outcome.BOUNCED:
        _suppress(lead, channel, "bounce")
    elif reopens and lead.status in (Status.NURTURE, Status.REVISIT, Status.CLOSED):
        _transition(lead, Status.OPEN, _by("Contacted again", via), user, at)


def _fulfil_our_commitment(lead: Lead, at: datetime) -> None:
    """A try a person logs (a call, a visit, an email or text they wrote, from the promise's
    card on Today, the lead page or the API) within `COMMITMENT_MATCH_HOURS` of our pending
    promise keeps it: they did what they said, or tried to. A message Fairchase sends (a
    template, queued by the automatic worker or by a person's Send on a draft) never does:
    "Call back with the quote" is not kept by "Is this still something you're looking
    into?"; the outbox logs its tries with `keeps_promise=False`. A promise kept another way
    (the quote went by post) is marked Done by hand."""
    window = timezone.timedelta(hours=COMMITMENT_MATCH_HOURS)
    lead.commitments.filter(
        state=Commitment.State.PENDING, by=Commitment.By.US, due_at__lte=at + window
    ).update(state=Commitment.State.DONE, resolved_at=at)


# Our outcomes a reply turns into `replied`: the try was silent until they wrote back.
SILENT_OUTCOMES = (Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE)


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
    attempt = lead.attempts.filter(at__lte=at + CLOCK_SKEW).order_by("-at", "-pk").first()
    if attempt is not None and attempt.outcome in SILENT_OUTCOMES:
        attempt.outcome = Outcome.REPLIED
        attempt.save(update_fields=["outcome"])
    if lead.responded_at is None or at > lead.responded_at:
        lead.responded_at = at
        lead.save(update_fields=["responded_at", "updated_at"])
    # they got in touch: a promise of theirs due by then is kept (as the core reads
    # `responded_at`), never lapsed as missed later by the worker; one due later stands
    for promise in lead.commitments.filter(
        state=Commitment.State.PENDING, by=Commitment.By.LEAD, due_at__lte=at
    ):
        _resolve(promise, Commitment.State.DONE, at)
    if lead.paused_until is not None and lead.paused_until > at:
        # They wrote themselves, back before their out-of-office said: the pause is over.
        lead.paused_until = None
        lead.save(update_fields=["paused_until", "updated_at"])
        note_on_timeline(lead, "They wrote back themselves: out-of-office pause ended", user)
    if lead.status != Status.ENGAGED and lead.status not in (
        Status.WON,
        Status.LOST,
        Status.OPTED_OUT,
    ):
        _transition(lead, Status.ENGAGED, f"Replied by {channel}", user, at)
    _done(lead, "reply", caller=caller, attempt=attempt, channel=channel, text=text[:2000])
    return attempt


# The channels of a message of ours: logged when it is sent (a person's Sent, the outbox).
MESSAGE_CHANNELS = (Channel.EMAIL, Channel.TEXT)


def logged_try_answered(lead: Lead, channel: str, now: datetime | None = None) -> Attempt | None:
    """The try of ours, logged already, that a person's "Replied" clicked now answers (Today's
    card, the lead page's buttons for the step planned on `channel`), or None: a reply is
    not an attempt (docs/decision-core.md), so it is recorded on that try (`record_reply`),
    never as one more. It is our latest try while still silent, when the buttons' own step is
    not due yet (nothing due was made since). None for a step due now: "Replied" there is
    the call they picked up, or the message sent without Fairchase and its answer, one try
    (not an answer to a message weeks old: review31 #5); and for a lead no try is logged on
    (won, lost, opted out)."""
    if lead.status in (Status.WON, Status.LOST, Status.OPTED_OUT):
        return None
    now = now or timezone.now()
    latest = lead.attempts.filter(at__lte=now + CLOCK_SKEW).order_by("-at", "-pk").first()
    if latest is None or latest.outcome not in SILENT_OUTCOMES:
        return None
    due = lead.next_due is not None and lead.next_due <= now
    return None if due else latest


@transaction.atomic
def record_stop_reply(
    lead: Lead, channel: str, *, at: datetime, reason: str, user=None, shown=None
) -> Lead:
    """A reply asking us to stop ("remove me", a STOP text): no answer, so not
    `record_reply`. Our latest silent try before it gets the outcome `opted_out` (the
    decision core's contract: a complaint, where `replied` would teach the fit an answer),
    and the lead is opted out (`opt_out`, its `reason` quoting their words), one change on
    the timeline. A lead already opted out keeps its tries as they are."""
    if _lock(lead).status != Status.OPTED_OUT:
        attempt = lead.attempts.filter(at__lte=at + CLOCK_SKEW).order_by("-at", "-pk").first()
        if attempt is not None and attempt.outcome in SILENT_OUTCOMES:
            attempt.outcome = Outcome.OPTED_OUT
            attempt.save(update_fields=["outcome"])
    return opt_out(lead, channel=channel, user=user, reason=reason, shown=shown)


# The lead's cached counts of its tries (the plan and Today read them without the attempts).
TRY_COUNTERS = ["attempt_count", "last_attempt_at", "first_response_at"]


def recount_tries(lead: Lead) -> None:
    """Set the lead's `TRY_COUNTERS` from the attempts it has now (not saved), where tries
    were added or taken away in a batch: an import's past tries, an Undo."""
    left = lead.attempts.aggregate(n=Count("pk"), last=Max("at"), first=Min("at"))
    lead.attempt_count = left["n"]
    lead.last_attempt_at, lead.first_response_at = left["last"], left["first"]


@transaction.atomic
def not_delivered(lead: Lead, channel: str, at: datetime, reason: str, *, user=None) -> bool:
    """Our message sent `at` (logged then as a silent try) never arrived: the receiving
    server refused it after accepting it (a bounce for its content or our sending, not for
    the address). The try is taken back, so the fit never learns a message nobody got as
    one nobody answered and the weekly cap does not count it; the counters are recounted,
    the timeline says why, the lead is replanned. False when no silent try was logged then
    (it got an answer since, or none was logged)."""
    caller, lead = lead, _lock(lead)
    attempt = (
        lead.attempts.filter(channel=channel, at=at, outcome__in=SILENT_OUTCOMES)
        .order_by("-pk")
        .first()
    )
    if attempt is None:
        return False
    attempt.delete()
    recount_tries(lead)
    lead.save(update_fields=[*TRY_COUNTERS, "updated_at"])
    note_on_timeline(lead, reason, user)
    _done(lead, "updated", caller=caller)
    return True


@transaction.atomic
def add_past_tries(lead: Lead, tries: list[dict], *, user=None, reason: str = "") -> bool:
    """Add the past tries of an imported history to a lead that has none yet (a leads export
    imported first, the history export of the same book after it): its try counts follow
    them, its timeline says where they came from (`reason`), and it is replanned with them.
    Checked under the lead's lock: of two imports of the same file at once, the second adds
    nothing (False). `tries` are parsed history attempts (`intake.history.parse_record`),
    in time order. Its status is the caller's to change, through its action."""
    caller, lead = lead, _lock(lead)
    if lead.attempt_count or not tries:
        return False
    Attempt.objects.bulk_create([Attempt(lead=lead, **a) for a in tries])
    recount_tries(lead)
    lead.imported_at = timezone.now()  # its first try is the file's: no response time of ours
    lead.save(update_fields=[*TRY_COUNTERS, "imported_at", "updated_at"])
    StatusChange.objects.create(
        lead=lead,
        old=lead.status,
        new=lead.status,
        user=user,
        reason=reason or f"Imported history: {len(tries)} past tries added to this lead",
    )
    _done(lead, "attempt", caller=caller)
    return True
