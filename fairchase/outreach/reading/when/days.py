"""Days and weeks: tomorrow, a weekday, the 23rd, next week, in three weeks."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .words import NUMBERS, UNITS, WEEKDAYS


def weekday_of_next_week(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    monday = today + timedelta(days=7 - today.weekday())
    return monday + timedelta(days=WEEKDAYS[m.group("weekday")])


def day_only(m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    """A day of the month alone: the next such day."""
    day = int(m.group("d") or m.group("d2") or m.group("d3") or m.group("d4"))
    if not 1 <= day <= 31:
        return None
    d = today.replace(day=1) + relativedelta(day=day)
    if d.day != day or d <= today:
        d = today.replace(day=1) + relativedelta(months=1, day=day)
    return d if d.day == day else None


def after_tomorrow(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + timedelta(days=2)


def tomorrow(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + timedelta(days=1)


def today_(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today


def weekday(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """A bare weekday: the next such day after today."""
    return today + timedelta(days=(WEEKDAYS[m.group("weekday")] - today.weekday()) % 7 or 7)


def relative(m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    """In N days/weeks/months/years (a couple 2, a few or some 3)."""
    n = m.group("n")
    return _plus(int(n) if n.isdigit() else NUMBERS.get(n, 1), m.group("unit"), today, lang)


def unit_or_two(m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    """ "A week or two" is two of them, "a month or three" three."""
    n = {"two": 2, "twee": 2, "deux": 2, "dos": 2, "dois": 2, "zwei": 2}.get(m.group("n"), 3)
    return _plus(n, m.group("unit"), today, lang)


def range_(m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    """ "Zwei, drei Wochen", "deux ou trois semaines": the larger amount, as "a month or two"."""
    ns = [int(n) if n.isdigit() else NUMBERS.get(n, 1) for n in (m.group("n"), m.group("n2"))]
    return _plus(max(ns), m.group("unit"), today, lang)


def and_a_half(m: re.Match, today: date, zone: str | None, lang: str) -> date | None:
    """A week and a half = 10 days, a month and a half = 45 days (a day and a half: 1)."""
    unit = UNITS[m.group("unit") or m.group("unit2")]
    return today + timedelta(days={"days": 1, "weeks": 10, "months": 45, "years": 548}[unit])


def week_after_next(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + timedelta(days=14 - today.weekday())


def weekday_week_after_next(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """That weekday in the week after next (its Monday and on)."""
    weekday = WEEKDAYS[m.group("weekday") or m.group("weekday2")]
    return week_after_next(m, today, zone, lang) + timedelta(days=weekday)


SHORT_WEEKDAYS = {
    **{"mo": 0, "ma": 0, "di": 1, "mi": 2, "wo": 2, "do": 3, "fr": 4, "vr": 4},
    **{"lun": 0, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6},  # French
    **{"mie": 2, "jue": 3, "vie": 4, "sab": 5, "dom": 6},  # Spanish
    **{"seg": 0, "ter": 1, "qua": 2, "qui": 3, "sex": 4},  # Portuguese
}


def in_hours(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """ "Call me back in an hour": today (the hour, now plus that, is `hours_from_now`)."""
    return today


def hours_from_now(m: re.Match) -> timedelta:
    """How long "in an hour", "in zwei Stunden", "dans 30 minutes", "in half an hour" is."""
    if m.group("half"):
        return timedelta(minutes=30)
    n = m.group("n")
    n = int(n) if n.isdigit() else NUMBERS[n]
    return timedelta(minutes=n) if m.group("unit").startswith("min") else timedelta(hours=n)


def weekday_short(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """ "fr nachmittag", "do ab 15 Uhr": the next such day, as a weekday written out."""
    return today + timedelta(days=(SHORT_WEEKDAYS[m.group("short")] - today.weekday()) % 7 or 7)


def _plus(n: int, word: str, today: date, lang: str) -> date | None:
    unit = UNITS[word]
    if unit == "years" and word in ("an", "ans") and lang not in ("fr",):
        return None  # "an" is a word of its own outside French
    return today + relativedelta(**{unit: n})


def fortnight(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + timedelta(days=14)


def half_year(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + relativedelta(months=6)


def coming_weeks(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """ "The coming weeks" = three weeks, "the coming months" = three months."""
    months = re.search(r"month|monat|mois|mes|maand", m.group(0))
    return today + (relativedelta(months=3) if months else timedelta(weeks=3))


def end_of_next_week(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + timedelta(days=7 - today.weekday() + 4)


def end_of_week(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + timedelta(days=(4 - today.weekday()) % 7 or 7)


def next_week(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return today + timedelta(days=7 - today.weekday())


RESOLVERS = {
    "next_week_day": weekday_of_next_week,
    "weekday_next_week": weekday_of_next_week,
    "day_only": day_only,
    "after_tomorrow": after_tomorrow,
    "tomorrow": tomorrow,
    "today": today_,
    "weekday": weekday,
    "relative": relative,
    "unit_or_two": unit_or_two,
    "range": range_,
    "weekday_short": weekday_short,
    "in_hours": in_hours,
    "and_a_half": and_a_half,
    "week_after_next": week_after_next,
    "weekday_week_after_next": weekday_week_after_next,
    "half_year": half_year,
    "fortnight": fortnight,
    "coming_weeks": coming_weeks,
    "end_of_next_week": end_of_next_week,
    "end_of_week": end_of_week,
    "next_week": next_week,
}
