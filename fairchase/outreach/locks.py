"""A per-lead send lock for SQLite, where the only database lock is the whole file.

Holding a SQLite write transaction across an SMTP conversation would stall every
other writer (and starve a person's opt-out click behind busy workers). Instead a
worker checks the lead in a short transaction, takes this lead's file lock before
committing, sends, and releases it. An opt-out, a reply, a stop, or a suppression of
an address a lead holds (`actions.suppress`: a bounce, a receipt's unsubscribe, another
record's opt-out) takes the same lock inside its own transaction (see receivers.py) and
so commits only after a send to that lead in flight has finished: nothing is sent to a
lead, or to an address, after its opt-out or suppression commits. A form's receipt,
which belongs to no lead, takes its address's lock instead (`wait_for_address`).

Lock order is always database first, then file lock; a worker never asks for the
database while it holds a file lock, so the two cannot deadlock. PostgreSQL uses
the lead's row lock for the same purpose and does not need this.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection


def needed() -> bool:
    return connection.vendor == "sqlite"


def _dir() -> Path:
    return lock_dir_for(str(settings.DATABASES["default"].get("NAME") or ""))


def lock_dir_for(db_name: str) -> Path:
    """Where the lock files live: beside the SQLite file (``fairchase.sqlite3.locks/``), so
    they go with the data and never litter the system's temp directory. An in-memory
    database (the test suite's) is private to its process, and so are its locks: a
    temporary directory removed when the process exits."""
    global _private_dir
    if chosen := settings.OUTREACH_LOCK_DIR:
        path = Path(chosen)
    elif db_name and db_name != ":memory:" and not db_name.startswith("file:"):
        path = Path(db_name).with_name(Path(db_name).name + ".locks")
    else:
        if _private_dir is None:
            _private_dir = tempfile.mkdtemp(prefix="fairchase-locks-")
            atexit.register(shutil.rmtree, _private_dir, True)
        path = Path(_private_dir)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)  # others may not read whose sends these are
    if not chosen:  # ours alone (an older version made it 0755)
        path.chmod(0o700)
    return path


_private_dir: str | None = None


# Every key shares one of a fixed set of lock files, chosen by a hash of the key: one file
# per lead or address would pile up for ever (eval32 #1), and deleting a lock file after use
# is unsafe with flock (a process that opened the file before the unlink would lock a file
# nobody else can find, while the next one locks a new file of the same name). Two keys on
# one slot only wait for each other: a send finding its slot busy is retried in 5 seconds,
# and nothing ever holds two slots at once, so they cannot deadlock.
SLOTS = 256


def slot_of(key: int | str) -> str:
    """The lock file this lead's (or address's) sends take: it names neither."""
    digest = hashlib.sha256(f"fairchase-send:{key}".encode()).digest()
    return f"send-{int.from_bytes(digest[:4], 'big') % SLOTS:03d}.lock"


def send_key(lead_id: int | None, to: str) -> int | str:
    """Whose send lock a message takes: its lead's; a form's receipt, which belongs to no
    lead, its address's (an unsubscribe of that address waits on it: `wait_for_address`)."""
    if lead_id is not None:
        return lead_id
    return "to-" + hashlib.sha256(to.strip().lower().encode()).hexdigest()[:24]


class LeadSendLock:
    """An exclusive flock on one lead's (or one receipt address's: `send_key`) lock file,
    released by the kernel if we die."""

    def __init__(self, lead_id: int | str) -> None:
        self.path = _dir() / slot_of(lead_id)
        self.fd: int | None = None

    def acquire(self, wait: bool = True) -> bool:
        """Take the lock; with wait=False return False at once if someone holds it."""
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            return False
        return True

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class WorkerWrites:
    """Workers queue for SQLite's write lock on a file lock, which wakes the next one the
    moment it is free, instead of SQLite's busy handler, which sleeps and retries (up to
    100 ms a try) and so wastes most of the time when several workers contend."""

    def __enter__(self):
        self.fd = None
        if needed():
            self.fd = os.open(_dir() / "worker-writes.lock", os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
        return False


def wait_for_sends(lead_id: int) -> None:
    """Block until no worker is sending to this lead (a barrier; call inside the transaction)."""
    if needed():
        lock = LeadSendLock(lead_id)
        lock.acquire()
        lock.release()


def wait_for_address(address: str) -> None:
    """Block until no worker is sending a receipt to this address (inside the transaction
    that suppresses it)."""
    if needed():
        lock = LeadSendLock(send_key(None, address))
        lock.acquire()
        lock.release()
