"""Where the first poll of a mailbox folder starts reading (mailbox.py goes on from there)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import Min
from django.utils import timezone

from .models import MailboxCursor, OutboundMessage

log = logging.getLogger("fairchase.outreach.mailbox")
FIRST_READ_DAYS = 14  # the most a first poll reads back, however long ago our first email went


def first_read_since(cursor: MailboxCursor) -> datetime:
    """Where the first poll of a folder starts: a newly connected mailbox's history is no
    reply to us (years of newsletters, old mail from a lead's address). From our first email
    sent, at most FIRST_READ_DAYS back (today, if none went yet); a folder read before whose
    UIDVALIDITY changed (recreated) from its last read; a day's margin either way."""
    now = timezone.now()
    if cursor.polled_at is not None:
        return cursor.polled_at - timedelta(days=1)
    first = OutboundMessage.objects.filter(channel="email", sent_at__isnull=False).aggregate(
        first=Min("sent_at")
    )["first"]
    return max(first or now, now - timedelta(days=FIRST_READ_DAYS)) - timedelta(days=1)


def start_reading(client, cursor: MailboxCursor, validity: int, uidnext: int) -> None:
    """Put the cursor of a folder read for the first time (or recreated) before the first
    message received since `first_read_since`; later polls go on from the cursor."""
    since = first_read_since(cursor)
    found = client.search(["SINCE", since.date()])
    if not uidnext:
        uidnext = max(client.search(["ALL"]), default=0) + 1
    cursor.uidvalidity, cursor.last_uid = validity, max(min(found, default=uidnext) - 1, 0)
    log.info(
        "first read of mailbox folder %s: mail received since %s (%d older messages left unread)",
        cursor.folder,
        since.date(),
        len(client.search(["UID", f"1:{cursor.last_uid}"])) if cursor.last_uid else 0,
    )
