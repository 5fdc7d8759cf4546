"""A request to stop from an address the lead does not have: through a message of ours sent
to an address the lead no longer has (its email corrected since: the link in it, its mailto
unsubscribe, a spam complaint about it), or from another address (a former one, a colleague
on a forward, an alias). The address that asked is never written to again, said on the
lead's timeline; the lead itself is held for a person, not opted out: the old address may
have been a typo that reached a stranger. One rule for every way such a stop arrives."""

from __future__ import annotations

from email.message import Message

from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.normalize import email_or_blank

from . import senders
from .held import FORMER_ADDRESS, UNCONFIRMED_STOP, unconfirmed_stop
from .inbound import LINK_KEY, record_inbound
from .models import InboundMessage, OutboundMessage
from .receipts import thread
from .replies import Reading

Kind = InboundMessage.Kind


def former_address(ours: OutboundMessage | None, lead: Lead | None) -> str:
    """The address our message to the lead went to, when the lead no longer has it there
    (its email or phone changed since); "" otherwise (or for a message not to the lead)."""
    if ours is None or lead is None or ours.kind != OutboundMessage.Kind.TO_LEAD:
        return ""
    current = lead.email if ours.channel == "email" else lead.phone
    sent_to = ours.to.strip().lower() if ours.channel == "email" else ours.to.strip()
    return sent_to if sent_to and sent_to != (current or "") else ""


def someone_else(sender: str, lead: Lead) -> str:
    """The sender's address when it is not the lead's current email (a former address, a
    colleague on a forward, an alias), else "": a stop from it is theirs, not yet the lead's."""
    normal = email_or_blank(sender)
    return normal if normal and normal != (lead.email or "") else ""


def whose_stop(
    msg: Message,
    reading: Reading,
    ours: OutboundMessage | None,
    named: OutboundMessage | None,
    sender: str,
    lead: Lead | None,
) -> tuple[Reading, str, str]:
    """(reading, address, words for the timeline) of a stop read in an email: held for a
    person when nothing vouches for its sender; from an address not the lead's (the mailto of
    our message to an address they no longer have, `former`; else a sender not theirs), held
    too, and that address alone is to be never written to again. The mailto of our message
    to the lead's address is theirs from whatever address it comes (a forward, an alias)."""
    if not (thread(ours) or senders.vouched_for(msg)):
        return unconfirmed_stop(reading), "", ""
    if lead is None:
        return reading, "", ""
    if named is not None:
        if old := former_address(named, lead):
            said = f"{old} unsubscribed with the mailto in our message: never written to again"
            return held_reading(old), old, said
        return reading, "", ""
    if other := someone_else(sender, lead):
        said = (
            f"{other} (not this lead's address) asked us to stop: never written to again. "
            "Confirm or correct whether it was them."
        )
        return unconfirmed_stop(reading), other, said
    return reading, "", ""


def never_again(
    lead: Lead, address: str, said: str, *, channel: str = "email", reason: str = "opt-out"
) -> None:
    """An address the lead does not have asked us to stop: it is never written to again,
    whoever it is, and `said` on the lead's timeline (once: asked again, nothing more)."""
    if Suppression.objects.filter(value=address).exists():
        return
    kind = Suppression.Kind.EMAIL if channel == "email" else Suppression.Kind.PHONE
    actions.suppress(address, kind, reason)
    actions.note_on_timeline(lead, said)


def held_reading(address: str) -> Reading:
    """The reading of a stop through our message to the lead's former `address`: a request
    to stop not known to be theirs, which holds the lead (`held`) until a person decides."""
    said = f"{FORMER_ADDRESS} {address}"
    return Reading(
        Kind.UNCLEAR,
        None,
        f"{UNCONFIRMED_STOP} {said}",
        said.capitalize(),
        hold=InboundMessage.Hold.FORMER_ADDRESS,
    )


def unsubscribed_at_former_address(lead: Lead, channel: str, address: str) -> None:
    """Someone followed an unsubscribe link we sent to an address the lead no longer has:
    that address is never written to again and the lead is held (`held_reading`). Followed
    again, it changes nothing more."""
    with transaction.atomic():
        said = f"{address} unsubscribed with the link in our message: never written to again"
        never_again(lead, address, said, channel=channel)
        if lead.status == Status.OPTED_OUT:
            return
        record_inbound(
            key=f"{LINK_KEY}{lead.pk}:{channel}:{address}",
            lead=lead,
            channel=channel,
            sender=address,
            subject="Unsubscribe link",
            reading=held_reading(address),
            received_at=timezone.now(),
        )
