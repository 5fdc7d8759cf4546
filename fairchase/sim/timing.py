"""Clock helpers shared by the simulated policies and the invariant checker.

Contact hours follow the contract's default: 08:00-20:00 in the lead's own
zone, never on Sunday. Times are aware datetimes in UTC; a zone is only used
to decide whether a moment is allowed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

DAY = timedelta(days=1)
WEEK = timedelta(days=7)
START_HOUR, END_HOUR = 8, 20
SUNDAY = 6


@lru_cache(maxsize=256)
def zone(name: str | None, default: str = "UTC") -> ZoneInfo:
    """The ZoneInfo for an IANA name (the business zone when None)."""
    try:
        return ZoneInfo(name or default)
    except Exception:  # unknown zone names fall back instead of raising
        return ZoneInfo(default)


def in_contact_hours(t: datetime, tz: str | None, default_tz: str = "UTC") -> bool:
    """True when `t` falls inside 08:00-20:00 local time on a day other than Sunday."""
    local = t.astimezone(zone(tz, default_tz))
    return local.weekday() != SUNDAY and START_HOUR <= local.hour < END_HOUR


@lru_cache(maxsize=8192)  # overdue leads all ask for the same `now` in the same few zones
def next_contact_time(t: datetime, tz: str | None, default_tz: str = "UTC") -> datetime:
    """The earliest moment at or after `t` inside the lead's contact hours (UTC)."""
    z = zone(tz, default_tz)
    local = t.astimezone(z)
    for _ in range(9):
        if local.weekday() == SUNDAY or local.hour >= END_HOUR:
            nxt = local.date() + DAY
            local = datetime(nxt.year, nxt.month, nxt.day, START_HOUR, tzinfo=z)
            continue
        if local.hour < START_HOUR:
            local = datetime(local.year, local.month, local.day, START_HOUR, tzinfo=z)
            continue
        return local.astimezone(UTC)
    return local.astimezone(UTC)


def cap_time(times: list[datetime], t: datetime, cap: int) -> datetime:
    """Earliest moment >= t at which one more attempt keeps <= cap attempts in any 7 days."""
    if cap <= 0:
        return t + 3650 * DAY
    if len(times) < cap:
        return t
    return max(t, times[-cap] + WEEK)


def schedule(
    times: list[datetime],
    target: datetime,
    now: datetime,
    tz: str | None,
    cap: int,
    default_tz: str = "UTC",
) -> datetime:
    """When to make the next attempt: not before `target` or `now`, under the cap, in hours."""
    t = cap_time(times, max(target, now), cap)
    return next_contact_time(t, tz, default_tz)


def attempts_in_week(times: list[datetime], t: datetime) -> int:
    """How many of `times` fall in the 7 days ending at `t` (exclusive of t - 7 days)."""
    lo = t - WEEK
    n = 0
    for a in reversed(times):
        if a <= lo:
            break
        if a <= t:
            n += 1
    return n


def as_datetime(value) -> datetime | None:
    """Parse an ISO-8601 string or pass a datetime through; naive values are taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    else:
        raise ValueError(f"not a datetime: {value!r}")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt
