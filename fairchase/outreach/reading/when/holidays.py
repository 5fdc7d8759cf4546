"""Seasons and holidays: in the spring, after the summer, la rentrée, after Easter,
after Christmas, after the holidays (see the conventions in `reading.when`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter as easter_sunday

from .calendar import first_of_next, next_day_of, season_start, southern

SUMMER = {"summer", "sommer", "verano", "verao", "zomer", "ete"}
# The day each season starts, by its first month in the north (south of the equator the
# same day six months later: spring 20 September).
START_DAY = {3: 20, 6: 21, 9: 22, 12: 21}


def back_at_work(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """La rentrée and the summer holidays: 1 September."""
    return first_of_next(9, today)


def after_season(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """After the summer = 1 September in the north; after another season, the next one's start."""
    season = m.group("season")
    if lang == "pt" and m.group(0).startswith("na "):
        return next_day_of(*season_start(season, zone), today)  # Portuguese "na": in the
    if season in SUMMER and not southern(zone):
        return first_of_next(9, today)
    month, _ = season_start(season, zone)
    following = (month + 2) % 12 + 1
    north = (following + 5) % 12 + 1 if southern(zone) else following
    return next_day_of(following, START_DAY[north], today)


def season(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return next_day_of(*season_start(m.group("season"), zone), today)


def _after_easter(today: date) -> date:
    """The Tuesday after Easter Monday, this year's if still to come."""
    day = easter_sunday(today.year) + timedelta(days=2)
    return day if day > today else easter_sunday(today.year + 1) + timedelta(days=2)


def easter(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return _after_easter(today)


def easter_monday(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    day = easter_sunday(today.year) + timedelta(days=1)
    return day if day >= today else easter_sunday(today.year + 1) + timedelta(days=1)


def pentecost(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """After Pentecost (Whitsun, Pfingsten): the Tuesday after Whit Monday, as after Easter."""
    day = easter_sunday(today.year) + timedelta(days=51)
    return day if day > today else easter_sunday(today.year + 1) + timedelta(days=51)


def christmas(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    return next_day_of(12, 27, today)


def new_year(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """2 January; in Spain, after Reyes, 7 January."""
    return next_day_of(1, 7 if lang == "es" and "reyes" in m.group(0) else 2, today)


def holidays(m: re.Match, today: date, zone: str | None, lang: str) -> date:
    """The holidays: the year-end ones when named so or in autumn and winter, Easter in
    spring, else the summer's."""
    year_end = re.search(
        r"fin d'annee|fin de ano|fim de ano|year-end|jahresende|eindejaar", m.group(0)
    )
    if year_end or today.month in (11, 12, 1, 9, 10):
        return next_day_of(1, 7 if lang == "es" else 2, today)
    if today.month in (2, 3, 4):
        day = easter_sunday(today.year) + timedelta(days=2)
        return day if day > today else first_of_next(9, today)
    return first_of_next(9, today)


RESOLVERS = {
    "rentree": back_at_work,
    "summer_holidays": back_at_work,
    "after_season": after_season,
    "season": season,
    "easter": easter,
    "easter_monday": easter_monday,
    "pentecost": pentecost,
    "christmas": christmas,
    "new_year": new_year,
    "holidays": holidays,
}
