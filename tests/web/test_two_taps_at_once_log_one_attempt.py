"""Two posts of one lead-page form at the same moment (the same one-time key, as a double tap
on a slow link sends it) log one attempt: the key is claimed in the transaction that logs the
call, so the twin waits on the unique key and then answers as the first did. Here each post
is held inside the view until the other has arrived too (or a second went by), the widest
race: without the key both log a call.

Needs a database two threads can write at once: PostgreSQL (DATABASE_URL), or a SQLite
file (SQLITE_TEST_PATH); skipped on the in-memory SQLite of a plain run."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from fairchase.leads.models import Attempt
from fairchase.web.views import today


def test_two_no_answer_taps_at_once_log_one_attempt(
    transactional_db, alice, make_lead, monkeypatch
):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("two writing threads need PostgreSQL or a SQLite file")
    lead = make_lead(alice, name="Bob Ito")
    arrived = threading.Barrier(2)
    logged = today.apply_outcome

    def wait_for_the_twin(*args):
        try:
            arrived.wait(timeout=1)  # the twin is held by the key: it cannot arrive
        except threading.BrokenBarrierError:
            pass
        return logged(*args)

    monkeypatch.setattr(today, "apply_outcome", wait_for_the_twin)
    clients = [Client(), Client()]
    for c in clients:
        c.force_login(alice)
    sent = {"outcome": "no_answer", "channel": "call", "next": "lead", "once": "f" * 32}

    def post(c):
        try:
            return c.post(f"/leads/{lead.pk}/outcome/", sent)
        finally:
            connections.close_all()  # this thread's connection

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(post, clients))
    assert Attempt.objects.filter(lead=lead).count() == 1
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0].url == answers[1].url == f"/leads/{lead.pk}/"
