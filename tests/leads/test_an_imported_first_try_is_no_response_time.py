"""An imported lead whose first try is dated before its import (a history file's tries) has
no response time: the file's dates are not how fast we answered. The lead page, the API
and Insights' speed to lead leave it out; a lead we answered ourselves keeps its own
(newcomer #6)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.insights.numbers import speed_to_lead
from fairchase.insights.scope import Scope
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status

DAY = timedelta(days=1)


def _imported_with_past_tries(make_lead, owner):
    now = timezone.now()
    lead = make_lead(owner, name="Ivo Imported", email="ivo@example.com", created_at=now - 30 * DAY)
    tried = {"channel": "call", "outcome": "no_answer", "minutes": 5.0, "progress": None}
    assert actions.add_past_tries(lead, [{"at": now - 20 * DAY, "notes": "", **tried}])
    return Lead.objects.get(pk=lead.pk)


def test_an_imported_first_try_has_no_response_time(client, alice, make_lead):
    lead = _imported_with_past_tries(make_lead, alice)
    assert lead.first_response_at is not None and lead.response_time is None
    _token, secret = ApiToken.issue(alice, "tests")
    auth = {"Authorization": f"Bearer {secret}"}
    got = client.get(f"/api/leads/{lead.pk}", headers=auth).json()
    assert got["response_time_seconds"] is None
    client.force_login(alice)
    page = client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert "from before the import" in page and "20 days" not in page


def test_a_lead_we_answered_keeps_its_response_time(alice, make_lead):
    lead = make_lead(alice, email="nora@example.com", created_at=timezone.now() - DAY)
    actions.log_attempt(lead, "call", "no_answer", at=lead.created_at + timedelta(hours=2))
    assert Lead.objects.get(pk=lead.pk).response_time == timedelta(hours=2)


def test_speed_to_lead_leaves_out_imported_first_tries(alice, make_lead):
    ours = make_lead(alice, email="nora@example.com", created_at=timezone.now() - DAY)
    actions.log_attempt(ours, "call", "no_answer", at=ours.created_at + timedelta(minutes=30))
    imported = _imported_with_past_tries(make_lead, alice)
    Lead.objects.filter(pk__in=[ours.pk, imported.pk]).update(status=Status.LOST)
    speed = speed_to_lead(Scope(), set())
    assert speed["n"] == 1 and round(speed["median_minutes"]) == 30
