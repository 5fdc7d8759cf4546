"""A try takes from 0 to 600 minutes, however it is logged: `fairchase log --minutes -3` was
stored, and the day's selling minutes grew by it (120 + 3). The action refuses it, as the log
form and the API already did; the command line refuses it as argparse refuses "abc"; and a
history file with such a try is refused for that record."""

from __future__ import annotations

import json

import pytest

from fairchase.intake.history import RecordError, parse_record
from fairchase.leads import actions
from fairchase.leads.models import Attempt


@pytest.mark.parametrize("minutes", [-3, -0.5, 601, 10_000, float("nan"), float("inf")])
def test_the_action_refuses_minutes_no_try_takes(alice, make_lead, minutes):
    lead = make_lead(alice)
    with pytest.raises(actions.ActionError, match="Minutes must be between 0 and 600"):
        actions.log_attempt(lead, "call", "no_answer", minutes=minutes)
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("minutes", [0, 2.5, 600, None])
def test_the_bounds_themselves_and_the_usual_are_logged(alice, make_lead, minutes):
    attempt = actions.log_attempt(make_lead(alice), "call", "no_answer", minutes=minutes)
    assert attempt.minutes == (6.0 if minutes is None else minutes)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("minutes", ["-3", "-500", "1e9"])
def test_the_command_line_refuses_them_in_one_line(cli, alice, make_lead, minutes):
    lead = make_lead(alice)
    code, out, err = cli("log", str(lead.pk), "--call", "--no-answer", "--minutes", minutes)
    assert code == 2 and out == "" and "Traceback" not in err
    last = err.strip().splitlines()[-1]  # after the usage, as argparse says "abc"
    assert last == f"fairchase log: error: argument --minutes: must be from 0 to 600, not {minutes}"
    assert not Attempt.objects.exists()


def test_the_api_and_the_log_form_refuse_them_too(client, alice, make_lead):
    from fairchase.api.models import ApiToken

    lead = make_lead(alice)
    body = {"channel": "call", "outcome": "no_answer", "minutes": -3}
    _token, secret = ApiToken.issue(alice, "tests")
    said = client.post(
        f"/api/leads/{lead.pk}/attempts",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert said.status_code in (400, 422), said.content
    client.force_login(alice)
    page = client.post(f"/leads/{lead.pk}/log/", {**body, "minutes": "601"})
    assert page.status_code == 200 and "less than or equal to 600" in page.content.decode()
    assert not Attempt.objects.exists()


def test_a_history_record_with_a_negative_try_is_refused():
    record = {
        "id": "h1",
        "created_at": "2026-11-01T09:00:00Z",
        "attempts": [
            {"at": "2026-11-02T09:00:00Z", "channel": "call", "outcome": "no_answer", "minutes": -3}
        ],
    }
    with pytest.raises(RecordError, match="attempt 1: Minutes must be between 0 and 600"):
        parse_record(json.loads(json.dumps(record)))
