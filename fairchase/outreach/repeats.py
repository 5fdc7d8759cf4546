"""A person's Send, repeated: a double POST or a retried request is not a second message.
`outbox.queue_clicked` asks `repeat_of` under the lead's lock and refuses with `repeat_reason`.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fairchase.leads.models import Lead

from .models import OutboundMessage

State = OutboundMessage.State
# The same words to the same lead again within this time of the first going out are a
# repeated click (a double POST, a retried request), not a second message.
REPEAT_WINDOW = timedelta(minutes=10)


def repeat_of(
    lead: Lead, channel: str, subject: str, body: str, now: datetime
) -> OutboundMessage | None:
    """A message with these very words to this lead that is still pending, or went out
    within `REPEAT_WINDOW` of `now` (None if there is none). The opt-out link is not part of
    the words: its signed token changes from one second to the next."""
    pending = [State.QUEUED, State.SENDING, State.UNKNOWN]
    recent = Q(state__in=pending) | Q(state=State.SENT, sent_at__gte=now - REPEAT_WINDOW)
    words = _words(subject), _words(body)
    candidates = OutboundMessage.objects.filter(
        recent, lead=lead, kind=OutboundMessage.Kind.TO_LEAD, channel=channel
    ).order_by("-created_at", "-pk")
    return next((m for m in candidates if (_words(m.subject), _words(m.body)) == words), None)


def _words(text: str) -> str:
    """The text with every opt-out link (whose token embeds the time it was made) blanked."""
    return _unsubscribe_link().sub("<opt-out link>", text)


@functools.cache
def _unsubscribe_link() -> re.Pattern:
    # The unsubscribe page's path, then the signed token: URL-safe base64, ':' between its
    # parts, a leading '.' when compressed (`tokens.make_token`).
    path = reverse("outreach:unsubscribe", args=["-"])[:-1]
    return re.compile(re.escape(path) + r"[A-Za-z0-9_\-:.]+")


def repeat_reason(copy: OutboundMessage) -> str:
    """Why a repeated Send queued nothing, and where the copy is (for the person who clicked)."""
    what = f"the same message to {copy.to}"
    if copy.state == State.SENT:
        minutes = max(1, round((timezone.now() - copy.sent_at).total_seconds() / 60))
        ago = "a minute" if minutes == 1 else f"{minutes} minutes"
        return f"Not sent again: the same message went to {copy.to} {ago} ago."
    if copy.state == State.QUEUED and copy.held:
        return (
            f"Not sent again: {what} is already waiting in the Outbox: "
            "confirm it there to send it now."
        )
    if copy.state == State.QUEUED:
        return f"Not sent again: {what} is already in the Outbox, about to go out."
    if copy.state == State.SENDING:
        return f"Not sent again: {what} is being sent right now."
    return f"Not sent again: {what} may already have arrived: check, then settle it in the Outbox."
