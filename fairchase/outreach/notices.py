"""What the owner must hear about the mail itself, on Today: a mailbox that cannot be read
(replies and opt-outs wait unread, `mailbox.trouble`), messages waiting because of the
mail server or its settings (down, a wrong password: retried until it takes them), and
messages that could not be sent (a failed message is never retried by itself, an automatic
one only after `drafts.MIN_GAP`).
Each notice is a few rows found by state (index outbox_state), never a scan of every lead."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q

from .channels import SERVER_TROUBLE
from .mailbox import trouble
from .models import OutboundMessage
from .ui import held_stops_for

State = OutboundMessage.State
LIMIT = 10


def failed_messages(user) -> list[OutboundMessage]:
    """The failed messages on `user`'s leads that nothing replaced since: no later message to
    the same lead was queued, sent or settled (a failed row a person cancelled is settled)."""
    later = OutboundMessage.objects.filter(
        lead=OuterRef("lead"), created_at__gt=OuterRef("created_at")
    ).exclude(state=State.FAILED)
    return list(
        OutboundMessage.objects.filter(state=State.FAILED, lead__owner=user)
        .exclude(Exists(later))
        .select_related("lead")
        .order_by("-created_at")[:LIMIT]
    )


def waiting_for_the_server() -> tuple[int, str]:
    """(how many, the latest reason): the queued messages, everyone's, that a try found the mail
    server (or text provider) down or refusing our settings. One server serves the business."""
    trouble = reduce(or_, (Q(error__startswith=words) for words in SERVER_TROUBLE))
    waiting = OutboundMessage.objects.filter(state=State.QUEUED).filter(trouble)
    reasons = list(waiting.order_by("-due_at").values_list("error", flat=True)[:1])
    return (waiting.count(), reasons[0]) if reasons else (0, "")


def today_context(request) -> dict:
    """The context of Today's mail notices (`outreach/_mail_notices.html`)."""
    waiting, reason = waiting_for_the_server()
    return {
        "waiting": waiting,
        "reason": reason,
        "failed": failed_messages(request.user),
        "mailbox": trouble(),
        "held": held_stops_for(request.user),  # asked to stop: a person confirms or corrects
    }
