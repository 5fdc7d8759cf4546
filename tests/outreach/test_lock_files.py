"""Send locks live with the data, never in the system's temp directory."""

from __future__ import annotations

import tempfile

from fairchase.outreach import locks


def test_send_locks_live_beside_the_sqlite_file(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("OUTREACH_LOCK_DIR", raising=False)
    settings.DATABASES = {
        **settings.DATABASES,
        "default": {**settings.DATABASES["default"], "NAME": str(tmp_path / "fairchase.sqlite3")},
    }
    lock = locks.LeadSendLock(7)
    assert lock.acquire(wait=False)
    lock.release()
    assert lock.path.parent == tmp_path / "fairchase.sqlite3.locks"
    assert not str(lock.path).startswith(tempfile.gettempdir() + "/fairchase-send-")


def test_an_in_memory_database_keeps_its_locks_in_a_private_directory(settings, monkeypatch):
    monkeypatch.delenv("OUTREACH_LOCK_DIR", raising=False)
    settings.DATABASES = {
        **settings.DATABASES,
        "default": {
            **settings.DATABASES["default"],
            "NAME": "file:memorydb_default?mode=memory&cache=shared",
        },
    }
    assert locks._dir().name.startswith("fairchase-locks-")
