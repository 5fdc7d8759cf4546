"""How the decision core writes a moment, a day and a wait ("Fri 10:00", "Tue 8 Dec", " waiting
3 h"), from local epoch seconds: the words of a date, for the sentences in `reasons`."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def local_when(local_ts: float, now_local: float) -> str:
    """'now', 'today 14:00', 'Fri 10:00' or '12 Mar 10:00' from local epoch seconds."""
    if local_ts - now_local < 120:
        return "now"
    day = int(local_ts) // 86400
    if local_ts - now_local < 6 * 86400:
        name = "today" if day == int(now_local) // 86400 else WEEKDAYS[(day + 3) % 7]
        return f"{name} {clock_text(local_ts)}"
    d = date.fromordinal(_EPOCH_ORDINAL + day)
    return f"{d.day} {MONTHS[d.month - 1]} {clock_text(local_ts)}"


def clock_text(local_ts: float) -> str:
    """'14:05' from local epoch seconds."""
    sec = int(local_ts) % 86400
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}"


def local_date(local_ts: float) -> str:
    return _day_text(int(local_ts) // 86400)


@lru_cache(maxsize=4096)
def _day_text(day: int) -> str:
    d = date.fromordinal(_EPOCH_ORDINAL + day)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def local_day(local_ts: float, now_local: float) -> str:
    """'Tue 8 Dec' from local epoch seconds, as the app writes a day ('Mon 7 Dec 09:00'), with
    the year only when it is not this one (`now_local`'s): 'Tue 8 Jun 2027'."""
    today = int(now_local) // 86400 if now_local == now_local else None  # NaN: say the year
    return _weekday_text(int(local_ts) // 86400, today)


@lru_cache(maxsize=4096)
def _weekday_text(day: int, today: int | None) -> str:
    d = date.fromordinal(_EPOCH_ORDINAL + day)
    this_year = date.fromordinal(_EPOCH_ORDINAL + today).year if today is not None else None
    year = f" {d.year}" if d.year != this_year else ""
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}{year}"


def waited(seconds: float) -> str:
    if seconds != seconds or seconds < 0:
        return ""
    if seconds < 3600:
        return f" waiting {max(1, int(seconds // 60))} min"
    if seconds < 2 * 86400:
        return f" waiting {seconds / 3600:.0f} h"
    return f" waiting {seconds / 86400:.0f} days"
