"""A day with minutes to spare brings follow-ups forward (plan._bring_forward, worth keeping
on the yardstick), and says so: the reason names the day it was due, and a "Not sooner" said
before then tells that a day with minutes to spare may bring it sooner (eval37 finding 2: Hal
was told "Not sooner: it comes a week after the last" on Thu 10 Dec and shown on Fri 11 with
nothing to say why)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fairchase.policy import plan

CHI = ZoneInfo("America/Chicago")
SOONER = "sooner only if a day before it has minutes to spare"
SETTINGS = {"business_timezone": "America/Chicago", "daily_minutes": 60}


def _hal() -> dict:
    """A referral: a message on Tue 8 Dec, no answer on Thu 10 Dec."""
    tries = [(8, "left_message"), (10, "no_answer")]
    return {
        "id": "hal",
        "source": "referral",
        "value": 5000.0,
        "created_at": datetime(2026, 12, 7, 9, 0, tzinfo=CHI),
        "timezone": "America/Chicago",
        "status": "open",
        "attempts": [
            {"at": datetime(2026, 12, d, 9, 0, tzinfo=CHI), "channel": "call", "outcome": o}
            for d, o in tries
        ],
    }


def test_the_week_after_says_a_day_with_minutes_to_spare_may_bring_it_sooner():
    decision = plan(None, [_hal()], datetime(2026, 12, 10, 9, 5, tzinfo=CHI), SETTINGS)[0]
    assert decision["due"] == datetime(2026, 12, 17, 9, 0, tzinfo=CHI), decision
    assert f"a week after the last ({SOONER}" in decision["reason"], decision["reason"]


def test_a_follow_up_brought_forward_names_the_day_it_was_due():
    now = datetime(2026, 12, 11, 9, 0, tzinfo=CHI)
    decision = plan(None, [_hal()], now, SETTINGS)[0]
    assert decision["due"] == now, decision  # brought forward: the day has minutes to spare
    assert "Brought forward from Thu 17 Dec: the day has minutes to spare" in decision["reason"]
