"""A lead in the wings is told the day of its turn at this pace, counting the leads due now;
leads worth more per minute that fall due before that day go first, so the day is the earliest,
and the reason says so (eval37 #5: "its turn comes around Wed 9 Dec", and on Wednesday "Thu 10
Dec", with no word that it could move)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

TUESDAY = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # 09:00 in Chicago
SETTINGS = {"daily_minutes": 12, "business_timezone": "America/Chicago"}


def _lead(i: str, value: float, tried: datetime) -> dict:
    return {
        "id": i,
        "source": "referral",
        "value": value,
        "created_at": tried - timedelta(days=1),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "channels": ["call"],
        "attempts": [{"at": tried, "channel": "call", "outcome": "no_answer"}],
        "status": "open",
    }


def _gina(now):
    book = [_lead("gina", 400.0, TUESDAY - timedelta(days=3))]
    book += [_lead(f"big{i}", 20000.0, TUESDAY - timedelta(days=3)) for i in range(3)]
    # two more worth more per minute, tried Monday: their follow-ups fall due on Wednesday
    book += [_lead(f"new{i}", 20000.0, TUESDAY - timedelta(days=1)) for i in range(2)]
    return {d["id"]: d for d in plan(None, book, now, SETTINGS)}["gina"]


def test_the_day_of_a_turn_is_said_to_be_the_earliest():
    tuesday = _gina(TUESDAY)
    assert tuesday["action"] == "wait"
    turn = "its turn comes around Wed 9 Dec. That is the earliest: leads worth more per minute"
    assert turn in tuesday["reason"], tuesday
    wednesday = _gina(TUESDAY + timedelta(days=1))  # the two due Wednesday go first
    assert wednesday["action"] == "wait" and "Wed 9 Dec" not in wednesday["reason"], wednesday
