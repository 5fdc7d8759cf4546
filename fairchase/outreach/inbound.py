"""What happens when someone answers: record the reply once, act on what it says
(pause, opt out, close, revisit, call back), and let a person correct the reading."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Commitment, Lead, Status

from . import replies
from .models import InboundMessage, OutboundMessage
from .replies import Reading

Kind = InboundMessage.Kind
QUOTE_CHARS = 300
# Dates a person gets when correcting to a kind that needs one and the reply named none.
DEFAULT_LATER = timedelta(days=90)
DEFAULT_CALL_BACK = timedelta(days=1)


def quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1] + "…"


def record_inbound(*, key: str, lead: Lead | None, channel: str, sender: str, subject: str, reading: Reading,
                   received_at: datetime, outbound: OutboundMessage | None = None) -> InboundMessage | None:
    """Store one inbound message and act on it; None if this key was handled before."""
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                key=key[:255], lead=lead, channel=channel, sender=sender[:254], subject=subject[:255],
                text=reading.text[:20000], received_at=received_at, outbound=outbound,
                kind=reading.kind if lead is not None else Kind.UNMATCHED, until=reading.until,
                evidence=reading.evidence[:255])
            if lead is not None:
                inbound.effect = apply(inbound)[:255]
                inbound.save(update_fields=["effect"])
    except IntegrityError:
        return None  # another worker (or an earlier poll) handled this message
    return inbound


def apply(inbound: InboundMessage, user=None, *, record_reply: bool = True) -> str:
    """Do what the reading says; returns a sentence for the timeline."""
    lead = Lead.objects.get(pk=inbound.lead_id)
    kind, until = inbound.kind, inbound.until
    said = f'"{quote(inbound.text)}"'
    if kind == Kind.AUTO_REPLY:
        if until and until > timezone.now():
            actions.pause_until(lead, until, reason="Automatic reply", user=user)
            return f"Automatic reply: chase paused until {until:%Y-%m-%d}."
        return "Automatic reply: not counted as an answer."
    if kind == Kind.BOUNCE:
        return inbound.effect
    if record_reply and lead.status != Status.OPTED_OUT:
        actions.record_reply(lead, inbound.channel, at=inbound.received_at, text=inbound.text, user=user)
        lead.refresh_from_db()
    if kind == Kind.OPT_OUT:
        if lead.status != Status.OPTED_OUT:
            actions.opt_out(lead, user=user, reason=f"Asked to stop: {said}")
        return "Asked us to stop: opted out."
    if kind == Kind.NOT_INTERESTED:
        actions.stop_chasing(lead, Status.CLOSED, user=user, reason=f"Not interested: {said}")
        return "Not interested: lead closed."
    if kind == Kind.LATER:
        until = until or timezone.now() + DEFAULT_LATER
        actions.stop_chasing(lead, Status.REVISIT, revisit_at=until, user=user, reason=f"Asked us to come back later: {said}")
        return f"Later: revisit on {until:%Y-%m-%d}."
    if kind == Kind.CALL_BACK:
        until = until or timezone.now() + DEFAULT_CALL_BACK
        actions.add_commitment(lead, by=Commitment.By.US, what="Call back, as they asked", due_at=until, user=user)
        return f"Asked for a call: call back {until:%Y-%m-%d %H:%M} UTC."
    return "Reply recorded: read it and decide."


def _undo(inbound: InboundMessage, user) -> None:
    lead = Lead.objects.get(pk=inbound.lead_id)
    if inbound.kind == Kind.AUTO_REPLY and lead.paused_until:
        actions.pause_until(lead, None, reason="Not an automatic reply after all", user=user)
    elif inbound.kind in (Kind.NOT_INTERESTED, Kind.LATER) and lead.status in (Status.CLOSED, Status.REVISIT):
        actions.reopen(lead, user=user, reason="Reading of the reply corrected")
    elif inbound.kind == Kind.CALL_BACK:
        for c in lead.commitments.filter(state=Commitment.State.PENDING, by=Commitment.By.US, what="Call back, as they asked"):
            actions.resolve_commitment(c, Commitment.State.CANCELLED, user=user)


CORRECTABLE = [Kind.REPLY, Kind.INTERESTED, Kind.AUTO_REPLY, Kind.LATER, Kind.CALL_BACK, Kind.NOT_INTERESTED, Kind.OPT_OUT]


@transaction.atomic
def correct(inbound: InboundMessage, kind: str, user) -> InboundMessage:
    """A person's one-click correction: undo what the old reading did, apply the new one."""
    inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if kind not in CORRECTABLE or inbound.lead_id is None or kind == inbound.kind:
        return inbound
    if inbound.kind == Kind.OPT_OUT:
        raise actions.ActionError("An opt-out is final: we never contact this person again.")
    was_reply = inbound.kind != Kind.AUTO_REPLY
    _undo(inbound, user)
    inbound.kind, inbound.corrected_by = kind, user
    # A reply already on record is not recorded twice; only the follow-up action changes.
    effect = apply(inbound, user, record_reply=not was_reply)
    inbound.effect = f"Corrected by {user}: {effect}"[:255]
    inbound.save(update_fields=["kind", "corrected_by", "effect"])
    return inbound


def classify_and_record_text(lead: Lead | None, *, key: str, sender: str, body: str, received_at: datetime) -> InboundMessage | None:
    """An inbound text message (the webhook): read it like an email body."""
    zone = lead.timezone if lead else None
    reading = replies.classify_text(body, received_at, zone)
    return record_inbound(key=key, lead=lead, channel="text", sender=sender, subject="", reading=reading,
                          received_at=received_at)
