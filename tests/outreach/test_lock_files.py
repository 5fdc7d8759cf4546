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


def test_the_lock_directory_is_private(tmp_path, monkeypatch):
    monkeypatch.delenv("OUTREACH_LOCK_DIR", raising=False)
    old = tmp_path / "fairchase.sqlite3.locks"
    old.mkdir(mode=0o755)  # as an older version left it
    where = locks.lock_dir_for(str(tmp_path / "fairchase.sqlite3"))
    assert where.stat().st_mode & 0o777 == 0o700
    fresh = locks.lock_dir_for(str(tmp_path / "other" / "fairchase.sqlite3"))
    assert fresh.stat().st_mode & 0o777 == 0o700


def test_sends_to_many_leads_and_addresses_leave_a_fixed_few_files_naming_none(db):
    """eval32 #1: one file per lead and per receipt address was never deleted, and its
    name carried the lead id or the address's hash."""
    keys = [*range(1, 2001), *(locks.send_key(None, f"p{n}@example.com") for n in range(500))]
    for key in keys:
        lock = locks.LeadSendLock(key)
        assert lock.acquire(wait=False)
        lock.release()
    names = {locks.LeadSendLock(key).path.name for key in keys}
    assert len(names) <= locks.SLOTS
    assert not any(name == "1.lock" or name.startswith("to-") for name in names)
