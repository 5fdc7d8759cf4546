"""Enquiry dates dateutil does not read (eval24 #5): an Excel date serial (45750, a date
column formatted "General", or a CSV written from one) and a date with its month named in
German, French, Spanish, Italian, Portuguese or Dutch ("4. März 2025", "4 mars 2025",
"4 de marzo de 2025"), read by dateparser as the reply reader reads dates. Each returns
(a naive datetime, whether the cell gave no time of day), or None when the cell is not one.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from dateutil import parser as dateutil_parser

# Excel's day 0 (its serial 60 is a 29 February 1900 that never was: later serials count
# from here). Serials from 1 January 1970 (25569) to 31 December 2099 (73050) are read:
# a five-digit number in a date column outside them is no date.
_EXCEL_EPOCH = datetime(1899, 12, 30)  # noqa: DTZ001 (a wall-clock day, zone given later)
SERIALS = (25569, 73050)
_SERIAL = re.compile(r"\s*(\d{5})(\.\d+)?\s*")
LANGUAGES = ["de", "fr", "es", "it", "pt", "nl"]
_TIME = re.compile(r"\d{1,2}\s*(?::|h\b|h\d|uhr\b)", re.IGNORECASE)
_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_LOCALE_DATE_ORDER": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],  # never "gestern" or "vor 3 Tagen"
}


def excel_serial(text: str) -> tuple[datetime, bool] | None:
    """The day (and time, from a fraction) an Excel serial number in a date column stands for."""
    found = _SERIAL.fullmatch(text)
    if not found or not SERIALS[0] <= int(found.group(1)) <= SERIALS[1]:
        return None
    days = float(found.group(1) + (found.group(2) or ""))
    return _EXCEL_EPOCH + timedelta(minutes=round(days * 24 * 60)), not found.group(2)


def named_month(text: str) -> tuple[datetime, bool] | None:
    """A date whose month is named in another language than English, day first."""
    if not re.search(r"[^\W\d_]{3}", text):  # no word: no month name to read
        return None
    import dateparser

    when = dateparser.parse(text, languages=LANGUAGES, settings=_SETTINGS)
    if when is None:
        return None
    return when, not _TIME.search(text)


def other_date(text: str) -> tuple[datetime, bool, str] | None:
    """(A cell's date, whether it gave no time, what to say of the reading) for a date
    dateutil does not read; None when the cell is no date at all."""
    if serial := excel_serial(text):
        when, bare = serial
        return (
            when,
            bare,
            f"enquiry date: {text.strip()!r} read as an Excel date number: {when:%-d %B %Y}.",
        )
    if named := named_month(text):
        return *named, ""
    return None


# dateutil fills what a cell leaves out from these: two defaults tell a bare date apart
NOON = datetime(2000, 1, 1, 12, 0)  # noqa: DTZ001 (naive: a cell without a zone stays naive)
_MIDNIGHT = datetime(2000, 1, 1, 0, 0)  # noqa: DTZ001
_OTHER_YEAR = datetime(2004, 1, 1, 12, 0)  # noqa: DTZ001 (a leap year: "2/29")
_FEB_2 = datetime(2004, 2, 2, 12, 0)  # noqa: DTZ001 (another month and day: `gives_day_and_month`)
_MAR_3 = datetime(2004, 3, 3, 12, 0)  # noqa: DTZ001


def without_year(text: str, at_noon: datetime, dayfirst: bool = False) -> bool:
    """Whether a cell read with the NOON default gave no year ("4/11", "May 5"): another
    default year changes its reading (the second reading only for a date read in 2000)."""
    if at_noon.year != NOON.year:
        return False
    try:
        return (
            dateutil_parser.parse(text, default=_OTHER_YEAR, dayfirst=dayfirst).year
            == _OTHER_YEAR.year
        )
    except (ValueError, OverflowError):
        return False


def gives_day_and_month(text: str, dayfirst: bool = False) -> bool:
    """Whether a cell without a year names both a month and a day ("4/11", "May 5"): two
    defaults of another month and day read it alike. "Monday", "14:30", "5", "3rd" or "May"
    do not: they are no date, not a day of this year (review27 #7)."""
    try:
        one, two = (
            dateutil_parser.parse(text, default=default, dayfirst=dayfirst)
            for default in (_FEB_2, _MAR_3)
        )
    except (ValueError, OverflowError):
        return False
    return (one.month, one.day) == (two.month, two.day)


def most_recent(when: datetime, now: datetime, timed: bool = False) -> datetime:
    """A day and month without a year as the latest such day not after `now` (an enquiry
    came in before the import): 11 April imported on 7 December 2026 is 11 April 2026, 24
    December is 24 December 2025. A 29 February is that of the latest leap year before.
    With a time of day (`timed`), the latest such moment: "12/7 11pm" imported at 08:05 on
    7 December is 7 December of the year before, not tonight."""
    local = now.astimezone(when.tzinfo) if when.tzinfo else now.replace(tzinfo=None)
    year = local.year
    while True:
        try:
            candidate = when.replace(year=year)
        except ValueError:  # 29 February of a year without one
            year -= 1
            continue
        if candidate <= local or (not timed and candidate.date() <= local.date()):
            return candidate
        year -= 1


def bare_date(text: str, at_noon: datetime, dayfirst: bool = False) -> bool:
    """A cell read as noon gave no time when a midnight default changes its reading (the
    second reading only for a noon of today, not for every row of a large import)."""
    return (
        at_noon.hour == 12
        and at_noon.minute == 0
        and (dateutil_parser.parse(text, default=_MIDNIGHT, dayfirst=dayfirst).hour != 12)
    )
