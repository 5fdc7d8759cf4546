"""The weekly cap (max_attempts_per_week) keeps us from chasing a silent person more than N
times in any 7 days: it counts our tries, and holds back only the tries no one asked for.
A reply is answered at once and a promise of ours is kept at its time, however many tries
the week has had (eval37 finding 1: Pam replied on Thu 10 Dec after three tries that week
and was planned "Email Thu 17 Dec 09:01"; "call me Friday at 10" was planned for 17 Dec).
A try the cap does hold back says so."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from fairchase.policy import plan

CHI = ZoneInfo("America/Chicago")
TUE = datetime(2026, 12, 8, 9, 0, tzinfo=CHI)
THU = datetime(2026, 12, 10, 9, 0, tzinfo=CHI)
REPLY = datetime(2026, 12, 10, 14, 0, tzinfo=CHI)
NOW = datetime(2026, 12, 10, 14, 10, tzinfo=CHI)
SETTINGS = {"business_timezone": "America/Chicago", "max_attempts_per_week": 3}


def _pam(**extra) -> dict:
    """Tue call, no answer; Thu call, a message; its email; she wrote back at 14:00 (the app's
    Replied click logs one more try of ours, marked replied)."""
    tries = [
        (TUE, "call", "no_answer"),
        (THU, "call", "left_message"),
        (THU + timedelta(minutes=5), "email", "no_answer"),
        (REPLY, "email", "replied"),
    ]
    return {
        "id": "pam",
        "source": "inbound_call",
        "value": 4000.0,
        "created_at": TUE - timedelta(hours=1),
        "timezone": "America/Chicago",
        "status": "engaged",
        "responded_at": REPLY,
        "attempts": [{"at": at, "channel": c, "outcome": o, "minutes": 5} for at, c, o in tries],
        **extra,
    }


def _decide(lead: dict) -> dict:
    return plan(None, [lead], NOW, SETTINGS)[0]


def test_a_reply_is_answered_at_once_whatever_the_week_held():
    decision = _decide(_pam())
    assert decision["action"] == "contact", decision
    assert decision["due"] == NOW, decision


def test_a_promise_of_ours_is_kept_at_its_time_whatever_the_week_held():
    friday = datetime(2026, 12, 11, 10, 0, tzinfo=CHI)
    promise = {"due": friday, "by": "us", "what": "call me Friday at 10", "channel": "call"}
    pam = _pam(commitment=promise)
    pam["attempts"].append({"at": NOW, "channel": "email", "outcome": "no_answer", "minutes": 3})
    decision = _decide(pam)
    assert decision["action"] == "contact", decision
    assert decision["due"] == friday, decision
    assert decision["channel"] == "call", decision


def test_a_try_no_one_asked_for_waits_for_the_cap_and_says_so():
    pam = _pam()
    pam["attempts"][-1]["outcome"] = "no_answer"  # our answer went unanswered: follow it up
    decision = _decide(pam)
    assert decision["action"] == "contact", decision
    # three tries in the week (Thursday's email after the voicemail is part of its try): the
    # next waits for Tuesday's to leave the week
    assert decision["due"] == TUE + timedelta(days=7, minutes=1), decision
    assert "the weekly cap" in decision["reason"], decision["reason"]
