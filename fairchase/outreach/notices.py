"""What the owner must hear about the mail itself, on Today: messages that could not be sent
(a failed message is never retried by itself, an automatic one only after `drafts.MIN_GAP`).
Each notice is a few rows found by state (index outbox_state), never a scan of every lead."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from .models import OutboundMessage

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


def today_context(request) -> dict:
    """The context of Today's mail notices (`outreach/_mail_notices.html`)."""
    return {"failed": failed_messages(request.user)}
