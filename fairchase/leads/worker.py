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
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import Q
from django.utils import timezone

log = logging.getLogger("fairchase.worker")
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


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


def run_once(clock: Callable[[], float] = time.monotonic) -> int:
    """Run every due step once; returns the total work done."""
    done = 0
    for step in list(STEPS.values()):
        now = clock()
        if now - step.last < step.every:
            continue
        step.last = now
        try:
            done += int(step.fn() or 0)
        except Exception:  # one failing step must not stop the others
            log.exception("worker step %s failed", step.name)
        finally:
            # Drop broken or expired connections between steps (never inside a caller's transaction).
            if not connection.in_atomic_block:
                close_old_connections()
    return done


class Loop:
    def __init__(self) -> None:
        self.stopping = False

    def stop(self, *_args) -> None:
        self.stopping = True

    def run(self, max_iterations: int | None = None, install_signals: bool = True) -> None:
        if install_signals:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        log.info("worker started at %s with steps %s", timezone.now(), ", ".join(STEPS))
        i = 0
        while not self.stopping and (max_iterations is None or i < max_iterations):
            i += 1
            if run_once() == 0:
                t = settings.WORKER_IDLE_SECONDS
                while t > 0 and not self.stopping:
                    time.sleep(min(0.2, t))
                    t -= 0.2
