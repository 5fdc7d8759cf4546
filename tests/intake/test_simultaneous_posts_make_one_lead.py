"""Two posts of the same new person at the same moment make one lead: the second joins the
first, through the JSON webhook, the API and Add lead alike. Each door holds the person
(`same_person.lock_person`) before looking for their lead; without it both lookups see no
lead on PostgreSQL (READ COMMITTED) and both create one. Here both posts are held after
their lookup until the other has looked too (or 2 seconds went by), the widest race.

Needs a database two threads can write at once: PostgreSQL (DATABASE_URL), or a SQLite
file (SQLITE_TEST_PATH); skipped on the in-memory SQLite of a plain run."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from fairchase.api.models import ApiToken
from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead
from fairchase.leads.same_person import active_lead_of

ANN = {"name": "Ann Lee", "email": "ann@lee.example", "phone": "212 555 0101"}


@pytest.fixture
def racing(transactional_db, monkeypatch):
    """`racing(module, post)`: runs `post(i)` in two threads at once, each held after its
    lookup (`module.active_lead_of`) until the other has looked too; their answers."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("two writing threads need PostgreSQL or a SQLite file")

    def race(module: str, post):
        looked = threading.Barrier(2)

        def lookup_then_wait(*args):
            known = active_lead_of(*args)
            try:
                looked.wait(timeout=2)  # the other is held by the lock: it cannot look yet
            except threading.BrokenBarrierError:
                pass
            return known

        def one(i: int):
            try:
                return post(i)
            finally:
                connections.close_all()  # this thread's connection

        monkeypatch.setattr(f"{module}.active_lead_of", lookup_then_wait)
        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(one, range(2)))

    return race


def _one_lead_with_both_enquiries() -> Lead:
    (lead,) = Lead.objects.all()
    assert lead.status_changes.filter(reason__startswith="New enquiry through").count() == 1
    return lead


def test_two_webhook_posts_of_a_new_person_at_once_make_one_lead(racing, alice):
    form = CaptureForm.objects.create(name="Site", owner=alice)

    def post(i: int):
        body = {**ANN, "message": f"Enquiry {i}"}
        return Client().post(
            f"/in/f/{form.webhook_key}/json/",
            json.dumps(body),
            content_type="application/json",
            REMOTE_ADDR=f"203.0.113.{i + 1}",
        )

    codes = [r.status_code for r in racing("fairchase.intake.capture", post)]
    assert codes == [202, 202]
    lead = _one_lead_with_both_enquiries()
    assert "Enquiry 0" in lead.notes and "Enquiry 1" in lead.notes


def test_two_api_posts_of_a_new_person_at_once_make_one_lead(racing, alice):
    _token, secret = ApiToken.issue(alice, "tests")

    def post(i: int):
        return Client().post(
            "/api/leads",
            {**ANN, "notes": f"Enquiry {i}"},
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    answers = racing("fairchase.api.routers.leads", post)
    assert sorted((r.status_code, r.json()["joined"]) for r in answers) == [
        (200, True),
        (201, False),
    ]
    lead = _one_lead_with_both_enquiries()
    assert {r.json()["id"] for r in answers} == {lead.pk}


def test_two_people_adding_one_new_person_at_once_make_one_lead(racing, alice, bob):
    def post(i: int):
        client = Client()
        client.force_login((alice, bob)[i])
        return client.post(
            "/leads/new/", {**ANN, "source": "referral", "value": "2500", "notes": f"Note {i}"}
        )

    codes = sorted(r.status_code for r in racing("fairchase.web.views.leads", post))
    assert codes == [200, 302]  # one added, the other told "already ... lead: not added"
    (lead,) = Lead.objects.all()
    assert "Note 0" in lead.notes and "Note 1" in lead.notes
