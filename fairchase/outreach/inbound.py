"""What happens when someone answers: record the message once, act on what the reader
says (pause, opt out, close, revisit, call back), and let a person correct the reading.

The only door through which InboundMessage and ReadingCorrection rows are written and
inbound messages change a lead (mail from someone not in the book: `strangers`); the lead's
own changes go through `leads.actions`.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from email.message import Message

from django.db import IntegrityError, transaction
from django.utils import timezone

from fairchase import clock
from fairchase.leads import actions, planning
from fairchase.leads.models import Channel, Commitment, Lead, Status, Suppression
from fairchase.leads.normalize import (
    InvalidContact,
    clean_text,
    normalize_email,
    normalize_phone,
)
from fairchase.leads.people import display_name

from . import replies, replies_learning
from .held import HELD as HELD  # said here too: where a reading's effects are
from .held import STOPS, hold, is_held_stop
from .held import held_stops as held_stops
from .models import InboundMessage, OutboundMessage, ReadingCorrection
from .rendering import reader_day
from .replies import Reading

Kind = InboundMessage.Kind
QUOTE_CHARS = 300
# A call back the message named no date for (a "later" without one: planning.default_revisit).
DEFAULT_CALL_BACK = timedelta(days=1)
CALL_BACK_WHAT = "Call back, as they asked"
log = logging.getLogger("fairchase.outreach")


def quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1] + "…"


def record_inbound(
    *,
    key: str,
    lead: Lead | None,
    channel: str,
    sender: str,
    subject: str,
    reading: Reading,
    received_at: datetime,
    outbound: OutboundMessage | None = None,
) -> InboundMessage | None:
    """Store one inbound message and act on it; None if this key was handled before."""
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                key=key[:255],
                lead=lead,
                channel=channel,
                sender=clean_text(sender)[:254],
                subject=clean_text(subject)[:255],
                text=clean_text(reading.text)[:20000],
                received_at=received_at,
                outbound=outbound,
                kind=reading.kind if lead is not None else Kind.UNMATCHED,
                until=reading.until,
                evidence=reading.evidence[:255],
                language=reading.language[:8],
                hold=reading.hold if lead is not None else InboundMessage.Hold.NONE,
                no_email=reading.no_email,
            )
            if lead is not None and reading.kind != Kind.BOUNCE:
                inbound.effect = apply(inbound)[:255]
                inbound.save(update_fields=["effect"])
    except IntegrityError:
        return None  # another worker (or an earlier poll) handled this message
    log.info(
        "read %s %s from %s: %s%s",
        channel,
        inbound.pk,
        f"lead {lead.pk}" if lead is not None else "someone not in the book",
        inbound.kind,
        f" (answers message {outbound.pk}, Message-ID {outbound.message_id})" if outbound else "",
    )
    return inbound


def record_report(
    msg: Message,
    key: str,
    received_at: datetime,
    reading: Reading,
    outbound: OutboundMessage | None,
) -> InboundMessage | None:
    """Store a mail server's or provider's report (a bounce, a spam complaint) once, on no
    lead and acted on by nobody yet: its handler files it and says what it did; None if this
    key was handled before."""
    return record_inbound(
        key=key,
        lead=None,
        channel="email",
        sender=str(msg.get("From") or ""),
        subject=str(msg.get("Subject") or ""),
        reading=reading,
        received_at=received_at,
        outbound=outbound,
    )


def record_stop_text(
    *, key: str, lead: Lead | None, phone: str, body: str, received_at: datetime
) -> InboundMessage | None:
    """A carrier keyword (STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE): the number is
    suppressed and the lead opted out at once (which cancels what is queued for them).
    No confirmation text is sent: the carrier or provider sends the one the rules require."""
    try:
        with transaction.atomic():
            if phone:
                actions.suppress(phone, Suppression.Kind.PHONE, "opt-out")
            already = lead is None or lead.status == Status.OPTED_OUT
            if lead is not None:  # no answer: the text it answers learns an opt-out; said
                # again, a row on the timeline says so (`actions.ASKED_AGAIN`)
                actions.record_stop_reply(
                    lead,
                    "text",
                    at=received_at,
                    reason=f"Texted {body.strip()[:40]!r}",
                    shown=("phone",) if phone == lead.phone else (),
                )
            return InboundMessage.objects.create(
                key=key[:255],
                lead=lead,
                channel="text",
                sender=phone[:254],
                text=body[:20000],
                received_at=received_at,
                kind=Kind.OPT_OUT,
                evidence=f'carrier keyword "{body.strip()[:40]}"',
                language="",
                effect="Texted a stop word: already opted out."
                if already and lead
                else "Texted a stop word: opted out.",
            )
    except IntegrityError:
        return None


def _from(inbound: InboundMessage, lead: Lead) -> tuple[str, ...]:
    """Which of the lead's addresses a message came from ("email", "phone"): the one whose
    holder said no, if it is the lead's (an opt-out, idempotent, shows only that address is
    theirs: `actions.opt_out`'s `shown`). An email answering one of ours sent to the lead's
    email shows that email from whatever address it comes (an alias, a forward), as the
    one-click link does: it names a message only that address got (review22 #3)."""
    try:
        if inbound.channel == "email":
            if lead.email and _answers_ours_to_its_email(inbound, lead):
                return ("email",)
            return (
                ("email",) if lead.email and normalize_email(inbound.sender) == lead.email else ()
            )
        return ("phone",) if lead.phone and normalize_phone(inbound.sender) == lead.phone else ()
    except InvalidContact:
        return ()


def _answers_ours_to_its_email(inbound: InboundMessage, lead: Lead) -> bool:
    """Whether the email answers a message of ours to the lead sent to its email (an
    owner's alert about the lead went to the owner, not to them)."""
    sent = inbound.outbound
    return (
        sent is not None
        and sent.lead_id == lead.pk
        and sent.channel == "email"
        and sent.kind != OutboundMessage.Kind.OWNER_ALERT
        and sent.to.strip().lower() == lead.email
    )


def _stop(inbound: InboundMessage, lead: Lead, user, said: str) -> str:
    """They asked us to stop (idempotent): opted out, showing theirs only the address the
    message came from (`_from`), in one change: a stop is no reply (`record_stop_reply`:
    the try it answers learns an opt-out). A click on a link is no message of theirs."""
    reason, shown = f"Asked to stop: {said}", _from(inbound, lead)
    if inbound.key.startswith(LINK_KEY):
        actions.opt_out(lead, user=user, reason=reason, shown=shown)
    else:
        actions.record_stop_reply(
            lead, inbound.channel, at=inbound.received_at, reason=reason, user=user, shown=shown
        )
    return "Asked us to stop: opted out."


def _hold(inbound: InboundMessage, user=None) -> str:
    hold(inbound, user)
    return (
        "Asked us to stop, but it is not known to be theirs: nothing is sent or planned until "
        "someone confirms the opt-out or corrects the reading."
    )


# The key of a held stop made by a click on an unsubscribe link (`former`): no message of
# theirs, so a correction of its reading records no reply.
LINK_KEY = "unsubscribe-link:"

# A reply never reopens or closes a lead whose outcome is settled (a won customer saying
# "not interested" in more is still won).
FINAL = (Status.WON, Status.LOST, Status.OPTED_OUT)


def apply(inbound: InboundMessage, user=None, *, record_reply: bool = True) -> str:
    """Do what the reading says; returns a sentence for the timeline."""
    lead = Lead.objects.get(pk=inbound.lead_id)
    kind, until = inbound.kind, inbound.until
    said = f'"{quote(inbound.text)}"'
    if kind == Kind.AUTO_REPLY:
        if left := _left(inbound, lead):
            return left
        if until and until > timezone.now():
            actions.pause_until(lead, until, reason="Automatic reply", user=user)
            return f"Automatic reply: chase paused until {reader_day(until, lead):%Y-%m-%d}."
        return "Automatic reply: not counted as an answer."
    if kind == Kind.BOUNCE:
        return inbound.effect
    if is_held_stop(inbound) and lead.status != Status.OPTED_OUT:  # no reply: a person decides
        return _hold(inbound, user)
    if kind != Kind.OPT_OUT and (why := _not_to_be_contacted(lead)):
        # never "answer them first", no call back, nothing reopened: a person reads it
        return f"{why}; they wrote again: read before you do anything."
    if record_reply and kind != Kind.OPT_OUT and lead.status != Status.OPTED_OUT:
        actions.record_reply(
            lead, inbound.channel, at=inbound.received_at, text=inbound.text, user=user
        )
        lead.refresh_from_db()
    # a person's correction of the reading takes back "no more email" (`_undo`), never redoes it
    refused = inbound.no_email and inbound.corrected_by_id is None
    if kind != Kind.OPT_OUT and refused:
        return _no_more_email(inbound, lead, user, said) + _follow(inbound, lead, user, said)
    return _follow(inbound, lead, user, said)


def _no_more_email(inbound: InboundMessage, lead: Lead, user, said: str) -> str:
    """They refused email and asked for a call ("Stop emailing me, just call me"): their
    email address alone is suppressed (`actions.refuse_channel`), the phone stays."""
    if inbound.channel != "email" or lead.status in FINAL or not lead.email:
        return ""
    shown = _from(inbound, lead)
    actions.refuse_channel(
        lead, "email", user=user, reason=f"Asked for no more email: {said}", shown=shown
    )
    if "email" not in shown:
        return "Asked for no more email, from an address not theirs: nothing suppressed. "
    return "No more email, as they asked: their email address suppressed, a call still allowed. "


def _follow(inbound: InboundMessage, lead: Lead, user, said: str) -> str:
    """What the reading's kind asks for, after the reply is recorded."""
    kind, until = inbound.kind, inbound.until
    if kind == Kind.OPT_OUT:
        return _stop(inbound, lead, user, said)
    if kind in (Kind.NOT_INTERESTED, Kind.LATER) and lead.status in FINAL:
        return f"Reply recorded; the lead is {lead.get_status_display().lower()}: nothing changed."
    if kind == Kind.NOT_INTERESTED:
        actions.stop_chasing(lead, Status.CLOSED, user=user, reason=f"Not interested: {said}")
        return "Not interested: lead closed."
    if kind == Kind.LATER and until is not None and until <= timezone.now():
        # a reading applied late (a correction): the day they named has come, so no parking
        return f"Later: the day they named ({reader_day(until, lead):%Y-%m-%d}) has come; the lead stays on the agenda."
    if kind == Kind.LATER:
        until = until or planning.default_revisit(timezone.now())
        actions.stop_chasing(
            lead,
            Status.REVISIT,
            revisit_at=until,
            user=user,
            reason=f"Asked us to come back later: {said}",
        )
        return f"Later: revisit on {reader_day(until, lead):%Y-%m-%d}."
    if kind == Kind.CALL_BACK:
        return _call_back(lead, until or timezone.now() + DEFAULT_CALL_BACK, user)
    if kind == Kind.INTERESTED:
        return "Interested: answer them first."
    return "Reply recorded: read it and decide."


LEFT = re.compile(
    r"\bno longer (?:works?|employed|with|at|part of)\b|\b(?:has|have) left (?:the|our)\b"
    r"|\bnicht mehr (?:bei|im Unternehmen|für)\b|\bn'(?:est|fait) plus (?:chez|partie)\b",
    re.I,
)
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _left(inbound: InboundMessage, lead: Lead) -> str:
    """An automatic reply saying the person left (eval28 #15), to our email to the lead's
    address: that mailbox is dead, so it is not emailed again (suppressed, said on the
    timeline with the contact it names) and a person updates the address; "" otherwise."""
    sent = inbound.outbound
    address = lead.email
    if not (address and LEFT.search(inbound.text) and sent and sent.to.lower() == address):
        return ""
    named = [a for a in ADDRESS.findall(inbound.text) if a.lower() != address]
    instead = f" They name {named[0]} instead." if named else ""
    actions.suppress(address, Suppression.Kind.EMAIL, "left")
    said = (
        f"Automatic reply: they no longer work there; {address} is not emailed again.{instead} "
        "Update the address on the lead page."
    )
    actions.note_on_timeline(lead, said)
    return said[:255]


def _call_back(lead: Lead, until: datetime, user) -> str:
    try:
        actions.add_commitment(
            lead,
            by=Commitment.By.US,
            what=CALL_BACK_WHAT,
            due_at=until,
            channel=Channel.CALL,
            user=user,
        )
    except actions.ActionError as exc:  # no address we may use: a call back could not be kept
        return f"Asked for a call, but no call back pinned: {exc}"
    return f"Asked for a call: call back {clock.for_lead(until, clock.business_zone(), lead)}."


def _not_to_be_contacted(lead: Lead) -> str:
    """Who nobody may contact, in the words of a reply's effect ("" when someone may): they
    opted out, or every address of theirs is suppressed (an opt-out elsewhere, a bounce)."""
    if lead.status == Status.OPTED_OUT:
        return f"{lead.name} opted out"
    if (lead.email or lead.phone) and not planning.reachable_channels(lead):
        return f"Nobody may contact {lead.name} (every address of theirs is suppressed)"
    return ""


def _undo(inbound: InboundMessage, user) -> None:
    """Take back what the old reading did (the reply itself stays on record)."""
    lead = Lead.objects.get(pk=inbound.lead_id)
    if inbound.no_email and inbound.corrected_by_id is None:
        actions.allow_channel(lead, "email", user=user, reason="Not a refusal of email after all")
        lead.refresh_from_db()
    if inbound.kind == Kind.AUTO_REPLY and lead.paused_until:
        actions.pause_until(lead, None, reason="Not an automatic reply after all", user=user)
    elif inbound.kind in (Kind.NOT_INTERESTED, Kind.LATER) and lead.status in (
        Status.CLOSED,
        Status.REVISIT,
    ):
        actions.reopen(lead, user=user, reason="Reading of the reply corrected")
    elif inbound.kind == Kind.UNCLEAR and inbound.hold in STOPS:
        if lead.paused_until:  # held by a 90-day pause before holds waited for a person
            actions.pause_until(lead, None, reason="Not a request to stop after all", user=user)
    elif inbound.kind == Kind.CALL_BACK:
        for c in lead.commitments.filter(
            state=Commitment.State.PENDING, by=Commitment.By.US, what=CALL_BACK_WHAT
        ):
            actions.resolve_commitment(c, Commitment.State.CANCELLED, user=user)


CORRECTABLE = [
    Kind.UNCLEAR,
    Kind.INTERESTED,
    Kind.AUTO_REPLY,
    Kind.LATER,
    Kind.CALL_BACK,
    Kind.NOT_INTERESTED,
    Kind.OPT_OUT,
]


@transaction.atomic
def correct(inbound: InboundMessage, kind: str, user) -> InboundMessage:
    """A person's one-click correction: undo what the old reading did, apply the new one,
    and keep the message as a labelled example of what the reader got wrong."""
    inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if kind not in CORRECTABLE or inbound.lead_id is None or kind == inbound.kind:
        return inbound
    if inbound.kind == Kind.OPT_OUT:
        raise actions.ActionError("An opt-out is final: we never contact this person again.")
    ReadingCorrection.objects.create(
        inbound=inbound,
        channel=inbound.channel,
        text=inbound.text,
        language=inbound.language,
        wrong_kind=inbound.kind,
        right_kind=kind,
        wrong_until=inbound.until,
        evidence=inbound.evidence,
        received_at=inbound.received_at,
        corrected_by=user if getattr(user, "pk", None) else None,
    )
    held = is_held_stop(inbound)
    # A reply already on record is not recorded twice; only the follow-up action changes. A
    # held stop was none: it is one now, unless it is confirmed (a stop is no reply) or was
    # a click on a link.
    record_reply = (
        kind not in (Kind.OPT_OUT, Kind.AUTO_REPLY) and not inbound.key.startswith(LINK_KEY)
        if held
        else inbound.kind == Kind.AUTO_REPLY
    )
    _undo(inbound, user)
    inbound.kind, inbound.corrected_by = kind, user
    if kind not in (Kind.AUTO_REPLY, Kind.LATER, Kind.CALL_BACK):
        inbound.until = None
    inbound.save(update_fields=["kind", "corrected_by", "until"])  # the hold reads it
    if held and kind != Kind.OPT_OUT:
        actions.hold_changed(
            lead_of(inbound), "Not a request to stop after all: hold lifted", user=user
        )
    effect = apply(inbound, user, record_reply=record_reply)
    inbound.effect = f"Corrected by {display_name(user)}: {effect}"[:255]
    inbound.save(update_fields=["effect"])
    return inbound


def lead_of(inbound: InboundMessage) -> Lead:
    return Lead.objects.get(pk=inbound.lead_id)


def read_and_record_text(
    lead: Lead | None, *, key: str, sender: str, body: str, received_at: datetime
) -> InboundMessage | None:
    """An inbound text message (the webhook), read by the same reader as email."""
    zone = lead.timezone if lead and lead.timezone else _business_zone()
    reading = replies.read_text(
        body, received_at, zone, channel="text", learner=replies_learning.learner()
    )
    return record_inbound(
        key=key,
        lead=lead,
        channel="text",
        sender=sender,
        subject="",
        reading=reading,
        received_at=received_at,
    )


def _business_zone() -> str:
    from fairchase.leads.models import BusinessSettings

    return BusinessSettings.current().business_timezone or "UTC"
