"""The messages written for a stop: the door-open goodbye before a lead is let go (closed,
put off for a revisit, or moved to the mailing list) and the mailing-list invitation
before a move to the list. Sent on a Sunday evening such a message waits for Monday, and
the person lets the lead go meanwhile: the stop is what it was written for, so the stop
keeps it queued, the worker may send it to the lead so stopped, and its attempt does not
reopen the lead. Undoing the stop (the lead chased again) cancels it: a goodbye no longer
fits."""

from __future__ import annotations

from fairchase.leads.models import Lead, Status

from .models import MessageTemplate, OutboundMessage

Purpose = MessageTemplate.Purpose
# The stops a queued message of each purpose was written for.
WRITTEN_FOR = {
    Purpose.BREAKUP: (Status.CLOSED, Status.REVISIT, Status.NURTURE),
    Purpose.MAILING_LIST: (Status.NURTURE,),
}
UNDONE = "The stop it was written for was undone: the lead is chased again."


def purposes_for(status: str) -> list[str]:
    """The purposes of the messages a stop into `status` keeps queued."""
    return [purpose for purpose, stops in WRITTEN_FOR.items() if status in stops]


def goes_after_the_stop(msg: OutboundMessage, lead: Lead) -> bool:
    """Whether `msg`, to `lead`, is the last message written for the stop the lead is in."""
    template = msg.template
    return (
        msg.kind == OutboundMessage.Kind.TO_LEAD
        and template is not None
        and lead.status in WRITTEN_FOR.get(template.purpose, ())
    )
