"""Two opt-outs at once on two records of one person (a STOP text and an unsubscribe click)
both go through: every record of the person is locked in primary-key order before any
change, so the two wait for each other instead of deadlocking (PostgreSQL would abort
one). Two processes, forty people; runs on a temp SQLite file, and on PostgreSQL when
DATABASE_URL is set. Each record moves to opted out once; the one whose own opt-out came
second says so on its timeline."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from .conftest import PYTHON, ROOT

pytestmark = pytest.mark.servers


def test_two_opt_outs_at_once_on_two_records_of_one_person_both_go_through(worker_db):
    pairs = json.loads(worker_db.script("seed_people", "40"))
    start = f"{time.time() + 3:.3f}"
    procs = [
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "tests.outreach.procs",
                "optout_each",
                start,
                *[str(p[k]) for p in pairs],
            ],
            env=worker_db.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in (0, 1)
    ]
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0 and out.strip() == "done", err[-3000:]
    rows = json.loads(worker_db.script("opted"))
    assert len(rows) == 80
    assert {tuple(v[:2]) for v in rows.values()} == {("opted_out", 1)}
    # the second opt-out of each person finds its record opted out with the first, and
    # records that it said no itself (same_person.SAID_NO_ITSELF), once
    assert [rows[str(a)][2] + rows[str(b)][2] for a, b in pairs] == [1] * 40


def test_a_suppression_waits_for_a_send_to_every_lead_holding_the_address(
    alice, make_lead, monkeypatch
):
    """A receipt's unsubscribe (or a bounce) suppressing an address commits only after a send
    in flight to a lead holding it has gone, as the lead's own opt-out does: on SQLite it
    waits on each holder's send lock (on PostgreSQL on its row lock)."""
    from fairchase.leads.models import Status, Suppression
    from fairchase.outreach import receivers
    from fairchase.outreach.receipts import stop_emailing

    tom = make_lead(alice, email="tom@example.com")
    closed = make_lead(alice, email="tom@example.com", phone="+12125550002")
    type(closed).objects.filter(pk=closed.pk).update(status=Status.LOST)
    make_lead(alice, email="ann@example.com")
    waited = []
    monkeypatch.setattr(receivers, "wait_for_sends", waited.append)
    stop_emailing("tom@example.com")
    assert Suppression.objects.filter(value="tom@example.com").exists()
    assert sorted(waited) == [tom.pk, closed.pk]
