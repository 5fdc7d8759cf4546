"""The outbox: queue in the caller's transaction, claim one due row with a conditional
UPDATE (`claiming`), re-check under the lead's lock (`refusals.recheck`), send once, record
the attempt.

Exactly-once rests on two rules. A row moves queued -> sending only through
`actions.move` (`filter(pk=..., state=queued).update(...) == 1`), so one worker owns it;
every state change goes through that door and leaves a `MessageChange` row. The row is
`sending` (committed) before the provider is called, so a worker that dies mid-send
leaves evidence: `claiming.recover_abandoned` turns such rows `unknown` for a person, never
back into `queued`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fairchase.leads import actions as lead_actions
from fairchase.leads import planning
from fairchase.leads.models import Lead, Outcome, Suppression
from fairchase.leads.people import business_owner, display_name
from fairchase.leads.worker import stop_asked

from . import actions, bounces, locks
from .channels import ChannelError, channel_for
from .channels.email import sending_address
from .channels.text import with_opt_out_hint
from .claiming import WORKER_ID, claim, recover_abandoned
from .models import MessageTemplate, OutboundMessage
from .refusals import SUPPRESSED, address_for, recheck, recheck_receipt, refusal
from .rendering import RenderError, reader_day, render
from .repeats import repeat_of, repeat_reason
from .retries import _now_in, _record_failure, named
from .stopping import goes_after_the_stop

log = logging.getLogger("fairchase.outreach")
State = OutboundMessage.State

# When this process last looked for rows a dead worker left `sending`.
_last_recovery: datetime | None = None
# After a send whose outcome is unknown (the server dropped the connection once it had the
# data), this worker sends nothing for this long: the next messages would go the same way.
LOST_PAUSE = timedelta(minutes=2)
_paused: dict[str, datetime] = {}


class OutboxError(ValueError):
    """A message that cannot be queued; the text is for the user."""


def message_id_domain() -> str:
    """The sending address's domain, so our Message-IDs name the business that sent them."""
    address = sending_address()
    return address.rsplit("@", 1)[-1] if "@" in address else "fairchase.local"


def new_message_id() -> str:
    return make_msgid(domain=message_id_domain())


def queue(
    lead: Lead,
    channel: str,
    subject: str,
    body: str,
    *,
    template: MessageTemplate | None = None,
    due_at: datetime | None = None,
    user=None,
    step: str = "",
    as_drafted: bool = False,
) -> OutboundMessage:
    """Add a message to the outbox in the caller's transaction (a rollback queues nothing).
    `as_drafted`: its words are `template`'s as rendered, not a person's edit.

    `step` names an automatic message's plan step: a second message for the same lead and
    step raises IntegrityError (the database's unique constraint), so two workers planning
    the same lead queue it once."""
    to = address_for(lead, channel)
    if not to:
        raise OutboxError(
            f"{lead.name} has no {'email address' if channel == 'email' else 'phone number'}."
        )
    if why := refusal(lead, channel):
        raise OutboxError(why)  # nothing is queued for someone we may not contact
    subject, body = _as_stored(channel, subject, body)
    msg = OutboundMessage.objects.create(
        lead=lead,
        channel=channel,
        to=to,
        subject=subject,
        body=body,
        template=template,
        due_at=due_at or timezone.now(),
        queued_by=user,
        signed_by=lead.owner,  # the owner whose name and phone its words carry
        message_id=new_message_id(),
        step=step[:60],
        as_drafted=as_drafted and template is not None,
    )
    actions.created(msg, f"Queued: plan step {step}" if step else "Queued", user)
    return msg


def _as_stored(channel: str, subject: str, body: str) -> tuple[str, str]:
    """A message's subject and body as its row keeps them."""
    if channel == "text":
        return "", with_opt_out_hint(body)
    # one line: a newline in a subject (typed, or from a placeholder) is no header break
    return " ".join(subject.split())[:200], body


def queue_clicked(
    lead: Lead,
    channel: str,
    subject: str,
    body: str,
    *,
    user,
    template: MessageTemplate | None = None,
    as_drafted: bool = False,
) -> OutboundMessage:
    """Queue what a person clicked Send on, once: the same words to the same lead while a copy
    is still in the Outbox, or within `repeats.REPEAT_WINDOW` of one going out, raise OutboxError
    saying so. The lead's row lock (PostgreSQL; SQLite's IMMEDIATE transaction holds the
    whole database instead) makes the look and the insert one step, so of three requests
    arriving together one queues and two are refused."""
    with transaction.atomic():
        Lead.objects.select_for_update(of=("self",)).filter(pk=lead.pk).first()
        stored_subject, stored_body = _as_stored(channel, subject, body)
        copy = repeat_of(lead, channel, stored_subject, stored_body, timezone.now())
        if copy is not None:
            raise OutboxError(repeat_reason(copy))
        return queue(
            lead, channel, subject, body, template=template, user=user, as_drafted=as_drafted
        )


def queue_owner_alert(lead: Lead, subject: str, body: str) -> OutboundMessage | None:
    """An email to the lead's owner about the lead ("new enquiry"): queued in the caller's
    transaction and sent by the worker with retries, never inside a visitor's request."""
    to = lead.owner.email
    if not to:
        return None
    msg = OutboundMessage.objects.create(
        lead=lead,
        kind=OutboundMessage.Kind.OWNER_ALERT,
        channel="email",
        to=to,
        subject=" ".join(subject.split())[:200],  # one line, as every subject is stored
        body=body,
        due_at=timezone.now(),
        message_id=new_message_id(),
    )
    actions.created(msg, "Owner alert queued")
    return msg


def queue_receipt(to: str, subject: str, body: str) -> OutboundMessage:
    """Send "we got your message" to the address a form's post typed: queued in the caller's
    transaction and sent at once at any hour (they are waiting for it), yet never to an
    address that asked not to be contacted (OutboxError). A receipt, not an attempt: the
    enquiry stays "respond now" until a person responds.

    It belongs to no lead, whether the post made a lead, joined one or made an opted-out
    record: a post joining a customer's lead by name and phone may carry a stranger's
    address, and a message of the customer's lead sent there would carry the owner's name
    and an unsubscribe naming the customer's lead, and thread his replies to it. From the
    business, its unsubscribe stops email to `to` only (`channels.email`)."""
    if not to:
        raise OutboxError("No email address was given.")
    if Suppression.objects.filter(value=to).exists():
        raise OutboxError(SUPPRESSED)
    msg = OutboundMessage.objects.create(
        lead=None,
        kind=OutboundMessage.Kind.RECEIPT,
        channel="email",
        to=to,
        subject=" ".join(subject.split())[:200],
        body=body,
        due_at=timezone.now(),
        message_id=new_message_id(),
    )
    actions.created(msg, "Acknowledgement queued")
    return msg


def queue_template(
    lead: Lead, template: MessageTemplate, *, user=None, due_at=None, step: str = ""
) -> OutboundMessage:
    """Render a template for the lead and queue it (RenderError if a value is missing)."""
    rendered = render(template.subject, template.body, lead, template.channel)
    return queue(
        lead,
        template.channel,
        rendered.subject,
        rendered.body,
        template=template,
        due_at=due_at,
        user=user,
        step=step,
        as_drafted=True,
    )


def _claimed(pk: int, now: datetime):
    """(msg, lead, None) if this worker should send now, else (msg, lead, new state). In a transaction."""
    msg = OutboundMessage.objects.select_related("queued_by", "template").get(pk=pk)
    if msg.lead_id is None:
        return _claimed_receipt(msg)
    lead = _lock_lead(msg.lead_id)
    msg.lead = lead
    # Read again under the lock: a wait for it longer than the lease lets recovery (or a
    # person after it) move the row, and what was read before the wait is no longer true.
    msg.state, msg.claimed_by = (
        OutboundMessage.objects.filter(pk=pk).values_list("state", "claimed_by").get()
    )
    if msg.state != State.SENDING or msg.claimed_by != WORKER_ID:
        return msg, lead, msg.state
    if msg.kind == OutboundMessage.Kind.OWNER_ALERT and (why := _alert_someone_here(msg, lead)):
        verdict, later = "cancel", None
    else:
        verdict, why, later = recheck(msg, lead, now)
    mine = {"claimed_by": WORKER_ID}
    if verdict == "cancel":
        actions.move(pk, State.SENDING, State.CANCELLED, why, where=mine, error=why)
        return msg, lead, State.CANCELLED
    if verdict == "defer":
        actions.move(
            pk,
            State.SENDING,
            State.QUEUED,
            why,
            where=mine,
            due_at=later,
            error=why,
            claimed_by="",
            attempts=F("attempts") - 1,
        )
        return msg, lead, State.QUEUED
    _word_for_today(msg, lead, now)
    return msg, lead, None


def _lock_lead(lead_id: int) -> Lead:
    """The lead's row lock orders the send's check against an opt-out committing in parallel
    (on SQLite the IMMEDIATE transaction holds the database's write lock instead)."""
    return Lead.objects.select_for_update(of=("self",)).select_related("owner").get(pk=lead_id)


def _claimed_receipt(msg: OutboundMessage):
    """`_claimed` for a form's receipt, which belongs to no lead: (msg, None, None) when it
    may go now, else (msg, None, its new state). Only its address is asked (`recheck_receipt`)."""
    if msg.state != State.SENDING or msg.claimed_by != WORKER_ID:
        return msg, None, msg.state
    if why := recheck_receipt(msg):
        actions.move(
            msg.pk, State.SENDING, State.CANCELLED, why, where={"claimed_by": WORKER_ID}, error=why
        )
        return msg, None, State.CANCELLED
    return msg, None, None


def _word_for_today(msg: OutboundMessage, lead: Lead, now: datetime) -> None:
    """A message made from its template as drafted (`as_drafted`: queued by the automatic
    worker, or a click on Send of the draft) naming the call's day ({{call_day}}) that was
    queued on an earlier day of the reader's calendar (held for a Sunday, contact hours or
    the weekly cap) is worded again before it goes: "today" is no longer true. Its row keeps
    what went, a transition row says why. A message a person edited (Compose) keeps the
    words they sent."""
    if not msg.as_drafted or msg.kind != OutboundMessage.Kind.TO_LEAD:
        return
    template = msg.template
    if template is None or "call_day" not in template.subject + template.body:
        return
    if reader_day(msg.created_at, lead) == reader_day(now, lead):
        return
    try:
        rendered = render(template.subject, template.body, lead, template.channel)
    except RenderError:
        return  # the template changed since and cannot be filled: what was queued goes
    subject, body = _as_stored(msg.channel, rendered.subject, rendered.body)
    why = "Worded again for the day it goes out (it names the day of the call)"
    if actions.move(
        msg.pk,
        State.SENDING,
        State.SENDING,
        why,
        where={"claimed_by": WORKER_ID},
        subject=subject,
        body=body,
    ):
        msg.subject, msg.body = subject, body


def _alert_someone_here(msg: OutboundMessage, lead: Lead) -> str:
    """An owner's alert queued for someone deactivated since goes to whoever now takes the
    lead's work (its owner if they still work here, else `people.business_owner`), said on
    the lead's timeline and the message's transitions. Returns why it cannot go ("" when it
    may): nobody here with an email address to take it."""
    addressee = get_user_model().objects.filter(email__iexact=msg.to).order_by("-is_active").first()
    if addressee is None or addressee.is_active:
        return ""
    receiver = lead.owner if lead.owner.is_active else business_owner()
    if receiver is None or not receiver.email:
        return f"{display_name(addressee)} no longer works here, and nobody who does could take it."
    said = (
        f"New-enquiry alert sent to {display_name(receiver)} instead: "
        f"{display_name(addressee)} no longer works here."
    )
    if actions.readdress(msg, receiver.email, said, where={"claimed_by": WORKER_ID}):
        msg.to = receiver.email
        lead_actions.note_on_timeline(lead, said)
    return ""


def _send(msg: OutboundMessage) -> tuple[str, ChannelError | None]:
    try:
        return channel_for(msg.channel).send(msg), None
    except ChannelError as exc:
        return "", exc
    except (
        Exception
    ) as exc:  # we cannot tell how far it got: a person decides, never a silent resend
        log.exception("sending %s failed unexpectedly", named(msg))
        return "", ChannelError(f"{type(exc).__name__}: {exc}", "unknown")


def _record(
    msg: OutboundMessage,
    lead: Lead,
    provider_id: str,
    error: ChannelError | None,
    now: datetime,
    replan: bool,
) -> str:
    """Write what the provider said (inside a transaction)."""
    if error is not None:
        state = _record_failure(msg, error, now)
        if state == State.FAILED and error.bad_address:
            bounces.address_refused(msg, lead, str(error), now)
        return state
    sent_at = timezone.now()
    # A row a restarted worker already marked unknown is still known to be sent by us.
    if not actions.move(
        msg.pk,
        (State.SENDING, State.UNKNOWN),
        State.SENT,
        "Sent",
        sent_at=sent_at,
        provider_id=provider_id[:200],
        error="",
    ):  # a person acted on it meanwhile (cancelled, sent again): theirs stands, no attempt
        log.warning("sent %s, but its row had moved on meanwhile", named(msg))
        return _now_in(msg.pk)
    log.info("sent %s", named(msg))
    if msg.kind != OutboundMessage.Kind.TO_LEAD:
        # An alert to our own user, or a receipt to the enquirer: neither is an attempt.
        return State.SENT
    try:
        with transaction.atomic():
            lead_actions.log_attempt(
                lead,
                msg.channel,
                Outcome.NO_ANSWER,
                user=msg.queued_by,
                at=sent_at,
                notes=f"{msg.get_channel_display()} sent: {msg.subject or msg.body[:80]}",
                replan=replan,
                keeps_promise=False,  # a template sent is no promise of ours kept
                reopens=not goes_after_the_stop(msg, lead),  # a goodbye keeps the stop
            )
    except Exception:  # the message is out: its row must say sent even if planning fails
        log.exception("sent message %s but could not log the attempt", msg.pk)
    return State.SENT


def _send_one(
    now: datetime, pk: int | None = None, *, replan: bool = True
) -> tuple[str | None, int | None]:
    """Claim and send one due row, or row `pk`: (new state, lead id), (None, None) if none."""
    if not locks.needed():
        # PostgreSQL: the claim commits on its own, then the lead's row stays locked through
        # the send, so an opt-out of this lead waits for it (and only this lead waits).
        pk = claim(pk, now)
        if pk is None:
            return None, None
        with transaction.atomic():
            msg, lead, done = _claimed(pk, now)
            if done is not None:
                return done, msg.lead_id
            provider_id, error = _send(msg)
            return _record(msg, lead, provider_id, error, now, replan), msg.lead_id
    # SQLite: claim and check in one short transaction that commits before the send; the
    # send then runs under this lead's file lock instead of the database lock (locks.py).
    guard = None
    with locks.WorkerWrites(), transaction.atomic():
        pk = claim(pk, now)
        if pk is None:
            return None, None
        msg, lead, done = _claimed(pk, now)
        if done is not None:
            return done, msg.lead_id
        guard = locks.LeadSendLock(locks.send_key(msg.lead_id, msg.to))
        if not guard.acquire(wait=False):  # another message to this lead (address) is in flight
            actions.move(
                pk,
                State.SENDING,
                State.QUEUED,
                "Another message to this lead is in flight",
                where={"claimed_by": WORKER_ID},
                claimed_by="",
                due_at=now + timedelta(seconds=5),
                attempts=F("attempts") - 1,
            )
            return State.QUEUED, msg.lead_id
    try:
        provider_id, error = _send(msg)
    finally:
        guard.release()
    with locks.WorkerWrites(), transaction.atomic():
        return _record(msg, lead, provider_id, error, now, replan), msg.lead_id


def send_now(msg: OutboundMessage) -> str:
    """Claim and send this one message at once (a person clicked Send)."""
    state, _ = _send_one(timezone.now(), msg.pk)
    if state is None:
        msg.refresh_from_db()
        return msg.state
    return state


def send_due(limit: int = 100, should_stop: Callable[[], bool] = stop_asked) -> int:
    """Worker step: send up to `limit` due messages; returns how many rows it handled.
    Once `should_stop` (the worker's SIGTERM) it claims no further row: the message in
    flight finishes and the rest stay queued for the next start (a row is claimed only
    just before its send, so none is left `sending`)."""
    global _last_recovery
    now = timezone.now()
    if _last_recovery is None or now - _last_recovery > timedelta(minutes=1):
        recover_abandoned(now)
        _last_recovery = now
    handled, sent_to = 0, set()
    try:
        while handled < limit and now >= _paused.get(WORKER_ID, now) and not should_stop():
            state, lead_id = _send_one(timezone.now(), replan=False)
            if state is None:
                break
            if state == State.SENT and lead_id is not None:  # a receipt plans no lead
                sent_to.add(lead_id)
            handled += 1
            if state == State.UNKNOWN:
                _paused[WORKER_ID] = timezone.now() + LOST_PAUSE
                log.warning(
                    "sending paused until %s after a send of unknown outcome", _paused[WORKER_ID]
                )
    finally:
        if handled == 0:
            channel_for("email").close()  # an idle worker holds no SMTP session open
        _replan(sent_to)
    return handled


def _replan(lead_ids: set[int]) -> None:
    # One batched plan for the whole batch: planning lead by lead would cost more than sending.
    if not lead_ids:
        return
    try:
        with locks.WorkerWrites():
            planning.replan_all(queryset=Lead.objects.filter(pk__in=lead_ids))
    except Exception:  # the messages are out; the stale-plan step will catch up
        log.exception("could not replan %d leads after sending", len(lead_ids))
