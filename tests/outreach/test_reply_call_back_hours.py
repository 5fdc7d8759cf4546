"""A call-back "tonight", "in an hour" or "tomorrow at 11" is at the hour the person
means, read from when they wrote, and never in the past."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from fairchase.outreach import replies

NEW_YORK = "America/New_York"


def written(hour: int, minute: int = 0) -> datetime:
    """Tuesday 10 March 2026 at that hour in New York."""
    return datetime(2026, 3, 10, hour, minute, tzinfo=ZoneInfo(NEW_YORK))


def call_back_at(text: str, sent: datetime) -> str:
    got = replies.read_text(text, sent, NEW_YORK)
    assert got.kind == "call_back", got
    return got.until.astimezone(ZoneInfo(NEW_YORK)).strftime("%d %H:%M")


@pytest.mark.parametrize(
    "text",
    [
        "Call me tonight",
        "Could you ring me tonite?",
        "Ruf mich heute Abend an",
        "Appelez-moi ce soir s'il vous plaît",
        "Llámame esta noche",
        "Bel me vanavond even",
        "Pode me ligar hoje à noite?",
    ],
)
def test_tonight_in_six_languages_is_six_in_the_evening_today(text):
    assert call_back_at(text, written(10)) == "10 18:00"
    assert call_back_at(text, written(14)) == "10 18:00"


def test_tonight_written_after_six_is_now_not_the_past():
    assert call_back_at("Call me tonight", written(19, 30)) == "10 19:30"


@pytest.mark.parametrize(
    "text, at_ten, at_two",
    [
        ("Call me in an hour.", "10 11:00", "10 15:00"),
        ("Can you call me back in two hours?", "10 12:00", "10 16:00"),
        ("Call me in 30 minutes please", "10 10:30", "10 14:30"),
        ("call me back in half an hour", "10 10:30", "10 14:30"),
        ("Ruf mich in zwei Stunden an", "10 12:00", "10 16:00"),
        ("Rufen Sie mich in 45 Minuten an", "10 10:45", "10 14:45"),
        ("Appelez-moi dans une heure", "10 11:00", "10 15:00"),
        ("Appelez-moi dans une demi-heure", "10 10:30", "10 14:30"),
        ("Llámame en dos horas", "10 12:00", "10 16:00"),
        ("Bel me over een uur", "10 11:00", "10 15:00"),
        ("Me ligue daqui a duas horas", "10 12:00", "10 16:00"),
    ],
)
def test_in_an_hour_is_now_plus_that(text, at_ten, at_two):
    assert call_back_at(text, written(10)) == at_ten
    assert call_back_at(text, written(14)) == at_two


def test_in_two_hours_late_at_night_is_tomorrow():
    assert call_back_at("Call me in two hours", written(23, 15)) == "11 01:15"


@pytest.mark.parametrize(
    "text, want",
    [
        ("Call me tomorrow at 11", "11 11:00"),
        ("Call me tomorrow at 11.", "11 11:00"),
        ("Call me tomorrow at 11:00.", "11 11:00"),
        ("Call me tomorrow at 3.", "11 15:00"),
        ("Rufen Sie mich morgen um 11 an.", "11 11:00"),
        ("Rufen Sie mich morgen um 3 an.", "11 15:00"),
        ("Appelez-moi demain à 11.", "11 11:00"),
        ("Llámame mañana a las 4.", "11 16:00"),
        ("Bel me morgen om 10.", "11 10:00"),
        ("Me ligue amanhã às 2.", "11 14:00"),
    ],
)
def test_a_bare_hour_is_read_in_business_hours(text, want):
    assert call_back_at(text, written(14)) == want


def test_a_call_back_today_with_its_hour_gone_is_now_not_the_past():
    assert call_back_at("Call me today at 11", written(14)) == "10 14:00"
    assert call_back_at("Call me today", written(14)) == "10 14:00"


@pytest.mark.parametrize(
    "text, want",
    [
        ("Call me tonight at 8", "10 20:00"),
        ("Ruf mich heute Abend um 7 an", "10 19:00"),
        ("Llámame esta noche a las 9", "10 21:00"),
        ("Call me tomorrow morning at 8", "11 08:00"),
    ],
)
def test_a_bare_hour_beside_the_evening_is_the_evenings(text, want):
    assert call_back_at(text, written(10)) == want


@pytest.mark.parametrize(
    "text",
    [
        "Busy today, call me tomorrow at 10",
        "I'm flying tonight, call me tomorrow at 10",
        "Heute Abend geht nicht, ruf mich morgen um 10 an",
        "Ce soir je ne peux pas, appelez-moi demain à 10h",
    ],
)
def test_the_hour_after_a_later_day_is_that_days_not_todays(text):
    assert call_back_at(text, written(14)) == "11 10:00"
