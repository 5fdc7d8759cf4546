"""One labelled zone per screen: times as the user reads them, with the lead's beside them.

Every screen (a web page, the terminal agenda, the calendar feed, an email to the team)
shows times in one zone, the business's, and names it ("Mon 8 Dec 09:00 CST"). Where a
lead lives in another zone, their wall-clock time follows ("10:00 for Bob in New York"),
so "call at nine" means the same moment to everyone reading it.

The decision core writes its reasons in the lead's own wall-clock time (it plans inside
the lead's contact hours) without naming a zone; `reason_in_zones` rewrites those times
into the screen's zone, labelled, with the lead's time beside them where it differs.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SHORT = "%a %-d %b %H:%M"  # "Mon 8 Dec 09:00"


def zone(name: str | None, fallback: ZoneInfo | None = None) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else (fallback or ZoneInfo("UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return fallback or ZoneInfo("UTC")


def _local(at: datetime, tz: ZoneInfo) -> datetime:
    """`at` in `tz`; at the calendar's edge, where that is past the year 9999 (a far date an
    older version stored, read east of UTC), in UTC as stored: a page showing it must not
    fail for ever (eval32 #3)."""
    try:
        return at.astimezone(tz)
    except OverflowError:
        return at.astimezone(UTC)


def business_zone() -> ZoneInfo:
    from fairchase.leads.models import BusinessSettings

    return zone(BusinessSettings.current().business_timezone)


def day(at: datetime, tz: ZoneInfo | None = None) -> str:
    """'6 Mar 2027': the day `at` falls on in `tz`, the business's zone unless told. The zone
    is said, never the active one: the web activates the business zone and the terminal none,
    so the same date read two days (review24 F18: "wait until 10 Jan" in UTC under a
    Chicago header)."""
    local = _local(at, tz or business_zone())
    return f"{local.day} {local:%b %Y}"


def label(at: datetime, tz: ZoneInfo) -> str:
    """The zone's name at that moment, as people write it: 'CST', 'BST', 'UTC', 'UTC+03'."""
    abbr = _local(at, tz).strftime("%Z")
    if abbr and abbr[0] in "+-":
        return f"UTC{abbr}"
    return abbr or str(tz)


def place(zone_name: str) -> str:
    """'America/New_York' -> 'New York'."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def at_zone(at: datetime, tz: ZoneInfo, fmt: str = SHORT) -> str:
    """'Mon 8 Dec 09:00 CST'."""
    return f"{_local(at, tz).strftime(fmt)} {label(at, tz)}"


def theirs(at: datetime, tz: ZoneInfo, lead) -> str:
    """', 10:00 for Bob in New York' when the lead's clock shows another time, else ''."""
    lead_zone_name = getattr(lead, "timezone", "") or ""
    if not lead_zone_name:
        return ""
    lz = zone(lead_zone_name, tz)
    mine, their = _local(at, tz), _local(at, lz)
    if mine.utcoffset() == their.utcoffset():
        return ""
    when = their.strftime("%H:%M") if their.date() == mine.date() else their.strftime("%a %H:%M")
    who = getattr(lead, "first_name", "") or "them"
    return f" ({when} for {who} in {place(lead_zone_name)})"


def for_lead(at: datetime | None, tz: ZoneInfo, lead=None, fmt: str = SHORT) -> str:
    """'Mon 8 Dec 09:00 CST (10:00 for Bob in New York)'; '' for no time."""
    if at is None:
        return ""
    return at_zone(at, tz, fmt) + (theirs(at, tz, lead) if lead is not None else "")


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# What the decision core writes (policy.reasons.local_when): "today 14:00", "Fri 10:00", "12 Mar
# 10:00", and a promise's "Tue 8 Dec 12:00" (its weekday is part of the match, so a screen's
# time replacing it does not follow a second weekday: "by Tue Tue 8 Dec 12:00 CST").
_WHEN = re.compile(
    r"\b(today|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
    r" ([01]\d|2[0-3]):([0-5]\d)\b"
)


def _lead_local_day(match: re.Match, now_local: datetime) -> date | None:
    word = match.group(1)
    today = now_local.date()
    if word == "today":
        return today
    if word in _DAYS:
        ahead = (_DAYS.index(word) - today.weekday()) % 7
        return today + timedelta(days=ahead)
    day, month = int(match.group(2)), _MONTHS.index(match.group(3)) + 1
    named = word[:3] if word[:3] in _DAYS else None  # "Fri 11 Dec": a past day keeps its year
    for year in (today.year - 1, today.year, today.year + 1) if named else ():
        try:
            if date(year, month, day).weekday() == _DAYS.index(named):
                return date(year, month, day)
        except ValueError:
            continue
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today - timedelta(days=1):
            return candidate
    return None


# The wait a plan's reason states (`reasons.waited`): " waiting 4 min", " waiting 3 h".
_WAITING = re.compile(r" waiting \d+ (?:min|h|days)\b")


def _wait_as_of(reason: str, lead, now: datetime) -> str:
    """The plan said how long the enquiry had waited when it was made; a screen says it as of
    now, as the wait shown beside it does (one figure, one rounding)."""
    created = getattr(lead, "created_at", None)
    if created is None or not _WAITING.search(reason):
        return reason
    from fairchase.policy import reasons

    waited = reasons.waited(max(0.0, (now - created).total_seconds()))
    return _WAITING.sub(waited, reason, count=1)


def reason_in_zones(reason: str, lead, tz: ZoneInfo, now: datetime) -> str:
    """A plan reason whose times (the lead's wall clock) are shown in the screen's zone,
    labelled, with the lead's time beside them where it differs:
    'Call Mon 09:00: ...' -> 'Call Mon 8 Dec 08:00 CST (09:00 for Bob in New York): ...'."""
    if not reason:
        return reason
    reason = _wait_as_of(reason, lead, now)
    lz = zone(getattr(lead, "timezone", "") or "", tz)
    now_local = now.astimezone(lz)

    def swap(match: re.Match) -> str:
        day = _lead_local_day(match, now_local)
        if day is None:
            return match.group(0)
        moment = datetime(
            day.year, day.month, day.day, int(match.group(4)), int(match.group(5)), tzinfo=lz
        )
        return for_lead(moment, tz, lead)

    return _WHEN.sub(swap, reason)


def money(value, symbol: str = "$") -> str:
    """1234.5 -> '$1,235'; -5000 -> '-$5,000'; None -> '—'."""
    if value in (None, ""):
        return "—"
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return str(value)
    sign = "-" if round(amount) < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.0f}"
