"""Ids and days read from a query string or a form field (`?owner=`, `?from=`, `?to=`).

One reading for every page: a value that is not an id or a day a database can hold is
ignored (None), as a typo in the URL should be, never a server error. An id is ASCII
digits from 1 to 2**62, the API's bound (within SQLite's and PostgreSQL's bigint): "²"
passes `str.isdigit` but is no number, and 99999999999999999999 overflows the
database. A day is ISO (YYYY-MM-DD) between 1900 and 2999: 9999-12-31 parses, but the
day after it, which a "to" date needs, does not exist.
"""

from __future__ import annotations

from datetime import date

MAX_ID = 2**62
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def an_id(raw) -> int | None:
    """The id this text is, or None."""
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def a_day(raw) -> date | None:
    """The day this text is (YYYY-MM-DD), or None."""
    try:
        day = date.fromisoformat(str(raw).strip()) if raw else None
    except ValueError:
        return None
    return day if day is not None and EARLIEST_DAY <= day <= LATEST_DAY else None
