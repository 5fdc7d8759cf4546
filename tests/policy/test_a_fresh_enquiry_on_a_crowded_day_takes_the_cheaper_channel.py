"""A fresh enquiry on a crowded day is planned on the channel that does best when a minute
costs what it is worth that day (the crowd's price), as every contact due that day is, even
when no channel earns that price: its first answer is owed, and on a text it takes a third of
a call's minutes, so the fresh enquiries' reserve (a whole day's minutes, whatever was logged
today) answers it today instead of leaving it to wait days for its turn."""

from __future__ import annotations

from datetime import timedelta

from fairchase.policy import plan

from .test_crowded_day import NOW, backlog


def fresh(value):
    """A web-form enquiry in an hour ago, reachable by call, email and text."""
    return {
        "id": "N",
        "source": "web_form",
        "value": value,
        "created_at": NOW - timedelta(hours=1),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": ["sms"],
        "channels": ["call", "email", "text"],
        "attempts": [],
        "status": "open",
    }


def decide(daily_minutes, left=None):
    settings = {"daily_minutes": daily_minutes, "business_timezone": "America/Chicago"}
    if left is not None:
        settings["minutes_left_today"] = left
    return {d["id"]: d for d in plan(None, [*backlog(), fresh(8000.0)], NOW, settings)}


def test_a_fresh_enquiry_on_a_crowded_day_is_answered_today_by_text():
    # 60 minutes a day, 6 of them left today: 300 follow-ups due
    ample, crowded = decide(100000), decide(60, left=6)
    assert sum(d["action"] == "wait" for d in crowded.values()) > 100, "a crowded day"
    quiet, busy = ample["N"], crowded["N"]
    assert quiet["action"] == "contact" and quiet["channel"] == "call"  # at your own cost
    assert busy["action"] == "contact", busy["reason"]
    assert busy["channel"] == "text", busy["reason"]
    assert busy["due"] < NOW + timedelta(hours=12)
