"""What a permanent bounce does. A bounce of our message (matched by our Message-ID in the
report) blocks the address it went to: a bounced try on the lead, or the address suppressed.
A bounce naming no message of ours (no original in it, or one we never sent) proves nothing:
anyone can forge a delivery report to silence an address, so the lead its recipient names
is held for a person (`held`), who confirms the bounce (then it acts as one) or ignores it,
as a spam complaint naming no message of ours is held (`complaints`)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction

from fairchase.leads import actions
from fairchase.leads.models import Lead, Outcome, Status, Suppression
from fairchase.leads.people import display_name

from . import actions as message_actions
from . import dsn
from .held import UNCONFIRMED_BOUNCE, UNKNOWN_BOUNCE, hold, is_held_bounce
from .models import InboundMessage, OutboundMessage

log = logging.getLogger("fairchase.outreach")
Kind = InboundMessage.Kind
Hold = InboundMessage.Hold
HELD_EFFECT = (
    "A bounce naming no message of ours: confirm or ignore. Nothing is sent or planned until "
    "someone decides."
)
UNKNOWN_EFFECT = (
    "Our message to {address} bounced with a code we cannot classify ({code}): confirm or "
    "ignore. Nothing is sent or planned until someone decides."
)
# A full mailbox is passing, until it bounces this often over at least this many days.
FULL_BOUNCES = 3
FULL_DAYS = 3


def permanent(
    inbound: InboundMessage, ours: OutboundMessage, address: str, status: str, diagnostic: str
) -> str:
    """Act on a permanent bounce of our message by its status code (`dsn.classify`): only a
    bad address is blocked (`bounced`); a refusal of ours fails the message and keeps the
    address; a full mailbox is tried again later (`_full`); an unknown code is held for a
    person, since suppressing is for good. Returns what it did."""
    code = dsn.status_code(status, diagnostic)
    kind = dsn.classify(code)
    lead = inbound.lead
    if kind == dsn.ADDRESS or ours.kind == OutboundMessage.Kind.OWNER_ALERT:
        return bounced(lead, ours, address, status, inbound.received_at)
    if kind == dsn.REFUSED:
        why = dsn.refusal_reason(code, diagnostic)
        _never_arrived(ours, lead, why)
        return why
    if kind == dsn.FULL:
        return _full(inbound, ours, address, status)
    if lead is None:  # a form's receipt to an address no lead has: nothing to hold
        OutboundMessage.objects.filter(pk=ours.pk).update(error=f"Bounced: {status}"[:1000])
        return f"The acknowledgement bounced ({code or 'no code'}): {address} is kept."
    hold_bounce(inbound, address, status, unknown_code=code or "none")
    return inbound.effect


def _never_arrived(ours: OutboundMessage, lead: Lead | None, why: str) -> None:
    """A refusal of our message, not of its address: the message failed (its transition
    says why), and the try logged when it was sent is taken back, since nobody got it."""
    State = OutboundMessage.State
    if not message_actions.move(
        ours, (State.SENT, State.UNKNOWN), State.FAILED, f"Bounced: {why}", error=why[:1000]
    ):
        return
    if ours.kind == OutboundMessage.Kind.TO_LEAD and lead is not None and ours.sent_at:
        said = (
            f"{ours.get_channel_display()} to {ours.to} never arrived, not counted as a try: {why}"
        )
        actions.not_delivered(lead, ours.channel, ours.sent_at, said)


def _full(inbound: InboundMessage, ours: OutboundMessage, address: str, status: str) -> str:
    """A full mailbox is a soft bounce: the address is kept and tried again at the next step,
    and blocked only after FULL_BOUNCES full-mailbox bounces over FULL_DAYS days or more."""
    OutboundMessage.objects.filter(pk=ours.pk).update(error=f"Mailbox full: {status}"[:1000])
    earlier = (
        InboundMessage.objects.filter(
            kind=Kind.BOUNCE, outbound__to__iexact=address, evidence__endswith="5.2.2"
        )
        .exclude(pk=inbound.pk)
        .order_by("received_at")
    )
    first = earlier.first()
    count = earlier.count() + 1
    if (
        first is not None
        and count >= FULL_BOUNCES
        and inbound.received_at - first.received_at >= timedelta(days=FULL_DAYS)
    ):
        return bounced(inbound.lead, ours, address, status, inbound.received_at)
    return (
        f"Mailbox full ({status}): {address} is kept and tried again later "
        f"({count} of {FULL_BOUNCES} full-mailbox bounces before it is dropped)."
    )


def bounced(
    lead: Lead | None,
    ours: OutboundMessage | None,
    address: str,
    status: str,
    received: datetime,
    user=None,
) -> str:
    """Act on a permanent bounce of `address` (of our message `ours`, when known; `lead` is
    None only for a form's receipt to an address no lead has); returns what it did, for the
    inbound message's effect."""
    if ours:
        OutboundMessage.objects.filter(pk=ours.pk).update(error=f"Bounced: {status}"[:1000])
    if ours and ours.kind == OutboundMessage.Kind.OWNER_ALERT:
        # to the lead's owner, not to the lead: the lead's addresses are not in question
        return (
            f"The alert to the owner bounced ({status}): {address} is not the lead's; "
            "nothing changed on the lead."
        )
    if ours and ours.kind == OutboundMessage.Kind.RECEIPT:
        # a receipt is not a try: the address is blocked, no attempt logged, and the
        # enquiry stays "respond now" (on another channel) until someone responds
        actions.suppress(address, Suppression.Kind.EMAIL, "bounce")
        return f"The acknowledgement bounced ({status}): {address} will not be used again."
    moved_on = address.lower() != (lead.email or "").lower()  # an address since replaced
    if moved_on or lead.status in (Status.WON, Status.LOST, Status.OPTED_OUT):
        actions.suppress(address, Suppression.Kind.EMAIL, "bounce")
    else:
        actions.log_attempt(
            lead,
            "email",
            Outcome.BOUNCED,
            at=received,
            notes=f"Bounced: {status}",
            keeps_promise=False,  # a bounce keeps no promise
            user=user,
        )
    return f"Bounced ({status}): {address} will not be used again."


def address_refused(ours: OutboundMessage, lead: Lead | None, said: str, at: datetime) -> None:
    """The recipient's server refused the address itself while we sent (a 5.1.x "no such
    user" to RCPT; the message failed): the same fact as a bounce report saying so, so the
    address is blocked the same way (`bounced`: a bounced try on the lead, which is replanned
    and whose timeline says why). An owner's alert is not to the lead: nothing changes."""
    if ours.kind == OutboundMessage.Kind.OWNER_ALERT:
        return
    try:
        with transaction.atomic():
            # a receipt has no lead: `bounced` suppresses its address by the message
            bounced(lead, None if lead else ours, ours.to, f"refused while sending: {said}", at)
    except Exception:  # the failed message stands; a person still sees it on Today
        log.exception("could not block %s after the server refused it", ours.to)


def hold_bounce(
    inbound: InboundMessage, address: str, status: str, unknown_code: str | None = None
) -> None:
    """File a permanent bounce naming no message of ours, or one of ours whose code we cannot
    classify (`unknown_code`), recorded with its lead set, as held for a person: nothing is
    suppressed, the lead waits until someone decides (`settle`)."""
    inbound.kind = Kind.BOUNCE
    if unknown_code is None:
        inbound.hold, said, inbound.effect = Hold.BOUNCE, UNCONFIRMED_BOUNCE, HELD_EFFECT
    else:
        inbound.hold, said = Hold.UNKNOWN_BOUNCE, UNKNOWN_BOUNCE
        inbound.effect = UNKNOWN_EFFECT.format(address=address, code=unknown_code)[:255]
    inbound.held_address = address[:254]
    inbound.evidence = f"{said} {address} {status}".strip()[:255]
    fields = ["lead", "kind", "evidence", "effect", "hold", "held_address"]
    inbound.save(update_fields=fields)
    hold(inbound)  # saved first: the hold is read from it


def _status(inbound: InboundMessage) -> str:
    """The status words of a held bounce, for the people who read them (after the address
    in its evidence; none if the evidence names none)."""
    return (
        inbound.evidence.partition(inbound.held_address)[2].strip() if inbound.held_address else ""
    )


def _bounced_address(inbound: InboundMessage, lead: Lead) -> str:
    """The address a held bounce names; one migrated from words naming none (review27 #8)
    is of the lead's email only when it bounced our message to that very address, else
    none ("": nothing to block)."""
    if "@" in inbound.held_address:
        return inbound.held_address
    ours = inbound.outbound
    if ours and lead.email and ours.to.lower() == lead.email.lower():
        return lead.email
    return ""


@transaction.atomic
def settle(inbound: InboundMessage, *, confirmed: bool, user) -> InboundMessage:
    """A person's decision on a held bounce: confirmed, it acts as a bounce of the address
    it named (`bounced`); ignored, nothing changes. Either way the hold is lifted."""
    inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if not is_held_bounce(inbound):
        raise actions.ActionError(f"Already decided: {inbound.effect}")
    inbound.corrected_by = user
    inbound.save(update_fields=["corrected_by"])  # the hold reads it: lifted
    lead = Lead.objects.get(pk=inbound.lead_id)
    address = _bounced_address(inbound, lead)
    if confirmed:
        actions.hold_changed(lead, "The bounce was confirmed: hold lifted", user=user)
        if address:
            done = bounced(lead, None, address, _status(inbound), inbound.received_at, user)
        else:
            done = "Confirmed, but the bounce names no address: nothing was blocked."
    else:
        actions.hold_changed(lead, "The bounce was ignored: hold lifted", user=user)
        done = f"Ignored: {address} is still used."
    inbound.effect = f"{display_name(user)} decided: {done}"[:255]
    inbound.save(update_fields=["effect"])
    return inbound
