"""Local contact hours, vectorised per time zone (UTC in, UTC out, the lead's zone in between)."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

DAY = 86400.0
WEEK = 7 * DAY
_SAMPLE = 12 * 3600.0  # offsets change at most a few times a year; sample twice a day
_MAX_SPAN = 3 * 366 * DAY
# Contact hours ending this late (23:59) run to midnight: the day never closes early (as
# planning.ALL_DAY has it for Today)
_ALL_DAY = (24 * 60 - 1) * 60.0


def resolve_zone(name):
    """ZoneInfo for an IANA name, or None when the name is missing or unknown (never raises)."""
    return _zone(name) if isinstance(name, str) and name else None


@functools.cache
def _zone(name: str):
    try:
        return ZoneInfo(name)
    except Exception:  # unknown or malformed zone names fall back to the business zone
        return None


class Offsets:
    """UTC offset of one zone as a step function of time, for vectorised lookups."""

    def __init__(self, zone, lo: float, hi: float):
        self.zone = zone
        self.lo, self.hi = lo, hi
        hi = min(hi, lo + _MAX_SPAN)
        grid = np.arange(lo - DAY, hi + 2 * DAY, _SAMPLE)
        offs = np.array([self._offset(t) for t in grid])
        edges, values = [], [offs[0]]
        for i in np.nonzero(np.diff(offs))[0]:
            a, b = grid[i], grid[i + 1]
            while b - a > 60.0:  # bisect to the minute
                mid = (a + b) / 2
                if self._offset(mid) == offs[i]:
                    a = mid
                else:
                    b = mid
            edges.append(b)
            values.append(offs[i + 1])
        self.edges, self.values = np.array(edges), np.array(values)

    def _offset(self, ts: float) -> float:
        offset = datetime.fromtimestamp(ts, self.zone).utcoffset()
        return offset.total_seconds() if offset is not None else 0.0

    def at(self, ts: np.ndarray) -> np.ndarray:
        return self.values[np.searchsorted(self.edges, ts, side="right")]


class ContactHours:
    """Moves times forward into allowed local hours and days, one zone at a time."""

    def __init__(self, hours: tuple[int, int], days, business_zone: str):
        self.start, self.end = hours[0] * 60.0, hours[1] * 60.0
        self.allowed = allowed = np.isin(np.arange(7), list(days))
        # days from weekday w to the next allowed weekday (1..7)
        self.skip = np.array(
            [next(d for d in range(1, 8) if allowed[(w + d) % 7]) for w in range(7)]
        )
        self.fallback = resolve_zone(business_zone) or UTC  # no zone known: UTC
        self._tables: dict = {}
        self.zone_names: dict = {}  # a zone name -> its index in `zones`
        self.zones: list = []  # each one's ZoneInfo (the business's for unknown names)

    def day_planned(self, now: float) -> tuple[int, float]:
        """The day whose minutes a plan made at `now` shares, as (its weekday, 0 = Monday; the
        seconds from `now` to when its contact hours open, 0 when it is today). Today while it
        is a contact day whose hours have not ended (before they start, its minutes are still
        to come); on a day that is not one (a Sunday), or once the day's hours are over
        (Tuesday 21:00), the next contact day, whose morning's contacts are the next due. The
        rule of planning.contact_day, which Today shows, on the business's clock."""
        local = datetime.fromtimestamp(now, self.fallback)
        weekday = local.weekday()
        since_midnight = local.hour * 3600 + local.minute * 60 + local.second
        over = self.end < _ALL_DAY and since_midnight >= self.end
        if self.allowed[weekday] and not over:
            return weekday, 0.0
        ahead = int(self.skip[weekday])
        return (weekday + ahead) % 7, max(0.0, self._opens(local, ahead) - now)

    def next_day_opens(self, ts: float) -> float:
        """When the hours of the next contact day after the day of `ts` open (business clock):
        where the day planned from `ts` ends. Tomorrow morning's contacts are tomorrow's, so a
        plan made at 18:00 does not spend today's last minutes on them."""
        local = datetime.fromtimestamp(ts, self.fallback)
        return self._opens(local, int(self.skip[local.weekday()]))

    def _opens(self, local: datetime, ahead: int) -> float:
        """When the hours open `ahead` days after `local`'s date."""
        day = datetime.combine(local.date() + timedelta(days=ahead), time(), self.fallback)
        return (day + timedelta(seconds=self.start)).timestamp()

    def zone_for(self, name):
        return resolve_zone(name) or self.fallback

    def zone_index(self, names: list) -> np.ndarray:
        """Each lead's zone (a name or None) as an index into `zones`, for `clip_grouped`."""
        for name in names:
            if name not in self.zone_names:
                self.zone_names[name] = len(self.zones)
                self.zones.append(self.zone_for(name))
        return np.array([self.zone_names[name] for name in names], dtype=np.int64)

    def _table(self, zone, lo, hi) -> Offsets:
        """The zone's offsets from `lo` to `hi` at least (a table only ever grows)."""
        table = self._tables.get(zone)
        if table is not None and table.lo <= lo and hi <= table.hi:
            return table
        if table is not None:
            lo, hi = min(lo, table.lo), max(hi, table.hi)
        table = self._tables[zone] = Offsets(zone, lo - 2 * DAY, max(hi, lo + 400 * DAY) + 2 * DAY)
        return table

    def clip(self, ts: np.ndarray, zone) -> tuple[np.ndarray, np.ndarray]:
        """Earliest times >= ts inside contact hours in `zone`; returns (utc, local) seconds."""
        table = self._table(zone, float(ts.min()), float(ts.max()) + 8 * DAY)
        off = table.at(ts)
        local = ts + off
        day = np.floor(local / DAY)
        sec = local - day * DAY
        weekday = ((day + 3) % 7).astype(np.int64)  # 1970-01-01 was a Thursday
        ok_day = self.allowed[weekday]
        inside = ok_day & (sec >= self.start) & (sec < self.end)
        later_today = ok_day & (sec < self.start)
        next_day = day + self.skip[weekday]
        target = np.where(inside, local, np.where(later_today, day, next_day) * DAY + self.start)
        utc = target - table.at(target - off)
        utc = target - table.at(utc)
        utc = np.maximum(utc, ts)
        # a daylight-saving gap can push a time outside the window: look again once
        local2 = utc + table.at(utc)
        sec2 = local2 - np.floor(local2 / DAY) * DAY
        bad = (sec2 < self.start) | (sec2 >= self.end)
        if bad.any():
            fixed, fixed_local = self.clip(utc[bad] + 3600.0, zone)
            utc[bad] = fixed
            local2[bad] = fixed_local
        return utc, local2

    def clip_grouped(self, ts: np.ndarray, tz_idx: np.ndarray) -> tuple:
        """clip() for leads in many zones: one vectorised pass per distinct zone."""
        utc, local = np.empty_like(ts), np.empty_like(ts)
        for zone in np.unique(tz_idx):
            group = np.flatnonzero(tz_idx == zone)
            utc[group], local[group] = self.clip(ts[group], self.zones[zone])
        return utc, local

    def local_grouped(self, ts: np.ndarray, tz_idx: np.ndarray) -> np.ndarray:
        """Each time `ts` (UTC seconds, NaN: none) on its lead's clock, as local epoch seconds."""
        local = np.full_like(ts, np.nan)
        known = ~np.isnan(ts)
        for zone in np.unique(tz_idx[known]):
            group = np.flatnonzero(known & (tz_idx == zone))
            table = self._table(self.zones[zone], float(ts[group].min()), float(ts[group].max()))
            local[group] = ts[group] + table.at(ts[group])
        return local


def utc_datetime(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)
