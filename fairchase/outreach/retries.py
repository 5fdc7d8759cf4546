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
    mine = {"claimed_by": WORKER_ID}
    tries = OutboundMessage.objects.values_list("attempts", flat=True).get(pk=msg.pk)
    if exc.outcome == "retry" and tries < MAX_TRIES:
        backoff = min(timedelta(minutes=2 ** min(tries, 10)), MAX_WAIT)
        if not actions.move(
            msg.pk,
            State.SENDING,
            State.QUEUED,
            f"Retry in {backoff}: {exc}",
            where=mine,
            due_at=now + backoff,
            error=str(exc)[:1000],
            claimed_by="",
        ):
            return _now_in(msg.pk)
        log.warning("%s waits %s: %s", named(msg), backoff, exc)
        return State.QUEUED
    state = State.UNKNOWN if exc.outcome == "unknown" else State.FAILED
    if not actions.move(msg.pk, State.SENDING, state, str(exc), where=mine, error=str(exc)[:1000]):
        return _now_in(msg.pk)
    log.warning("%s %s: %s", named(msg), state, exc)
    return state


def _server_wait(msg: OutboundMessage, exc: ChannelError, now: datetime) -> str:
    """The server or its settings failed, not the message: it waits (its try given back),
    retried at most MAX_WAIT apart, for at most MAX_SERVER_WAIT from the first such wait;
    then it fails for a person, who sends it again once the server works."""
    mine = {"claimed_by": WORKER_ID}
    waits = MessageChange.objects.filter(message_id=msg.pk, reason__startswith=SERVER_WAIT)
    first = waits.order_by("at").values_list("at", flat=True).first()
    days, said = MAX_SERVER_WAIT.days, str(exc).rstrip(".") + "."
    if first is not None and now - first >= MAX_SERVER_WAIT:
        why = f"{said} It waited {days} days for the server and was not sent: send it again once the server works."
        if not actions.move(msg.pk, State.SENDING, State.FAILED, why, where=mine, error=why[:1000]):
            return _now_in(msg.pk)
        log.warning("%s failed after %s days of waiting: %s", named(msg), days, exc)
        return State.FAILED
    backoff = min(timedelta(minutes=2 ** min(waits.count() + 1, 10)), MAX_WAIT)
    said = f"{said} It is tried again until the server takes it, for up to {days} days."
    if not actions.move(
        msg.pk,
        State.SENDING,
        State.QUEUED,
        f"{SERVER_WAIT} (retry in {backoff}): {exc}",
        where=mine,
        due_at=now + backoff,
        error=said[:1000],
        claimed_by="",
        attempts=F("attempts") - 1,  # not the message's fault: its tries are kept
    ):
        return _now_in(msg.pk)
    log.warning("%s waits %s for the server: %s", named(msg), backoff, exc)
    return State.QUEUED


def retrying(msg: OutboundMessage) -> bool:
    """Whether a queued message is back in the queue because a send failed (not held by a rule)."""
    last = msg.changes.order_by("-at", "-pk").values_list("reason", flat=True).first() or ""
    return last.startswith(("Retry in", SERVER_WAIT))


def _now_in(pk: int) -> str:
    """The state of a row whose move this worker lost (recovered, cancelled meanwhile)."""
    return OutboundMessage.objects.values_list("state", flat=True).get(pk=pk)
