"""Mail about a web form's receipt ("we got your message"), which belongs to no lead: the
post that typed its address may have joined a customer's lead by name and phone
(`outbox.queue_receipt`). A reply to it names no lead, and its unsubscribe mailto stops
email to the address it went to, nothing else. The mailbox (`mailbox`) asks here."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from fairchase.leads import actions
from fairchase.leads.models import Suppression

from . import replies
from .inbound import record_inbound
from .locks import wait_for_address
from .models import InboundMessage, OutboundMessage


def thread(ours: OutboundMessage | None) -> OutboundMessage | None:
    """The message of ours an email answers, as far as it names a lead: a form's receipt
    names none (it went to whatever address the post typed, which may have joined a
    customer's lead: `outbox.queue_receipt`), so a reply to it is filed by its sender only."""
    return None if ours is None or ours.kind == OutboundMessage.Kind.RECEIPT else ours


@transaction.atomic
def stop_emailing(address: str) -> None:
    """A receipt's unsubscribe (its link or its mailto): the address is suppressed, so no
    lead that has it is emailed there again (each one's timeline says why), and nothing
    else: no lead is opted out, no other address suppressed. Commits only after a receipt
    to it that is in flight has gone (`locks.wait_for_address`)."""
    said = f"{address} unsubscribed from a web form's acknowledgement: it is not emailed again."
    actions.suppress(address, Suppression.Kind.EMAIL, "opt-out", said=said)
    wait_for_address(address)


def receipt_unsubscribed(
    key: str, receipt: OutboundMessage, sender: str, subject: str, received: datetime
) -> InboundMessage | None:
    """The unsubscribe mailto of a form's receipt (or "unsubscribe" in reply to one): the
    address it went to is suppressed, nothing else. The receipt belongs to no lead, and
    whoever holds it may have typed a customer's name and number: no lead is opted out."""
    reading = replies.Reading(InboundMessage.Kind.OPT_OUT, None, "List-Unsubscribe mailto", subject)
    with transaction.atomic():
        inbound = record_inbound(
            key=key,
            lead=None,
            channel="email",
            sender=sender,
            subject=subject,
            reading=reading,
            received_at=received,
            outbound=receipt,
        )
        if inbound is None:
            return None
        stop_emailing(receipt.to)
        inbound.kind = InboundMessage.Kind.OPT_OUT
        inbound.effect = (
            f"Unsubscribed from the acknowledgement: {receipt.to} will not be emailed again."[:255]
        )
        inbound.save(update_fields=["kind", "effect"])
    return inbound
