"""When one lead may be contacted at the earliest: the weekly cap and the contact hours,
computed by the same rules `plan` applies (its `ContactHours` and its rolling week), for
the outbox to recheck a single message at send time.

    at, why = next_contact_time(now, attempt_times, "Europe/Paris", settings)
    # at == now and why == "" when a message may go out now
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime

import numpy as np

from .records import to_ts
from .settings import Settings
from .timing import DAY, WEEK, ContactHours, utc_datetime

CAP = "cap"
HOURS = "hours"


def cap_floor(latest: np.ndarray, max_per_week: int) -> np.ndarray:
    """The earliest time a new attempt keeps every 7 days at `max_per_week` attempts or fewer,
    per row of `latest` (attempt times, newest first, NaN-padded); NaN where the cap is not
    reached. `plan` applies it to its due times, `next_contact_time` to one message."""
    if max_per_week > latest.shape[1]:
        return np.full(len(latest), np.nan)
    return latest[:, max_per_week - 1] + WEEK + 60.0


def next_contact_time(
    now, attempt_times: Iterable, timezone: str | None, settings=None
) -> tuple[datetime, str]:
    """(earliest UTC time at or after `now` a contact is allowed, which rule moved it: "" when
    nothing did, "cap" for the weekly cap, "hours" for the contact hours or days)."""
    conf = Settings.from_any(settings)
    now_ts = to_ts(now)
    times = sorted((t for t in (to_ts(a) for a in attempt_times) if t is not None), reverse=True)
    floor = float(np.fmax(now_ts, cap_floor(np.array([times]), conf.max_attempts_per_week)[0]))
    day = int(now_ts // DAY)
    hours = _contact_hours(
        day, conf.contact_hours, tuple(conf.contact_days), conf.business_timezone
    )
    utc, _ = hours.clip(np.array([floor]), hours.zone_for(timezone))
    at = float(utc[0])
    if at <= now_ts:
        return now if isinstance(now, datetime) else utc_datetime(now_ts), ""
    return utc_datetime(at), CAP if floor > now_ts else HOURS


@functools.lru_cache(maxsize=8)
def _contact_hours(day: int, hours: tuple, days: tuple, business_zone: str) -> ContactHours:
    """The contact hours of these rules, kept for `day` (days since 1970): each zone's table of
    offsets (a year of clock look-ups, 1.5 ms) is built once a day, not for every message
    checked or every row of Today."""
    return ContactHours(hours, days, business_zone)
