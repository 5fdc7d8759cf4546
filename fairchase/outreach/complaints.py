"""Spam complaints: the feedback reports (RFC 5965, "ARF") a mailbox provider sends when its
user marks our email as spam. A complaint is the strongest "do not write to me" there is,
and the report carries the message complained of (whole, or its headers), so it is matched
by our own Message-ID as a bounce is: only the person we wrote to could have complained of
it. Then the address is never written to again and the lead is opted out, recorded on its
timeline. A report naming no message of ours (a forgery, or mail from before Fairchase) acts
on nobody: it is held for a person on the lead its recipient names, never offered as a new
enquiry."""

from __future__ import annotations

from datetime import datetime
from email.message import Message
from email.parser import HeaderParser
from email.utils import parseaddr

from django.db import transaction

from fairchase.leads import actions
from fairchase.leads.models import Suppression

from .former import former_address, never_again
from .held import UNCONFIRMED_STOP, hold
from .inbound import record_report
from .models import InboundMessage, OutboundMessage
from .reading.quotes import body_text
from .replies import Reading

Kind = InboundMessage.Kind
NOT_SPAM = "not-spam"  # the provider's user took a message out of spam: no complaint


def is_complaint(msg: Message) -> bool:
    return (
        msg.get_content_type() == "multipart/report"
        and "feedback-report" in str(msg.get_param("report-type") or "").lower()
    )


def complained_of(msg: Message) -> tuple[str, str, str]:
    """(feedback type, the reported message's Message-ID, its original recipient) of a
    feedback report; '' where the report leaves one out."""
    kind, message_id, recipient = "", "", ""
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/feedback-report":
            fields = part.get_payload()[0] if isinstance(part.get_payload(), list) else part
            kind = str(fields.get("Feedback-Type") or "").strip().lower()
            recipient = parseaddr(str(fields.get("Original-Rcpt-To") or ""))[1]
        elif ctype == "message/rfc822" and isinstance(part.get_payload(), list):
            message_id = message_id or str(part.get_payload()[0].get("Message-ID") or "")
        elif ctype == "text/rfc822-headers":
            headers = HeaderParser().parsestr(str(part.get_content()))
            message_id = message_id or str(headers.get("Message-ID") or "")
    return kind, message_id.strip(), recipient


def handle_complaint(
    msg: Message, key: str, received: datetime, ours: OutboundMessage | None, lead
) -> InboundMessage | None:
    """Record a feedback report once and act on it. `ours`: our message it reports (found by
    the mailbox from `complained_of`'s Message-ID); `lead`: the lead it concerns, ours's or
    the one the report's recipient address names. A complaint is not a reply: nothing is
    recorded as their answer (the decision core counts it as an opt-out after a silent try)."""
    kind, _, recipient = complained_of(msg)
    provider = parseaddr(str(msg.get("From") or ""))[1].rpartition("@")[2] or "a mail provider"
    said = f"Marked our email as spam (a complaint report from {provider})"
    placeholder = Reading(Kind.UNMATCHED, None, "", body_text(msg)[:2000])
    with transaction.atomic():
        inbound = record_report(msg, key, received, placeholder, ours)
        if inbound is None:
            return None
        kind, lead, effect = _act(ours, lead, kind, recipient, said)
        held = lead is not None and kind == Kind.UNCLEAR and not _to_the_owner(ours)
        inbound.kind, inbound.lead, inbound.effect = kind, lead, effect[:255]
        inbound.evidence = f"{UNCONFIRMED_STOP} spam complaint" if held else "spam complaint"
        inbound.hold = InboundMessage.Hold.STOP if held else InboundMessage.Hold.NONE
        inbound.save(update_fields=["kind", "lead", "effect", "evidence", "hold"])
        if held:
            hold(inbound)  # saved first: the hold is read from it
    return inbound


def _to_the_owner(ours: OutboundMessage | None) -> bool:
    return ours is not None and ours.kind == OutboundMessage.Kind.OWNER_ALERT


def _act(ours, lead, kind: str, recipient: str, said: str):
    """Do what the report calls for; returns the message's (kind, lead, effect)."""
    if kind == NOT_SPAM:
        return Kind.UNMATCHED, lead, "A report that our email is not spam: nothing changed."
    if _to_the_owner(ours):
        return (
            Kind.UNCLEAR,
            lead,
            f"The alert to the owner ({ours.to}) was reported as spam: nothing changed.",
        )
    if old := former_address(ours, lead):
        # sent to an address the lead no longer has: maybe a typo that reached a stranger,
        # so only that address is dropped and the lead is held for a person (`former`)
        never_again(
            lead, old, f"{old} marked our email as spam: never written to again", reason="complaint"
        )
        return (
            Kind.UNCLEAR,
            lead,
            f"{said} about mail to their former address {old}: it will not be written "
            "to again; nothing is sent or planned until someone confirms or corrects it.",
        )
    if ours is not None:
        actions.suppress(ours.to, Suppression.Kind.EMAIL, "complaint")
        if ours.kind != OutboundMessage.Kind.TO_LEAD or lead is None:
            return Kind.OPT_OUT, None, f"{said}: {ours.to} will not be written to again."
        actions.opt_out(lead, channel="email", reason=said, shown=("email",))
        return Kind.OPT_OUT, lead, f"{said}: opted out."
    if lead is not None:  # it names no message of ours: anyone can send a report
        return (
            Kind.UNCLEAR,
            lead,
            "A spam complaint naming no message of ours: nothing is sent or planned until "
            "someone confirms the opt-out or corrects the reading.",
        )
    whom = f" (sent to {recipient})" if recipient else ""
    return Kind.UNMATCHED, None, f"A spam complaint about an email Fairchase cannot find{whom}."
