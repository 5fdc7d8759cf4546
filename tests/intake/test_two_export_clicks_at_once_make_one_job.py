"""Two clicks on a big export at the same moment (two tabs, a double click) make one
export job, not two workbooks built side by side (review25 L1): `queue_export` locks the
user's row before it looks for a waiting job. Here each click is held before it creates
its job until the other has looked too (or 2 seconds went by), the widest race.

Needs a database two threads can write at once: PostgreSQL (DATABASE_URL), or a SQLite
file (SQLITE_TEST_PATH); skipped on the in-memory SQLite of a plain run."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from fairchase.intake import export_jobs
from fairchase.intake.models import ExportJob


def test_two_clicks_at_once_make_one_job(transactional_db, alice, monkeypatch):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("two writing threads need PostgreSQL or a SQLite file")
    monkeypatch.setattr(export_jobs, "start_in_background", lambda pk: None)
    looked = threading.Barrier(2)
    create = ExportJob.objects.create

    def create_after_both_looked(**kwargs):
        try:
            looked.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass  # the other click is waiting for the lock: as it should
        return create(**kwargs)

    monkeypatch.setattr(ExportJob.objects, "create", create_after_both_looked)

    def click(_):
        try:
            return export_jobs.queue_export(alice, "leads", 9000).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(2) as pool:
        jobs = list(pool.map(click, range(2)))
    assert jobs[0] == jobs[1] and ExportJob.objects.count() == 1
