"""Engaged leads (seed 002: no progress means move on) and where a typical lead stops."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import fit, plan, stop_attempt

NOW = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)


def engaged(no_progress: int, value=3000.0):
    start = NOW - timedelta(days=60)
    attempts = [
        {"at": start, "channel": "call", "outcome": "talked", "minutes": 12, "progress": True}
    ]
    for i in range(no_progress):
        attempts.append(
            {
                "at": start + timedelta(days=7 * (i + 1)),
                "channel": "call",
                "outcome": "talked",
                "minutes": 8,
                "progress": False,
            }
        )
    return {
        "id": f"e{no_progress}",
        "source": "web_form",
        "value": value,
        "created_at": start,
        "timezone": "UTC",
        "signals": [],
        "consents": [],
        "attempts": attempts,
        "status": "engaged",
    }


def test_an_engaged_lead_is_followed_up_while_it_moves():
    d = plan(None, [engaged(0)], NOW)[0]
    assert d["action"] == "contact" and "engaged" in d["reason"]


def test_contacts_without_progress_mean_it_is_time_to_move_on():
    actions = [plan(None, [engaged(j, value=1500.0)], NOW)[0]["action"] for j in range(6)]
    assert actions[0] == "contact"
    assert "stop" in actions
    first_stop = actions.index("stop")
    assert all(a == "stop" for a in actions[first_stop:])


def test_a_lead_that_wrote_back_is_answered_now():
    lead = engaged(0)
    lead["attempts"].append(
        {"at": NOW - timedelta(hours=1), "channel": "email", "outcome": "replied", "minutes": 2}
    )
    d = plan(None, [lead], NOW)[0]
    assert d["action"] == "contact" and d["due"] == NOW


def test_stop_attempt_grows_with_value():
    model = fit([])
    small, big = stop_attempt(model, "web_form", 500), stop_attempt(model, "web_form", 10000)
    assert small is not None and (big is None or big > small)
