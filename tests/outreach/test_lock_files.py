"""Send locks live with the data, never in the system's temp directory."""

from __future__ import annotations

import tempfile

from fairchase.outreach import locks


def test_send_locks_live_beside_the_sqlite_file(tmp_path, settings):
    settings.OUTREACH_LOCK_DIR = ""
    where = locks.lock_dir_for(str(tmp_path / "fairchase.sqlite3"))
    assert where == tmp_path / "fairchase.sqlite3.locks" and where.is_dir()
    assert not str(where).startswith(tempfile.gettempdir() + "/fairchase-send-")


def test_an_in_memory_database_keeps_its_locks_in_a_private_directory(settings):
    settings.OUTREACH_LOCK_DIR = ""
    where = locks.lock_dir_for("file:memorydb_default?mode=memory&cache=shared")
    assert where.name.startswith("fairchase-locks-") and where.is_dir()


def test_a_send_lock_is_taken_and_given_back(db):
    lock = locks.LeadSendLock(7)
    assert lock.acquire(wait=False)
    other = locks.LeadSendLock(7)
    assert not other.acquire(wait=False)
    lock.release()
    assert other.acquire(wait=False)
    other.release()
