"""The background loop behind `fairchase worker` (healthchecks' sendalerts).

Apps register steps; each step does a bounded amount of due work and returns how
many items it handled. `run_once` runs every step that is due; the loop sleeps
briefly when nothing happened. Steps claim work atomically in the database, so
several workers on PostgreSQL never collide.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import (
    DatabaseError,
    IntegrityError,
    close_old_connections,
    connection,
    transaction,
)
from django.db.models import Q
from django.utils import timezone

log = logging.getLogger("fairchase.worker")
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
# Set by `Loop.stop` (systemd's SIGTERM): a step working through a batch starts nothing new.
_stop_asked = threading.Event()


def stop_asked() -> bool:
    """True once the worker was asked to stop: a long step finishes what is in flight and
    starts nothing new (a batch of slow sends would outlast systemd's TimeoutStopSec)."""
    return _stop_asked.is_set()


def claim_lease(name: str, seconds: float, now=None) -> bool:
    """Take the step `name` for `seconds` if no other worker holds it: a conditional UPDATE
    (free or expired -> ours), so exactly one of several workers wins (healthchecks' habit)."""
    from .models import WorkerLease

    now = now or timezone.now()
    try:
        with transaction.atomic():
            WorkerLease.objects.get_or_create(name=name)
    except IntegrityError:  # another worker created it at the same moment
        pass
    free = Q(until__isnull=True) | Q(until__lte=now)
    return (
        WorkerLease.objects.filter(free, name=name).update(
            holder=WORKER_ID, until=now + timedelta(seconds=seconds)
        )
        == 1
    )


def release_lease(name: str) -> None:
    """Give the step back early (only if this worker still holds it)."""
    from .models import WorkerLease

    WorkerLease.objects.filter(name=name, holder=WORKER_ID).update(until=None, holder="")


@dataclass
class Step:
    name: str
    fn: Callable[[], int]
    every: float  # seconds between runs
    last: float = field(default=float("-inf"))


STEPS: dict[str, Step] = {}


def register_step(name: str, fn: Callable[[], int], every: float = 0.0) -> None:
    """Add a step to the loop (apps call this from AppConfig.ready)."""
    STEPS[name] = Step(name, fn, every)


class DatabaseDown(Exception):
    """The database cannot be reached at all: no step can do anything until it is back."""


def database_problem() -> str:
    """Why the database cannot be reached now (cli's one line), or '' when it answers.
    Inside a caller's transaction (a test) it is never closed, so it counts as reachable."""
    from fairchase.cli import unreachable_database

    if connection.in_atomic_block:
        return ""
    connection.close_if_unusable_or_obsolete()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return unreachable_database(exc) or f"the database failed: {exc}".splitlines()[0]
    return ""


def run_once(clock: Callable[[], float] = time.monotonic) -> int:
    """Run every due step once; returns the total work done. Raises DatabaseDown (and runs
    no further step) when a step failed because the database cannot be reached."""
    done = 0
    for step in list(STEPS.values()):
        now = clock()
        if now - step.last < step.every:
            continue
        step.last = now
        try:
            done += int(step.fn() or 0)
        except DatabaseError as exc:
            if problem := database_problem():
                step.last = float("-inf")  # not run: due again as soon as it is back
                raise DatabaseDown(problem) from exc
            log.exception("worker step %s failed", step.name)
        except Exception:  # one failing step must not stop the others
            log.exception("worker step %s failed", step.name)
        finally:
            # Drop broken or expired connections between steps (never inside a caller's transaction).
            if not connection.in_atomic_block:
                close_old_connections()
    return done


class Loop:
    MAX_WAIT = 60.0  # seconds between tries while the database is down

    def __init__(self) -> None:
        self.stopping = False
        self.down = ""  # what the database last failed with, while it is down
        self.wait = 0.0
        _stop_asked.clear()  # a new loop starts fresh (one loop per process)

    def stop(self, *_args) -> None:
        self.stopping = True
        _stop_asked.set()

    def run(self, max_iterations: int | None = None, install_signals: bool = True) -> None:
        if install_signals:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        log.info("worker started at %s with steps %s", timezone.now(), ", ".join(STEPS))
        i = 0
        while not self.stopping and (max_iterations is None or i < max_iterations):
            i += 1
            try:
                done = run_once()
            except DatabaseDown as exc:
                self._sleep(self._went_down(str(exc)))
                continue
            if self.down:
                log.warning("the database is back: the worker goes on")
                self.down, self.wait = "", 0.0
            if done == 0:
                self._sleep(settings.WORKER_IDLE_SECONDS)

    def _went_down(self, problem: str) -> float:
        """One line per distinct failure (not a traceback per step); waits double to MAX_WAIT."""
        if problem != self.down:
            log.error("worker paused: %s (trying again until it answers)", problem)
            self.down = problem
        self.wait = min(max(self.wait * 2, 1.0), self.MAX_WAIT)
        return self.wait

    def _sleep(self, seconds: float) -> None:
        while seconds > 0 and not self.stopping:
            time.sleep(min(0.2, seconds))
            seconds -= 0.2
