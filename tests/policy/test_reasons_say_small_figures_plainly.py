"""Reasons agree with their numbers and say a marginal contact plainly (eval22 #11): "1 contact
without progress leaves" (it said "leave"), and a contact netting a few cents on the time it
takes is "barely worth its time" (it said "worth $0.02 net after $5.00 of time")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

NOW = datetime(2026, 12, 7, 15, 20, tzinfo=UTC)  # Monday 09:20 in Chicago
CHICAGO = {"business_timezone": "America/Chicago"}


def _engaged(value: float, without_progress: int = 1):
    """A web-form enquiry that talked once with progress, then `without_progress` times not."""
    talk = {"channel": "call", "outcome": "talked", "minutes": 6}
    attempts = [{**talk, "at": NOW - timedelta(days=9), "progress": True}]
    attempts += [
        {**talk, "at": NOW - timedelta(days=8 - i), "progress": False}
        for i in range(without_progress)
    ]
    return {
        "id": "dana",
        "source": "web_form",
        "value": value,
        "created_at": NOW - timedelta(days=10),
        "timezone": "America/Chicago",
        "status": "engaged",
        "attempts": attempts,
    }


def _decide(lead):
    return plan(None, [lead], NOW, CHICAGO)[0]


def test_one_contact_without_progress_leaves_and_two_leave():
    one = _decide(_engaged(100.0, 1))
    assert one["action"] == "stop", one
    assert one["reason"].startswith("Stop: 1 contact without progress leaves a "), one["reason"]
    two = _decide(_engaged(100.0, 2))
    assert two["reason"].startswith("Stop: 2 contacts without progress leave a "), two["reason"]


def test_a_contact_worth_a_few_cents_net_is_said_to_be_barely_worth_its_time():
    decision = _decide(_engaged(170.0))
    assert decision["action"] == "contact" and 0 < decision["expected_value"] < 0.5, decision
    assert decision["reason"].endswith(
        f"is worth ${decision['expected_value']:.2f} net after $5.00 of time:"
        " barely worth its time."
    ), decision["reason"]


def test_a_contact_well_worth_its_time_says_no_such_thing():
    decision = _decide(_engaged(1000.0))
    assert decision["action"] == "contact" and decision["expected_value"] > 5, decision
    assert "barely" not in decision["reason"], decision["reason"]
