"""Mail from our own side in the mailbox: a reply to an owner's "New enquiry" alert (people
answer alerts by reflex: "Thanks, calling her now", "Please stop sending me these"), or
anything from a team member's address (a copy of their own mail to a lead). It names a
lead, but it is not the lead's words: read as theirs it would engage the lead, cancel its
follow-ups, teach the fit a false answer, or suppress the owner's own address and hold the
lead. It is kept on record, on no lead and handled, and changes nothing (a team member
entered as a lead to try Fairchase out is read as the team too: their answer is never a
lead's)."""

from __future__ import annotations

from datetime import datetime
from email.message import Message

from django.contrib.auth import get_user_model
from django.db import transaction

from fairchase.leads.normalize import email_or_blank
from fairchase.leads.people import display_name

from .inbound import record_report
from .models import InboundMessage, OutboundMessage
from .reading.quotes import body_text
from .replies import Reading


def team_member(address: str):
    """The active user whose email `address` is, or None."""
    if not (normal := email_or_blank(address)):
        return None
    return get_user_model().objects.filter(email__iexact=normal, is_active=True).first()


def from_the_team(ours: OutboundMessage | None, sender: str) -> bool:
    """Whether an email is from our side: it answers an owner's alert (whoever sends it: the
    alert went to one of us), or its sender is a team member's address."""
    if ours is not None and ours.kind == OutboundMessage.Kind.OWNER_ALERT:
        return True
    return team_member(sender) is not None


def record(
    msg: Message, key: str, ours: OutboundMessage | None, sender: str, received: datetime
) -> InboundMessage | None:
    """Keep a mail from our side once (None if handled before), on no lead, its effect said:
    nothing about any lead changes."""
    member = team_member(sender)
    who = display_name(member) if member is not None else sender
    about = ""
    if ours is not None and ours.lead is not None:
        what = "the alert" if ours.kind == OutboundMessage.Kind.OWNER_ALERT else "our message"
        about = f", answering {what} about {ours.lead.name}"
    reading = Reading(InboundMessage.Kind.UNMATCHED, None, "", body_text(msg)[:2000])
    with transaction.atomic():
        inbound = record_report(msg, key, received, reading, ours)
        if inbound is None:
            return None
        inbound.effect = (
            f"Mail from the team ({who}){about}: kept, not read as the lead's words; "
            "nothing changed."
        )[:255]
        inbound.save(update_fields=["effect"])
    return inbound
