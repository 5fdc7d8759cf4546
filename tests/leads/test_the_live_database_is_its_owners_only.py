"""The live SQLite database (and its -wal and -shm) is readable by its owner only, as its
backups are: it holds every lead and the users' password hashes. A umask of 022 left it
readable by every user of the machine."""

from __future__ import annotations

import os
import sqlite3
import stat
from types import SimpleNamespace

from fairchase.leads.backup import keep_sqlite_private


def test_a_database_readable_by_others_is_made_private_on_connecting(tmp_path):
    db = tmp_path / "fairchase.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        for path in (db, tmp_path / "fairchase.sqlite3-wal", tmp_path / "fairchase.sqlite3-shm"):
            os.chmod(path, 0o644)
        connection = SimpleNamespace(vendor="sqlite", settings_dict={"NAME": str(db)})
        keep_sqlite_private(None, connection)
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == {
        "fairchase.sqlite3": 0o600,
        "fairchase.sqlite3-wal": 0o600,
        "fairchase.sqlite3-shm": 0o600,
    }


def test_the_signal_is_connected_for_every_connection():
    from django.db.backends.signals import connection_created

    assert "keep_sqlite_private" in str(connection_created.receivers)
