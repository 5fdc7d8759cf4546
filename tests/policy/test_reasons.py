"""Reasons read as plain English: the article follows the sound of the next word."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

NOW = datetime(2024, 6, 11, 15, 0, tzinfo=UTC)  # a Tuesday afternoon


def _silent(source, tries):
    created = NOW - timedelta(days=3 * tries + 1)
    return {
        "id": f"{source}-{tries}",
        "source": source,
        "value": 2000.0,
        "created_at": created,
        "timezone": None,
        "signals": [],
        "consents": [],
        "attempts": [
            {
                "at": created + timedelta(days=3 * t),
                "channel": "email",
                "outcome": "no_answer",
                "minutes": 3,
            }
            for t in range(tries)
        ],
        "status": "open",
    }


def test_reasons_say_an_before_a_vowel_sound_and_a_before_a_consonant():
    decisions = {
        d["id"]: d["reason"] for d in plan(None, [_silent("event", 2), _silent("referral", 7)], NOW)
    }
    assert "an event lead like this" in decisions["event-2"], decisions["event-2"]
    assert "a 3rd try" in decisions["event-2"], decisions["event-2"]
    assert "a referral like this" in decisions["referral-7"], decisions["referral-7"]
    assert "an 8th try" in decisions["referral-7"], decisions["referral-7"]
    assert " a event" not in " ".join(decisions.values())
