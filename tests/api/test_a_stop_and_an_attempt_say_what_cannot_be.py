"""A revisit date that has passed, and an outcome its channel cannot have, are refused with a
400 that says why, by the API and the web forms alike (one rule each, in the actions:
`check_revisit`, `check_outcome`).

Before, the API parked a lead "to revisit" on 1 Jan 2026 (in the past), so the worker woke
it at once and Today listed it as a new enquiry; and it logged a *call* that "bounced"."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Status


def test_a_revisit_in_the_past_is_a_400_by_the_api_and_refused_on_the_lead_page(
    client, alice, make_lead, api
):
    lead = make_lead(alice)
    past = timezone.now() - timedelta(days=30)
    r = api(
        "POST", f"/leads/{lead.pk}/stop", {"next_state": "revisit", "revisit_at": past.isoformat()}
    )
    assert r.status_code == 400, r.content
    assert "A revisit date must be in the future" in r.json()["detail"]
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.revisit_at is None
    client.force_login(alice)
    typed = timezone.localtime(past).strftime("%Y-%m-%dT%H:%M")
    r = client.post(f"/leads/{lead.pk}/stop/", {"next_state": "revisit", "revisit_at": typed})
    said = " ".join(str(m) for m in get_messages(r.wsgi_request))
    assert "Not stopped: Revisit on: A revisit date must be in the future" in said, said
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    ahead = timezone.now() + timedelta(days=30)
    r = api(
        "POST", f"/leads/{lead.pk}/stop", {"next_state": "revisit", "revisit_at": ahead.isoformat()}
    )
    assert r.status_code == 200 and r.json()["status"] == "revisit"


def test_a_call_that_bounced_is_a_400_naming_the_channels_a_bounce_fits(
    client, alice, make_lead, api
):
    lead = make_lead(alice)
    r = api("POST", f"/leads/{lead.pk}/attempts", {"channel": "call", "outcome": "bounced"})
    assert r.status_code == 400, r.content
    assert r.json()["detail"].startswith("Bounced fits only email or text, not call")
    assert not lead.attempts.exists()
    client.force_login(alice)  # the log form reads the same rule, beside the outcome
    r = client.post(f"/leads/{lead.pk}/log/", {"channel": "visit", "outcome": "bounced"})
    assert r.status_code == 200
    assert "Bounced fits only email or text, not visit" in r.content.decode()
    assert not lead.attempts.exists()
    r = api("POST", f"/leads/{lead.pk}/attempts", {"channel": "email", "outcome": "bounced"})
    assert r.status_code == 201
    try:  # and the action itself, whoever calls it
        actions.log_attempt(lead, "call", "bounced")
    except actions.ActionError as exc:
        assert "fits only email or text" in str(exc)
    else:
        raise AssertionError("logged a call that bounced")
