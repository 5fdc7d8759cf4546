"""The messages written for a stop: the door-open goodbye before a lead is let go (closed,
put off for a revisit, or moved to the mailing list) and the mailing-list invitation
before a move to the list. Sent on a Sunday evening such a message waits for Monday, and
the person lets the lead go meanwhile: the stop is what it was written for, so the stop
keeps it queued, the worker may send it to the lead so stopped, and its attempt does not
reopen the lead. Undoing the stop (the lead chased again) cancels it: a goodbye no longer
fits."""

from __future__ import annotations

from datetime import datetime, timedelta

from fairchase.leads.models import Attempt, Lead, Status

from .hours import send_window
from .models import MessageTemplate, OutboundMessage

Purpose = MessageTemplate.Purpose
# The stops a queued message of each purpose was written for.
WRITTEN_FOR = {
    Purpose.BREAKUP: (Status.CLOSED, Status.REVISIT, Status.NURTURE),
    Purpose.MAILING_LIST: (Status.NURTURE,),
}
UNDONE = "The stop it was written for was undone: the lead is chased again."
# A goodbye never lands beside our last message (eval29 #4: "I'll leave it here" sent in the
# same minute as the worker's "I look forward to hearing from you"; seed 000: resist the urge
# to write again within hours): it waits a day after it, then for the lead's contact hours.
GOODBYE_GAP = timedelta(days=1)
GOODBYE_HELD = "A goodbye waits a day after our last message."


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


def goodbye_held_until(msg: OutboundMessage, lead: Lead, now: datetime) -> datetime | None:
    """When a goodbye (`msg`) may go: None when it may go now, else a day after our last
    message to the person (an email or text, the worker's or one a person logged), at the
    lead's next contact window then (`hours.send_window`, the decision core's rules)."""
    if msg.template is None or msg.template.purpose != Purpose.BREAKUP:
        return None
    last = (
        Attempt.objects.filter(lead=lead, channel__in=("email", "text"), at__lte=now)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if last is None or now >= last + GOODBYE_GAP:
        return None
    return send_window(last + GOODBYE_GAP, lead)[0]
