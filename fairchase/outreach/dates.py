"""Dates as people write them in replies ("next week", "in March", "back on 10/06",
"Thursday afternoon"), read relative to the mail's own date in the lead's zone.
Pure functions: no clock, no database."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

MONTHS = {m: i for i, names in enumerate(
    # English, then the French, German and Spanish names out-of-office replies use.
    [("january", "jan", "janvier", "januar", "enero"), ("february", "feb", "février", "fevrier", "februar", "febrero"),
     ("march", "mar", "mars", "märz", "marzo"), ("april", "apr", "avril", "abril"), ("may", "mai", "mayo"),
     ("june", "jun", "juin", "juni", "junio"), ("july", "jul", "juillet", "juli", "julio"),
     ("august", "aug", "août", "aout", "agosto"), ("september", "sept", "sep", "septembre", "septiembre"),
     ("october", "oct", "octobre", "oktober", "octubre"), ("november", "nov", "novembre", "noviembre"),
     ("december", "dec", "décembre", "decembre", "dezember", "diciembre")], start=1) for m in names}
# Full names only: "sat", "sun" and "wed" are ordinary words too.
WEEKDAYS = {d: i for i, names in enumerate(
    [("monday",), ("tuesday", "tues"), ("wednesday",), ("thursday", "thurs"),
     ("friday",), ("saturday",), ("sunday",)]) for d in names}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a couple of": 2,
           "couple of": 2, "a few": 3, "few": 3, "several": 4, "eight": 8, "ten": 10, "twelve": 12}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_W = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUM = r"(?P<n>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    # Dots only with a year: "1.5 million" is not the first of May.
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})(?:/(?P<b>\d{1,2})(?:/(?P<y>\d{2,4}))?|\.(?P<b2>\d{1,2})\.(?P<y2>\d{2,4}))\b(?![/.]\d)")),
    ("day_month", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r",?(?:\s+(?P<y>\d{4}))?\b")),
    ("month_day", re.compile(r"\b" + _M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b,?(?:\s+(?P<y>\d{4}))?")),
    ("relative", re.compile(r"\bin\s+" + _NUM + r"\s+(?P<unit>day|week|month|year)s?\b")),
    ("next_unit", re.compile(r"\b(?P<which>next|the following)\s+(?P<unit>week|month|quarter|year)\b")),
    ("tomorrow", re.compile(r"\b(?P<t>tomorrow|the day after tomorrow)\b")),
    ("weekday", re.compile(r"\b(?:(?P<next>next|this|on|by|until|till)\s+)?" + _W + r"\b")),
    ("part_month", re.compile(r"\b(?P<part>early|mid|middle of|late|end of|the end of|beginning of|start of)[\s-]+" + _M + r"\b")),
    ("month", re.compile(r"\b(?:in|until|till|after|from|by|around|before)\s+" + _M + r"(?:\s+(?P<y>\d{4}))?\b")),
    ("season", re.compile(r"\b(?P<when>in\s+the|in|this|next|over\s+the|after\s+the)\s+(?P<season>spring|summer|autumn|fall|winter)\b")),
]
SPECIFICITY = {"iso": 0, "numeric": 0, "day_month": 0, "month_day": 0, "tomorrow": 1, "weekday": 1,
               "relative": 2, "part_month": 2, "next_unit": 3, "month": 3, "season": 4}
TIME_OF_DAY = re.compile(r"\b(?:at\s+)?(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)|\bat\s+(?P<h24>\d{1,2}):(?P<mi24>\d{2})\b")
PARTS_OF_DAY = {"morning": time(9, 0), "lunchtime": time(12, 0), "afternoon": time(14, 0), "evening": time(17, 0)}
DEFAULT_TIME = time(9, 0)


def _future_month_start(month: int, ref: date, day: int = 1) -> date:
    year = ref.year if month > ref.month else ref.year + 1
    return date(year, month, day)


def _future(d: date, ref: date, year_given: bool) -> date:
    # "back on 3 January" written on 20 December is next year.
    if not year_given and d < ref - timedelta(days=1):
        try:
            return d.replace(year=d.year + 1)
        except ValueError:
            return d + timedelta(days=365)
    return d


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _year(y: str | None, ref: date) -> int:
    if not y:
        return ref.year
    year = int(y)
    return year + 2000 if year < 100 else year


def _date_from(kind: str, m: re.Match, ref: date, dayfirst: bool) -> date | None:
    g = m.groupdict()
    if kind == "iso":
        return date(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "numeric":
        g["y"] = g["y"] or g["y2"]
        a, b = int(g["a"]), int(g["b"] or g["b2"])
        day, month = (a, b) if dayfirst else (b, a)
        if month > 12 and day <= 12:
            day, month = month, day
        return _future(date(_year(g["y"], ref), month, day), ref, bool(g["y"]))
    if kind in ("day_month", "month_day"):
        return _future(date(_year(g["y"], ref), MONTHS[g["month"]], int(g["d"])), ref, bool(g["y"]))
    if kind == "relative":
        n, unit = _number(g["n"]), g["unit"]
        return ref + relativedelta(**{unit + "s": n})
    if kind == "next_unit":
        unit = g["unit"]
        if unit == "week":
            return ref + timedelta(days=7 - ref.weekday())
        if unit == "month":
            return (ref + relativedelta(months=1)).replace(day=1)
        if unit == "quarter":
            first = date(ref.year, 3 * ((ref.month - 1) // 3) + 1, 1)
            return first + relativedelta(months=3)
        return date(ref.year + 1, 1, 1)
    if kind == "tomorrow":
        return ref + timedelta(days=2 if g["t"].startswith("the day after") else 1)
    if kind == "weekday":
        target = WEEKDAYS[g["weekday"]]
        # The coming one: "next Friday" said on a Monday means this Friday to most people.
        return ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
    if kind == "part_month":
        part, month = g["part"], MONTHS[g["month"]]
        if part in ("end of", "the end of"):
            return _future_month_start(month, ref) + relativedelta(day=31)
        day = 1 if part in ("early", "beginning of", "start of") else 15 if part in ("mid", "middle of") else 25
        return _future_month_start(month, ref, day)
    if kind == "month":
        if g["y"]:
            return date(int(g["y"]), MONTHS[g["month"]], 1)
        return _future_month_start(MONTHS[g["month"]], ref)
    if kind == "season":
        month = SEASONS[g["season"]]
        if "after" in g["when"]:  # "after the summer" is the autumn
            month = month % 12 + 3
        return _future_month_start(month, ref)
    return None


def _time_of_day(text: str) -> time:
    m = TIME_OF_DAY.search(text)
    if m:
        if m.group("h24"):
            h, mi = int(m.group("h24")), int(m.group("mi24"))
        else:
            h, mi = int(m.group("h")), int(m.group("mi") or 0)
            if m.group("ap").startswith("p") and h < 12:
                h += 12
        if 0 <= h < 24 and 0 <= mi < 60:
            return time(h, mi)
    for word, t in PARTS_OF_DAY.items():
        if word in text:
            return t
    return DEFAULT_TIME


def find_date(text: str, ref: datetime, zone: str | None = None, *, dayfirst: bool | None = None) -> tuple[datetime, str] | None:
    """The first date written in `text`, as an aware UTC datetime, with the words that said it.

    `ref` is when the mail was written; `zone` the lead's IANA zone (day-first dates
    outside the Americas unless `dayfirst` says otherwise)."""
    tz = _zone(zone)
    local = ref.astimezone(tz)
    if dayfirst is None:
        dayfirst = not (zone or "").startswith("America/")
    lowered = text.lower()
    best = None
    # The most specific expression wins ("next week, Tuesday afternoon" is Tuesday);
    # SPECIFICITY ranks the kinds; ties go to the earliest in the text.
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(lowered):
            try:
                d = _date_from(kind, m, local.date(), dayfirst)
            except (ValueError, OverflowError):
                continue
            if d is not None:
                if best is None or (SPECIFICITY[kind], m.start()) < (SPECIFICITY[best[3]], best[0]):
                    best = (m.start(), d, m.group(0), kind)
                break
    if best is None:
        return None
    start, d, words, _ = best
    at = datetime.combine(d, _time_of_day(lowered[start: start + 60]), tzinfo=tz)
    return at.astimezone(ZoneInfo("UTC")), words.strip()


def _zone(zone: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(zone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")
