"""Business settings for the decision core: every key optional, bad values fall back to defaults."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import time

import numpy as np

from .priors import CHANNELS
from .reasons import OWNER_LEFT
from .records import getter

DEFAULT_MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
DEFAULT_DAYS = (0, 1, 2, 3, 4, 5)  # Monday..Saturday: Sunday is excluded


class PolicyError(ValueError):
    """Raised only for input the core cannot make sense of at all (e.g. an invalid `now`)."""


def _minute_of_day(value) -> int | None:
    """'08:00' / '8' / time / 8 -> minutes after midnight, or None when unreadable."""
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(round(float(value) * 60)) if 0 <= value <= 24 else None
    if isinstance(value, str):
        hours, colon, minutes = value.strip().partition(":")
        try:
            return int(hours) * 60 + (int(minutes.split(":")[0]) if colon else 0)
        except ValueError:
            return None
    return None


def parse_contact_hours(value, default=(8 * 60, 20 * 60)) -> tuple[int, int]:
    """Contact hours as (start, end) minutes after midnight; '08:00-20:00' or a pair of times."""
    if isinstance(value, str) and "-" in value:
        value = value.split("-", 1)
    if not (isinstance(value, list | tuple) and len(value) == 2):
        return default
    start, end = _minute_of_day(value[0]), _minute_of_day(value[1])
    if start is None or end is None or not (0 <= start < end <= 24 * 60) or end - start < 15:
        return default
    return start, end


def _number(value, default, low: float, endless: bool = False):
    """`value` as a number of at least `low`, else `default`. Only a limit may be infinite
    (`endless`: endless minutes are a day without a limit); a price, a duration or a count
    must be finite. An int beyond any float (10**400) reads as the string '1e400' does."""
    try:
        out = float(value)
    except OverflowError:
        out = math.inf if value > 0 else -math.inf
    except (TypeError, ValueError):
        return default
    return out if out >= low and (endless or math.isfinite(out)) else default  # NaN is not


# why `daily_minutes` is 0, when the caller knows (`no_minutes_because`; each has its sentence in
# `reasons.NO_MINUTES_WHY`): OWNER_LEFT, the owner of the leads passed no longer works there
NO_MINUTES_BECAUSE = (OWNER_LEFT,)

MAX_REVISIT_DAYS = 3650.0  # a revisit ten years on is as far as any date goes

# the settings that are a number of at least this much, and whether it may be infinite (a limit)
NUMBERS = {
    "hourly_cost": (0.0, False),
    "margin": (0.0, False),
    "daily_minutes": (0.0, True),
    "complaint_cost": (0.0, False),
    "revisit_days": (1.0, True),  # capped at MAX_REVISIT_DAYS
}


def _is_sign(value) -> bool:
    """A currency sign to write before amounts: a short text with no digit in it ("€", "CHF ")."""
    return (
        isinstance(value, str)
        and 0 < len(value.strip()) <= 5
        and not any(c.isdigit() for c in value)
    )


@dataclass(frozen=True)
class Settings:
    """The business's economics and contact rules (defaults from the contract), as `from_any`
    reads them: contact hours in minutes after midnight, every channel's minutes."""

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
    minutes_left_today: float | None = None  # None: the whole of daily_minutes
    no_minutes_because: str | None = None  # None: Settings set none; else one NO_MINUTES_BECAUSE
    currency_symbol: str = "$"  # written before every amount in the reasons: "€", "CHF "

    def today_minutes(self) -> float:
        """The selling minutes left today (`daily_minutes` is every later day's)."""
        return self.daily_minutes if self.minutes_left_today is None else self.minutes_left_today

    @classmethod
    def from_any(cls, value=None) -> Settings:
        """Build from a dict, a mapping, a Settings, an object with attributes, or None."""
        if isinstance(value, Settings):
            return value
        if value is None:
            return cls()
        get, base = getter(value), cls()
        numbers = {
            name: _number(get(name), getattr(base, name), low, endless)
            for name, (low, endless) in NUMBERS.items()
        }
        numbers["revisit_days"] = min(numbers["revisit_days"], MAX_REVISIT_DAYS)
        minutes = dict(DEFAULT_MINUTES)
        if isinstance(get("minutes"), dict):
            for name, mins in get("minutes").items():
                if isinstance(name, str):
                    minutes[name] = _number(mins, minutes.get(name, 5.0), low=0.0)
        try:
            days = tuple(sorted({int(d) for d in get("contact_days") if 0 <= int(d) <= 6}))
        except (TypeError, ValueError, OverflowError):  # None, or not a list of weekday numbers
            days = ()
        tz = get("business_timezone")
        because = get("no_minutes_because")
        because = because if isinstance(because, str) else None  # an array is never a why
        sign = get("currency_symbol")
        max_week = _number(get("max_attempts_per_week"), base.max_attempts_per_week, low=1.0)
        return cls(
            **numbers,
            minutes=minutes,
            business_timezone=tz if isinstance(tz, str) and tz else "UTC",
            contact_hours=parse_contact_hours(get("contact_hours"), base.contact_hours),
            contact_days=days or DEFAULT_DAYS,
            max_attempts_per_week=max(1, int(max_week)),
            default_value=_number(get("default_value"), None, 0.0),  # None stays None
            minutes_left_today=_number(get("minutes_left_today"), None, 0.0, endless=True),
            no_minutes_because=because if because in NO_MINUTES_BECAUSE else None,
            currency_symbol=sign if _is_sign(sign) else base.currency_symbol,
            horizon=int(min(12, max(1, _number(get("horizon"), base.horizon, 1.0, endless=True)))),
        )

    def try_minutes(self) -> np.ndarray:
        """The minutes one try takes on each channel, in `priors.CHANNELS` order."""
        return np.array([float(self.minutes[c]) for c in CHANNELS])

    def try_cost(self) -> np.ndarray:
        """What the time of one try costs on each channel: its minutes at the hourly cost."""
        return self.try_minutes() * (self.hourly_cost / 60.0)
