"""An enquiry that came to us gets at least its first answer, whatever its value (seed 000:
respond ASAP to every enquiry; not responding does more damage than responding late). Before,
a new web-form enquiry worth $100 or less was let go unanswered, "closed" on arrival, because
the cautiously priced complaint risk outweighed the first answer (eval26 finding 5). A lead
from a cold list never wrote in: its value still decides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fairchase.policy import plan

NOW = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)  # Tuesday 09:00 in New York
SETTINGS = {"business_timezone": "America/New_York"}


def enquiry(source, value, tries=0):
    attempts = [
        {"at": NOW - timedelta(days=2), "channel": "email", "outcome": "no_answer", "minutes": 3}
    ][:tries]
    return {
        "id": f"{source}-{value}-{tries}",
        "source": source,
        "value": value,
        "created_at": NOW - timedelta(minutes=20) - timedelta(days=2 * tries),
        "attempts": attempts,
        "status": "open",
        "signals": [],
        "consents": [],
    }


def decide(lead):
    (d,) = plan(None, [lead], NOW, SETTINGS)
    return d


@pytest.mark.parametrize("source", ["web_form", "inbound_call", "event", "trade_show", None])
@pytest.mark.parametrize("value", [0.0, 10.0, 50.0, 100.0])
def test_a_cheap_enquiry_is_answered_and_the_reason_says_why(source, value):
    d = decide(enquiry(source, value))
    assert d["action"] == "contact", d["reason"]
    assert d["due"] == NOW
    if d["expected_value"] < 0:
        assert "They asked us: a first answer is owed" in d["reason"]
        assert "they asked us" in d["why_not_stop"]


@pytest.mark.parametrize("source", ["purchased_list", "cold_outreach"])
def test_a_cheap_cold_list_lead_is_still_let_go(source):
    assert decide(enquiry(source, 100.0))["action"] == "stop"


def test_only_the_first_answer_is_owed():
    """Once answered (a try made), the value decides again."""
    d = decide(enquiry("web_form", 50.0, tries=1))
    assert d["action"] == "stop", d["reason"]


def test_on_a_crowded_day_a_cheap_enquiry_waits_its_turn_and_says_it_is_owed():
    """Better leads first (seed 003): the cheap enquiry is not let go, it waits, and its
    reason does not give a cent's worth as what its tries are worth."""
    leads = [enquiry("web_form", 100.0)] + [
        {**enquiry("referral", 5000.0), "id": f"r{i}"} for i in range(30)
    ]
    decisions = plan(None, leads, NOW, {**SETTINGS, "daily_minutes": 30})
    (d,) = [d for d in decisions if d["id"] == leads[0]["id"]]
    assert d["action"] == "wait", d["reason"]
    assert "a first answer is owed" in d["reason"] and "$0.01" not in d["reason"]
