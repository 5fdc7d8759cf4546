"""Business settings for the decision core: every key optional, bad values fall back to defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

import numpy as np

from .priors import CHANNELS
from .records import getter

DEFAULT_MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
DEFAULT_DAYS = (0, 1, 2, 3, 4, 5)  # Monday..Saturday: Sunday is excluded


class PolicyError(ValueError):
    """Raised only for input the core cannot make sense of at all (e.g. an invalid `now`)."""


def _minute_of_day(value) -> int | None:
    """'08:00' / '8' / time / 8 -> minutes after midnight, or None when unreadable."""
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(round(float(value) * 60)) if 0 <= value <= 24 else None
    if isinstance(value, str):
        text = value.strip()
        try:
            if ":" in text:
                hh, mm = text.split(":")[:2]
                return int(hh) * 60 + int(mm)
            return int(text) * 60
        except ValueError:
            return None
    return None


def parse_contact_hours(value, default=(8 * 60, 20 * 60)) -> tuple[int, int]:
    """Contact hours as (start, end) minutes after midnight; '08:00-20:00' or a pair of times."""
    pair: list | tuple | None = None
    if isinstance(value, str) and "-" in value:
        pair = value.split("-", 1)
    elif isinstance(value, list | tuple) and len(value) == 2:
        pair = value
    if pair is None:
        return default
    start, end = _minute_of_day(pair[0]), _minute_of_day(pair[1])
    if start is None or end is None or not (0 <= start < end <= 24 * 60) or end - start < 15:
        return default
    return start, end


def _number(value, default, low=None):
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    if out != out or (low is not None and out < low):
        return default
    return out


@dataclass(frozen=True)
class Settings:
    """The business's economics and contact rules (defaults from the contract)."""

    hourly_cost: float = 50.0
    margin: float = 1.0
    minutes: dict = field(default_factory=lambda: dict(DEFAULT_MINUTES))
    daily_minutes: float = 120.0
    complaint_cost: float = 200.0
    business_timezone: str = "UTC"
    contact_hours: tuple = (8 * 60, 20 * 60)  # minutes after midnight, local to the lead
    contact_days: tuple = DEFAULT_DAYS
    max_attempts_per_week: int = 3
    default_value: float | None = None
    revisit_days: float = 90.0
    horizon: int = 6

    def __post_init__(self):
        # Accept the friendly forms when the dataclass is built directly.
        hours = self.contact_hours
        if not (
            isinstance(hours, tuple) and len(hours) == 2 and all(type(h) is int for h in hours)
        ):
            object.__setattr__(self, "contact_hours", parse_contact_hours(hours))
        if not isinstance(self.minutes, dict) or set(DEFAULT_MINUTES) - set(self.minutes):
            merged = dict(DEFAULT_MINUTES)
            merged.update(self.minutes if isinstance(self.minutes, dict) else {})
            object.__setattr__(self, "minutes", merged)

    @classmethod
    def from_any(cls, value=None) -> Settings:
        """Build from a dict, a mapping, a Settings, an object with attributes, or None."""
        if isinstance(value, Settings):
            return value
        if value is None:
            return cls()
        get = getter(value)
        base = cls()
        minutes = dict(DEFAULT_MINUTES)
        raw_minutes = get("minutes")
        if isinstance(raw_minutes, dict):
            for name, mins in raw_minutes.items():
                if isinstance(name, str):
                    minutes[name] = _number(mins, minutes.get(name, 5.0), low=0.0)
        days = get("contact_days")
        try:
            days = (
                tuple(sorted({int(d) for d in days if 0 <= int(d) <= 6}))
                if days is not None
                else ()
            )
        except (TypeError, ValueError):
            days = ()
        tz = get("business_timezone")
        default_value = get("default_value")
        default_value = _number(default_value, None, low=0.0) if default_value is not None else None
        max_week = _number(get("max_attempts_per_week"), base.max_attempts_per_week, low=1.0)
        return cls(
            hourly_cost=_number(get("hourly_cost"), base.hourly_cost, low=0.0),
            margin=_number(get("margin"), base.margin, low=0.0),
            minutes=minutes,
            daily_minutes=_number(get("daily_minutes"), base.daily_minutes, low=0.0),
            complaint_cost=_number(get("complaint_cost"), base.complaint_cost, low=0.0),
            business_timezone=tz if isinstance(tz, str) and tz else "UTC",
            contact_hours=parse_contact_hours(get("contact_hours"), base.contact_hours),
            contact_days=days or DEFAULT_DAYS,
            max_attempts_per_week=max(1, int(max_week)),
            default_value=default_value,
            revisit_days=_number(get("revisit_days"), base.revisit_days, low=1.0),
            horizon=int(min(12, max(1, _number(get("horizon"), base.horizon, low=1.0)))),
        )

    def minute_cost(self) -> float:
        """What one minute of selling time costs."""
        return self.hourly_cost / 60.0

    def try_minutes(self) -> np.ndarray:
        """The minutes one try takes on each channel, in `priors.CHANNELS` order."""
        return np.array([float(self.minutes[c]) for c in CHANNELS])
