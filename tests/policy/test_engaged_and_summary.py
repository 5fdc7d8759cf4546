"""Engaged leads (seed 002: no progress means move on) and the Insights summary."""

from __future__ import annotations

import json
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


def test_the_summary_is_json_and_has_the_insights_fields():
    model = fit([])
    summary = model.summary()
    json.dumps(summary)
    web = summary["sources"]["web_form"]
    assert web["basis"] == "a starting guess: no history yet" and len(web["reply_curve"]) == 10
    row = web["reply_curve"][0]
    assert {"k", "p", "lo", "hi", "tried", "replied"} <= set(row) and row["lo"] < row["p"] < row[
        "hi"
    ]
    assert {"p", "lo", "hi"} <= set(web["p_win_given_reply"]) and web["median_value"] > 0
    price = summary["signals"]["asked_price"]
    assert price["reply_odds"]["ratio"] > 1 and price["win_odds"]["ratio"] > 1
    assert summary["signals"]["vague"]["reply_odds"]["ratio"] < 1
    risks = [r["p"] for r in summary["complaint_by_attempt"]]
    assert risks == sorted(risks) and 0 < risks[0] < 0.05


def test_stop_attempt_grows_with_value():
    model = fit([])
    small, big = stop_attempt(model, "web_form", 500), stop_attempt(model, "web_form", 10000)
    assert small is not None and (big is None or big > small)
