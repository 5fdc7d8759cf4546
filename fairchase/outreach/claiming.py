"""Which worker owns a due row: the conditional UPDATE that claims it for this worker
(`claim`), the worker's identity (`WORKER_ID`), and the lease after which a row left
`sending` by a dead worker goes to a person (`recover_abandoned`, never back to `queued`).
What the owner then does with the row (re-check, send, record) is `outbox`'s.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from . import actions
from .models import OutboundMessage

State = OutboundMessage.State

# A `sending` row older than this is abandoned whoever claimed it (longer than any send).
SENDING_LEASE = timedelta(minutes=10)
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def recover_abandoned(now: datetime | None = None) -> int:
    """Rows left `sending` by a dead worker become `unknown`: a person confirms or resends."""
    now = now or timezone.now()
    host = socket.gethostname()
    stale = []
    for pk, by, at in OutboundMessage.objects.filter(state=State.SENDING).values_list(
        "pk", "claimed_by", "claimed_at"
    ):
        parts = by.split(":")
        dead_here = (
            len(parts) == 3
            and parts[0] == host
            and parts[1].isdigit()
            and not _pid_alive(int(parts[1]))
        )
        if dead_here or at is None or now - at > SENDING_LEASE:
            stale.append(pk)
    why = "The worker stopped while sending: check whether it arrived, then confirm or resend."
    return sum(actions.move(pk, State.SENDING, State.UNKNOWN, why, error=why) for pk in stale)


def claim(pk: int | None = None, now: datetime | None = None) -> int | None:
    """Take one due queued row (or this one) for this worker; returns its pk or None."""
    now = now or timezone.now()
    due = OutboundMessage.objects.filter(state=State.QUEUED)
    due = due.filter(pk=pk) if pk is not None else due.filter(due_at__lte=now)
    due = due.order_by("due_at", "pk")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            # PostgreSQL: each worker locks a different candidate instead of queueing on one.
            candidates = list(
                due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:1]
            )
        else:
            candidates = list(due.values_list("pk", flat=True)[:5])
        for candidate in candidates:
            if actions.move(
                candidate,
                State.QUEUED,
                State.SENDING,
                f"Claimed by worker {WORKER_ID}",
                claimed_at=now,
                claimed_by=WORKER_ID,
                attempts=F("attempts") + 1,
            ):
                return candidate
    return None
