"""A record's `hold` (the app's words for what a person must decide first, such as a
request to stop not known to be theirs) makes an open or engaged lead wait with no end date,
before any pause, revisit or unreachable stop, and its reason says why in those words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fairchase.policy import plan

NOW = datetime(2024, 6, 12, 15, 0, tzinfo=UTC)
HELD = "asked to stop (not yet confirmed)"


def lead(**fields):
    return {
        "id": "a",
        "source": "web_form",
        "value": 1000.0,
        "created_at": NOW - timedelta(hours=2),
        "timezone": "UTC",
        "signals": [],
        "consents": [],
        "attempts": [],
        "status": "open",
        **fields,
    }


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"status": "engaged"},
        {"paused_until": NOW + timedelta(days=90)},
        {"paused_until": NOW - timedelta(days=1)},  # a pause over: still held
        {"revisit_at": NOW + timedelta(days=30)},
        {"channels": []},
    ],
)
def test_a_held_lead_waits_and_says_why(extra):
    (d,) = plan(None, [lead(hold=HELD, **extra)], NOW)
    assert d["action"] == "wait" and d["due"] is None
    assert d["reason"] == f"Wait: {HELD}; 0 attempts planned until a person decides."
    assert "out of office" not in d["reason"]


@pytest.mark.parametrize("hold", [None, "", "   "])
def test_no_hold_plans_as_before(hold):
    (d,) = plan(None, [lead(hold=hold)], NOW)
    assert d["action"] == "contact"


def test_a_closed_lead_stays_closed_whatever_its_hold(held=HELD):
    (d,) = plan(None, [lead(status="won", hold=held)], NOW)
    assert d["action"] == "stop"
