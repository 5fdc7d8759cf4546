"""Calendar dates with a day and a month ("4. Januar", "le 1er avril", "27/03"), read by
dateparser on the sentence that carries them, and by our own pattern where it misses."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import cache

from ..cues import fold
from .calendar import Found, next_day_of
from .words import _MONTH_RE, MONTHS


@cache
def _dateparser_settings(order: str) -> dict:
    return {
        "PREFER_DATES_FROM": "future",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": order,
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


# Numbers with dots are dates only with the second dot ("23.03.", "1.5 million" is not May);
# with a dash ("tot 27-03", Dutch and Portuguese habit) only with a two-digit month or a year,
# and not before a unit ("10-12 weeks" is a range).
_DASHED = (
    r"(?<![\d.,/-])(?P<d5>\d{1,2})-(?P<m5>\d{2}|\d{1,2}(?=-\d))(?:-(?P<y5>(?:20)?\d{2}))?(?![\d/-])"
    r"(?!\s*(?:\w*(?:week|woch|seman|semaine|maand|monat|mois|mes|meses|dag|tag|day|jour|dia|uur|uhr|hour|min|h\b)))"
)
EXPLICIT_HINT = re.compile(
    _DASHED + r"|"
    rf"(?<![\d.,])(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{2,4}})?)(?!\d|,\d)|\d{{1,2}}(?:st|nd|rd|th|er|e|o|º|\.)?\s+(?:de\s+|of\s+)?(?:{_MONTH_RE})(?![\w])|(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?![\d])|\d{{4}}-\d{{2}}-\d{{2}}"
)


def _explicit(sentence: str, folded: str, today: date, zone: str | None, lang: str) -> list[Found]:
    """Calendar dates with a day and a month, read by dateparser in the message's language."""
    if not EXPLICIT_HINT.search(folded):
        return []
    found = _by_dateparser(sentence, folded, today, zone, lang)
    # What dateparser left (it misses "no dia 23 de março", "1er avril" in some sentences): day and month by name.
    for m in OWN_EXPLICIT.finditer(folded):
        if any(f.start <= m.start() < f.start + len(fold(f.words)) for f in found):
            continue
        d = _own_date(m.groupdict(), today, zone, lang)
        if d is not None:
            found.append(Found(d, sentence[m.start() : m.end()], "explicit", m.start()))
    return found


def _by_dateparser(
    sentence: str, folded: str, today: date, zone: str | None, lang: str
) -> list[Found]:
    """The calendar dates dateparser finds in the sentence (a date without a year is the next
    one after today)."""
    from dateparser.search import search_dates

    settings = dict(
        _dateparser_settings(
            "MDY" if (zone or "").startswith("America/") and lang == "en" else "DMY"
        )
    )
    settings["RELATIVE_BASE"] = datetime.combine(today, time(12, 0))
    found = []
    try:
        results = (
            search_dates(sentence, languages=list(dict.fromkeys([lang, "en"])), settings=settings)
            or []
        )
    except Exception:  # dateparser raises on odd input; a date we cannot read is no date
        results = []
    for words, when in results:
        fw = fold(words)
        if not EXPLICIT_HINT.search(fw):
            continue  # "now", "today", a bare time: ours to read, not a calendar date
        d = when.date()
        year_given = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", fw) or re.search(
            r"\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)", fw
        )
        if d <= today and not year_given:
            d = next_day_of(d.month, d.day, today)
        pos = folded.find(fw)
        found.append(Found(d, words.strip(), "explicit", pos if pos >= 0 else 0))
    return found


def _own_date(g: dict, today: date, zone: str | None, lang: str) -> date | None:
    """The day an OWN_EXPLICIT match's groups `g` name (None if no real day)."""
    if g["d5"]:
        day, month = int(g["d5"]), int(g["m5"])
        year = g["y5"] and (int(g["y5"]) + 2000 if len(g["y5"]) == 2 else int(g["y5"]))
    elif g["d3"]:
        g["y3"] = g["y3"] or g["y4"]
        a, b = int(g["d3"]), int(g["m3"] or g["m4"])
        day, month = (b, a) if (zone or "").startswith("America/") and lang == "en" else (a, b)
        year = g["y3"] and (int(g["y3"]) + 2000 if len(g["y3"]) == 2 else int(g["y3"]))
    else:
        day, month, year = (
            int(g["d"] or g["d2"]),
            MONTHS[g["m"] or g["m2"]],
            g["y"] and int(g["y"]),
        )
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    try:
        return (
            date(year, month, day) if year else next_day_of(month, day, today - timedelta(days=1))
        )
    except ValueError:
        return None


OWN_EXPLICIT = re.compile(
    rf"(?<![\w])(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|e|o|º|\.)?\s+(?:de\s+|of\s+)?(?P<m>{_MONTH_RE})\.?(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|{_DASHED}"
    rf"|(?<![\d.,])(?P<d3>\d{{1,2}})(?:/(?P<m3>\d{{1,2}})(?:/(?P<y3>(?:20)?\d{{2}}))?|\.(?P<m4>\d{{1,2}})\.(?P<y4>(?:20)?\d{{2}})?)(?!\d|,\d))(?![\w/])"
)
