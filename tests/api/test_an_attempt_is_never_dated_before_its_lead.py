"""An attempt dated before its lead came in is refused, however it is logged (the API, or
any caller of `actions.log_attempt`): it would be a negative response time and a call
above "Created" on the timeline. An import of past leads, which brings each lead's own
date and its older attempts, is not refused."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status


def test_the_api_refuses_an_attempt_before_the_lead_with_a_message(api, alice, make_lead):
    lead = make_lead(alice, created_at=timezone.now() - timedelta(minutes=26))
    body = {"channel": "call", "outcome": "talked", "at": "2010-01-01T12:00:00Z"}
    response = api("POST", f"/leads/{lead.pk}/attempts", body)
    assert response.status_code == 400
    assert "an attempt cannot be dated before that" in response.json()["detail"]
    lead.refresh_from_db()
    assert (lead.status, lead.attempt_count, lead.first_response_at) == (Status.OPEN, 0, None)
    read = api("GET", f"/leads/{lead.pk}", None).json()
    assert read["response_time_seconds"] is None


def test_an_attempt_after_the_lead_came_in_is_logged(api, alice, make_lead):
    lead = make_lead(alice, created_at=timezone.now() - timedelta(minutes=26))
    at = (lead.created_at + timedelta(minutes=1)).isoformat()
    response = api(
        "POST", f"/leads/{lead.pk}/attempts", {"channel": "call", "outcome": "talked", "at": at}
    )
    assert response.status_code == 201
    assert api("GET", f"/leads/{lead.pk}", None).json()["response_time_seconds"] == 60


def test_every_way_in_is_refused_the_same(alice, make_lead):
    lead = make_lead(alice)
    with pytest.raises(actions.ActionError, match="cannot be dated before"):
        actions.log_attempt(lead, "email", "no_answer", at=lead.created_at - timedelta(minutes=16))


def test_a_try_minutes_before_is_two_clocks_and_is_kept(alice, make_lead):
    """A try dated minutes before the lead came in is two clocks disagreeing (an API client's
    and ours): it happened, so it is kept (never refused and lost), dated when the lead came
    in."""
    lead = make_lead(alice)
    attempt = actions.log_attempt(
        lead, "call", "no_answer", at=lead.created_at - timedelta(minutes=10)
    )
    assert attempt.at == lead.created_at
    assert lead.attempts.count() == 1


def test_an_imported_history_keeps_its_old_attempts(alice, tmp_path, capsys):
    record = {
        "id": "old-1",
        "source": "referral",
        "created_at": "2012-05-02T10:00:00Z",
        "status": "lost",
        "attempts": [{"at": "2012-05-02T11:00:00Z", "channel": "call", "outcome": "talked"}],
    }
    path = tmp_path / "history.jsonl"
    path.write_text(json.dumps(record) + "\n")
    call_command("import", "--history", str(path), "--owner", "alice")
    lead = Lead.objects.get()
    assert lead.created_at.year == 2012 and lead.attempts.get().at.year == 2012
