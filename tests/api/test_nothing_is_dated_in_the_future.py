"""The API takes a time something happened up to 10 minutes ahead of our clock (a client's
clock running fast); what it stores is never ahead of ours: a lead dated ahead came in
now, and so did an enquiry joining one, and an attempt dated ahead (or logged on such a
lead) happened now. A later "what happened up to now" (Today's minutes spent, the week's
attempts) then counts it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead


def _ahead(minutes: float = 9) -> str:
    return (timezone.now() + timedelta(minutes=minutes)).isoformat()


def test_a_lead_dated_ahead_came_in_now_and_its_attempt_is_not_in_the_future(api):
    r = api("POST", "/leads", {"name": "Ann", "email": "ann@example.com", "created_at": _ahead()})
    assert r.status_code == 201, r.content
    lead = Lead.objects.get(pk=r.json()["id"])
    assert lead.created_at <= timezone.now()
    assert lead.status_changes.get().at == lead.created_at  # "Created" on the timeline too
    attempt = actions.log_attempt(lead, "email", "no_answer", at=timezone.now())
    assert attempt.at <= timezone.now()


def test_an_attempt_dated_ahead_happened_now(api, alice, make_lead):
    lead = make_lead(alice)
    body = {"channel": "call", "outcome": "no_answer", "at": _ahead()}
    r = api("POST", f"/leads/{lead.pk}/attempts", body)
    assert r.status_code == 201, r.content
    lead.refresh_from_db()
    assert lead.attempts.get().at <= timezone.now()
    assert lead.last_attempt_at <= timezone.now()


def test_an_enquiry_dated_ahead_joining_an_untried_lead_waits_from_now(api, alice, make_lead):
    lead = make_lead(alice, name="Ann", email="ann@example.com")
    body = {"name": "Ann", "email": "ann@example.com", "notes": "Again", "created_at": _ahead()}
    r = api("POST", "/leads", body)
    assert r.status_code == 200 and r.json()["id"] == lead.pk, r.content
    lead.refresh_from_db()
    assert lead.created_at <= timezone.now()
