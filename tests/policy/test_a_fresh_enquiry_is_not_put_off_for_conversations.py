"""Respond to an enquiry as soon as possible (seed 000): on a short day (30 minutes) whose
conversations (promised calls) take every minute, the day's fresh enquiries are still answered
on it, up to a whole day's minutes among themselves. Before, their reserve was only the minutes
already logged, so an evaluator's Sunday evening put Vic Ito (an inbound call enquiry, $9,450,
in three hours before, never tried) and nine others off to Tuesday and Wednesday."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

SUNDAY_EVENING = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # Sunday 6 Dec 19:00 in Chicago
MONDAY_OPENS = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # Monday 7 Dec 08:00 in Chicago
TUESDAY_OPENS = MONDAY_OPENS + timedelta(days=1)
SETTINGS = {"daily_minutes": 30, "business_timezone": "America/Chicago"}
MINUTES = {"call": 6, "email": 3, "text": 2, "visit": 45}


def promised(i):
    """An engaged lead we promised to call Monday at 10:00 (it asked for the call)."""
    return {
        "id": f"P{i}",
        "source": "referral",
        "value": 20000.0,
        "created_at": SUNDAY_EVENING - timedelta(days=9),
        "timezone": "America/Chicago",
        "signals": ["asked_price"],
        "consents": [],
        "channels": ["call"],
        "attempts": [
            {
                "at": SUNDAY_EVENING - timedelta(days=2),
                "channel": "call",
                "outcome": "talked",
                "minutes": 10,
                "progress": True,
            }
        ],
        "status": "engaged",
        "commitment": {"due": MONDAY_OPENS + timedelta(hours=2), "by": "us", "what": "Call"},
    }


def fresh(i):
    """An inbound call enquiry in three hours ago, never tried."""
    return {
        "id": f"N{i}",
        "source": "inbound_call",
        "value": 9450.0 - 100 * i,
        "created_at": SUNDAY_EVENING - timedelta(hours=3),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "attempts": [],
        "status": "open",
    }


def mondays(decisions):
    return [d for d in decisions if d["action"] == "contact" and d["due"] < TUESDAY_OPENS]


def test_a_day_of_promised_calls_still_answers_the_fresh_enquiries_on_it():
    leads = [*(promised(i) for i in range(6)), *(fresh(i) for i in range(10))]  # 36 minutes
    decisions = {d["id"]: d for d in plan(None, leads, SUNDAY_EVENING, SETTINGS)}
    monday = {d["id"] for d in mondays(decisions.values())}
    assert {f"P{i}" for i in range(6)} <= monday  # the promises are kept
    for i in range(10):
        d = decisions[f"N{i}"]
        assert d["id"] in monday, d["reason"]
        assert d["due"] == MONDAY_OPENS  # first thing on the day planned


def test_the_fresh_enquiries_share_a_whole_day_among_themselves_and_no_more():
    """Twenty calls (they can only be called) need 120 minutes: a 30-minute day answers the
    best five of them, the others wait for Tuesday, best value first."""
    only_calls = [{**fresh(i), "channels": ["call"]} for i in range(20)]
    leads = [*(promised(i) for i in range(6)), *only_calls]
    decisions = plan(None, leads, SUNDAY_EVENING, SETTINGS)
    answered = [d for d in mondays(decisions) if d["id"].startswith("N")]
    assert sum(MINUTES[d["channel"]] for d in answered) == 30
    assert {d["id"] for d in answered} == {f"N{i}" for i in range(5)}  # the most valuable
    promises = max(d["priority"] for d in decisions if d["id"].startswith("P"))
    assert all(d["priority"] > promises for d in answered)  # on top of the agenda


def test_with_no_minutes_a_day_a_fresh_enquiry_says_none_are_set_not_three_years():
    decisions = plan(
        None, [fresh(0), promised(0)], SUNDAY_EVENING, {**SETTINGS, "daily_minutes": 0}
    )
    enquiry = next(d for d in decisions if d["id"] == "N0")
    assert enquiry["action"] == "wait"
    assert "three years" not in enquiry["reason"]
    assert enquiry["reason"].startswith("Wait: no selling minutes a day are set"), enquiry["reason"]
