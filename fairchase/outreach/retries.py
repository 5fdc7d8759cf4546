"""What becomes of a send that did not go: back to the queue with a backoff, or failed (or
unknown) for a person. A fault of the server or its settings is not the message's: it uses
none of its tries, yet waits at most MAX_SERVER_WAIT. The rows move through `actions.move`
only, and only while this worker still owns them."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import F

from . import actions
from .channels import ChannelError
from .claiming import WORKER_ID
from .models import MessageChange, OutboundMessage

log = logging.getLogger("fairchase.outreach")
State = OutboundMessage.State

# Tries of a message the server refuses for now (a 4xx): then it fails, for a person.
MAX_TRIES = 5
# The longest a waiting message goes untried (the server down, a wrong password).
MAX_WAIT = timedelta(hours=1)
# How long a message waits for a server that is down or refuses our settings, then fails.
MAX_SERVER_WAIT = timedelta(days=2)
SERVER_WAIT = "Waiting for the server"


def named(msg: OutboundMessage) -> str:
    """A message in the worker's log: what an operator greps the mail server's log with (the
    full address, as mail servers log it, on their own server)."""
    return (
        f"message {msg.pk} (lead {msg.lead_id}, {msg.channel} to {msg.to}, "
        f"Message-ID {msg.message_id})"
    )


def _record_failure(msg: OutboundMessage, exc: ChannelError, now: datetime) -> str:
    """A send that did not go: back to queued with a backoff (doubling, at most MAX_WAIT), or
    failed or unknown. A fault of the server or its settings (`ChannelError.server`: down, a
    wrong password) is no fault of the message's: it uses none of its MAX_TRIES (`_server_wait`)."""
    if exc.outcome == "retry" and exc.server:
        return _server_wait(msg, exc, now)
    tries = OutboundMessage.objects.values_list("attempts", flat=True).get(pk=msg.pk)
    if exc.outcome == "retry" and tries < MAX_TRIES:
        backoff = _backoff(tries)
        if lost := _moved(msg, State.QUEUED, f"Retry in {backoff}: {exc}", now + backoff, str(exc)):
            return lost
        log.warning("%s waits %s: %s", named(msg), backoff, exc)
        return State.QUEUED
    state = State.UNKNOWN if exc.outcome == "unknown" else State.FAILED
    if lost := _moved(msg, state, str(exc), None, str(exc)):
        return lost
    log.warning("%s %s: %s", named(msg), state, exc)
    return state


def _server_wait(msg: OutboundMessage, exc: ChannelError, now: datetime) -> str:
    """The server or its settings failed, not the message: it waits (its try given back),
    retried at most MAX_WAIT apart, for at most MAX_SERVER_WAIT from the first such wait;
    then it fails for a person, who sends it again once the server works."""
    waits = MessageChange.objects.filter(message_id=msg.pk, reason__startswith=SERVER_WAIT)
    first = waits.order_by("at").values_list("at", flat=True).first()
    days, said = MAX_SERVER_WAIT.days, str(exc).rstrip(".") + "."
    if first is not None and now - first >= MAX_SERVER_WAIT:
        why = f"{said} It waited {days} days for the server and was not sent: send it again once the server works."
        if lost := _moved(msg, State.FAILED, why, None, why):
            return lost
        log.warning("%s failed after %s days of waiting: %s", named(msg), days, exc)
        return State.FAILED
    backoff = _backoff(waits.count() + 1)
    said = f"{said} It is tried again until the server takes it, for up to {days} days."
    reason = f"{SERVER_WAIT} (retry in {backoff}): {exc}"
    # not the message's fault: its tries are kept
    if lost := _moved(msg, State.QUEUED, reason, now + backoff, said, attempts=F("attempts") - 1):
        return lost
    log.warning("%s waits %s for the server: %s", named(msg), backoff, exc)
    return State.QUEUED


def _backoff(n: int) -> timedelta:
    """The wait before the next try after `n` (doubling from 2 minutes, at most MAX_WAIT)."""
    return min(timedelta(minutes=2 ** min(n, 10)), MAX_WAIT)


def _moved(msg: OutboundMessage, to: str, reason: str, due_at, error: str, **fields) -> str:
    """Move this worker's `sending` row to `to` (back to the queue when `due_at` is given,
    released for any worker); "" when it moved, else the state a person or a recovery left it
    in (the move lost: theirs stands)."""
    if due_at is not None:
        fields.update(due_at=due_at, claimed_by="")
    mine = {"claimed_by": WORKER_ID}
    if actions.move(msg.pk, State.SENDING, to, reason, where=mine, error=error[:1000], **fields):
        return ""
    return _now_in(msg.pk)


def retrying(msg: OutboundMessage) -> bool:
    """Whether a queued message is back in the queue because a send failed (not held by a rule)."""
    last = msg.changes.order_by("-at", "-pk").values_list("reason", flat=True).first() or ""
    return last.startswith(("Retry in", SERVER_WAIT))


def _now_in(pk: int) -> str:
    """The state of a row whose move this worker lost (recovered, cancelled meanwhile)."""
    return OutboundMessage.objects.values_list("state", flat=True).get(pk=pk)
