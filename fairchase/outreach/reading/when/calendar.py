"""A date found in a message, and the calendar arithmetic its conventions share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from .words import SEASONS, SOUTHERN


@dataclass(frozen=True)
class Found:
    day: date
    words: str
    kind: str
    start: int
    at: time | None = None  # an hour the text named
    clock: bool = False  # that hour by the clock ("at 3pm"), not a part of the day ("tonight")


def zone_of(zone: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(zone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def next_day_of(month: int, day: int, today: date) -> date:
    """The next `day` of `month` after today (this year's, else next year's)."""
    d = date(today.year, month, min(day, 28) if month == 2 and day > 28 else day)
    return d if d > today else date(today.year + 1, month, d.day)


def first_of_next(month: int, today: date, day: int = 1) -> date:
    """`day` of the next `month` to come (next year's if it is this month or past)."""
    year = today.year if month > today.month else today.year + 1
    return date(year, month, day)


def southern(zone: str | None) -> bool:
    return any((zone or "").startswith(z) for z in SOUTHERN)


def season_start(season: str, zone: str | None) -> tuple[int, int]:
    """(month, day) a season starts, six months later south of the equator."""
    month, day = SEASONS[season if season != "ete" else "summer"]
    if southern(zone):
        month = (month + 5) % 12 + 1
    return month, day
