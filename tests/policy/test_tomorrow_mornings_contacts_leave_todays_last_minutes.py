"""A plan made late in the day shares what is left of today's minutes among today's contacts
only: a call pinned for tomorrow morning is tomorrow's, as Today shows it, so it does not
send a follow-up due now into the wings (newcomer72 #1: Today said "35 spare" while leads
waited because "today's minutes go to leads worth more per minute"; the core counted every
contact due within 24 hours as today's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

EVENING = datetime(2026, 12, 9, 0, 0, tzinfo=UTC)  # Tuesday 18:00 in Chicago
SETTINGS = {
    "daily_minutes": 120,
    "minutes_left_today": 6,  # one call's worth
    "contact_hours": ("08:00", "20:00"),
    "business_timezone": "America/Chicago",
}


def _lead(i: str, **more) -> dict:
    return {
        "id": i,
        "source": "referral",
        "value": 5000.0,
        "created_at": EVENING - timedelta(days=10),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "channels": ["call"],
        "status": "open",
        **more,
    }


def _plans(pinned_at: datetime) -> dict:
    tried = [{"at": EVENING - timedelta(days=3), "channel": "call", "outcome": "no_answer"}]
    talked = [{"at": EVENING - timedelta(days=2), "channel": "call", "outcome": "talked"}]
    pinned = {"due": pinned_at, "by": "us", "what": "call with the quote", "channel": "call"}
    book = [
        _lead("ann", attempts=tried),
        _lead("bob", attempts=talked, status="engaged", commitment=pinned),
    ]
    return {d["id"]: d for d in plan(None, book, EVENING, SETTINGS)}


def test_a_call_pinned_for_tomorrow_morning_leaves_today_to_a_follow_up_due_now():
    plans = _plans(EVENING + timedelta(hours=15))  # Wednesday 09:00 in Chicago
    assert plans["bob"]["action"] == "contact"
    assert plans["ann"]["action"] == "contact", plans["ann"]["reason"]
    assert plans["ann"]["due"] <= EVENING + timedelta(hours=2)  # today, before 20:00


def test_a_call_pinned_for_tonight_still_takes_todays_last_minutes():
    plans = _plans(EVENING + timedelta(hours=1))  # 19:00 today: the day's last call
    assert plans["ann"]["action"] == "wait", plans["ann"]["reason"]
