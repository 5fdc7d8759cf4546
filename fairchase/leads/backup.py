"""A consistent copy of the database while the app runs (`fairchase backup FILE`).

SQLite runs in WAL mode: the newest changes live in `fairchase.sqlite3-wal` until a
checkpoint, so copying the main file while the web or the worker runs silently misses
them (and the copy passes `integrity_check`: nothing warns). The copy is made by
SQLite's online backup (`sqlite3.Connection.backup`) inside one read transaction on the
source: every step reads the same snapshot, WAL included, while the app keeps writing,
and the backup never restarts for a write made meanwhile. The copy is one file in
rollback-journal mode (no -wal beside it), readable by its owner only (it holds every
lead and the users' password hashes), put in place only once complete.

PostgreSQL is dumped by its own tool, `pg_dump --format=custom` (restored with
`pg_restore`), run with the connection settings Fairchase uses.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

STEP_PAGES = 4096  # 16 MB a step at SQLite's 4 kB pages: a progress tick, never a restart


class BackupError(ValueError):
    """Why no backup was made, in one line for the person running it."""


def sqlite_source(name: str) -> tuple[str, bool]:
    """(What to connect to, whether it is a URI) for the database named in settings; a
    file that does not exist is refused (connecting would make an empty database: a backup
    of nothing, taken for a backup of the book)."""
    name = str(name)
    if name.startswith("file:"):  # the test suite's shared in-memory database
        return name, True
    if name == ":memory:":
        raise BackupError("the database is in memory: there is nothing on disk to back up.")
    if not os.path.isfile(name):
        raise BackupError(
            f"no database at {name}: is DATA_DIR (or SQLITE_PATH) set as the app's is?"
        )
    return name, False


@contextmanager
def written(file: str) -> Iterator[str]:
    """A temporary path beside `file` (mode 0600), moved to `file` once complete; removed
    if anything fails, so a failed backup leaves no half-written copy (and an older one
    there untouched)."""
    try:
        fd, path = tempfile.mkstemp(prefix=".backup-", dir=os.path.dirname(file) or ".")
    except OSError as exc:  # named as the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, file) from None
    os.close(fd)
    try:
        yield path
        os.replace(path, file)
    except BaseException:
        for leftover in (path, path + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise


def copy_sqlite(
    name: str, file: str, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Copy the SQLite database `name` to `file` while others write to it. Returns the
    copy's size in bytes and its number of leads (-1 for a database without the table)."""
    source, uri = sqlite_source(name)
    src = sqlite3.connect(source, uri=uri, timeout=20, isolation_level=None)
    try:
        src.execute("BEGIN")  # one read transaction: every step reads this snapshot
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        with written(file) as path:
            out = sqlite3.connect(path, isolation_level=None)
            try:
                src.backup(out, pages=STEP_PAGES, progress=_reporting(progress))
                out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                leads = _count_leads(out)
            finally:
                out.close()
        src.execute("ROLLBACK")
    finally:
        src.close()
    return {"bytes": os.path.getsize(file), "leads": leads}


def _reporting(progress: Callable[[int, int], None] | None):
    """The backup's progress callback: pages copied so far, of all."""

    def step(status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    return step


def _count_leads(db: sqlite3.Connection) -> int:
    try:
        return db.execute("SELECT count(*) FROM leads_lead").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated: still a copy, of an empty book
        return -1


def dump_postgres(db: dict, file: str) -> dict[str, int]:
    """`pg_dump --format=custom` of the PostgreSQL database `db` (Django's settings_dict)
    into `file`. Raises BackupError when pg_dump is missing or fails (its first line)."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(
            "pg_dump not found: install PostgreSQL's client tools (apt install "
            "postgresql-client) or run `pg_dump --format=custom --file FILE DBNAME` yourself."
        )
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    if sslmode := (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    with written(file) as path:
        done = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--file", path, str(db["NAME"])],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["failed"])[0]
            raise BackupError(f"pg_dump: {first.removeprefix('pg_dump: ').removeprefix('error: ')}")
    return {"bytes": os.path.getsize(file), "leads": -1}


def secret_key_note(data_dir: Path) -> str:
    """What else to keep with the copy: the secret key (unsubscribe links already sent,
    and everyone's logins, are signed with it)."""
    if settings.SECRET_KEY_FROM_ENV:
        return (
            "Keep the secret key (DJANGO_SECRET_KEY) with it: unsubscribe links already "
            "sent need it."
        )
    return f"Keep {data_dir / '.secret_key'} with it: unsubscribe links already sent need it."


def keep_sqlite_private(sender, connection, **kwargs) -> None:
    """The live SQLite database is readable by its owner only, as its backups are: it holds
    every lead and the users' password hashes, and a umask of 022 left it (and its -wal and
    -shm, which SQLite makes with the database's mode) readable by every user of the
    machine. Connected to `connection_created`; a file it cannot change is left as it is."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name.startswith("file:") or name == ":memory:":
        return
    for path in (name, f"{name}-wal", f"{name}-shm"):
        try:
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:  # not there (yet), or not ours
            pass
