"""Settings of any size are read, never raised on: a number beyond any float (10**400) reads as
the string '1e400' does, an endless limit (daily minutes) stays endless, and a price, duration
or count that is not a finite number falls back to its default (the contract: bad values do)."""

from __future__ import annotations

import math

import pytest

from fairchase.policy import plan
from fairchase.policy.settings import MAX_REVISIT_DAYS, Settings

from .strategies import NOW
from .test_crowded_day import backlog

HUGE = (10**400, "1e400", float("inf"), "inf")
UNREADABLE = (float("nan"), "nan", -(10**400), "-1e400", float("-inf"))
DEFAULT = Settings()
# prices, durations and counts: only a finite number will do
FINITE = ("hourly_cost", "margin", "complaint_cost", "max_attempts_per_week", "default_value")
# limits: endless is a limit too (capped where a cap is said)
LIMITS = ("daily_minutes", "minutes_left_today", "revisit_days", "horizon")


def every_setting(value) -> dict:
    return {
        **dict.fromkeys(FINITE + LIMITS, value),
        "minutes": {"call": value},
        "contact_days": [value, 1],
        "contact_hours": [value, "20:00"],
    }


@pytest.mark.parametrize("value", HUGE + UNREADABLE, ids=lambda v: repr(v)[:12])
def test_no_setting_of_any_size_raises_and_prices_fall_back_to_their_default(value):
    read = Settings.from_any(every_setting(value))
    for name in FINITE:
        assert getattr(read, name) == getattr(DEFAULT, name), name
    assert read.minutes == DEFAULT.minutes
    # a whole number beyond the week is left out, as 9 would be; a day that is no whole number
    # (inf, nan, '1e400') makes the list unreadable: the default week
    assert read.contact_days == ((1,) if isinstance(value, int) else DEFAULT.contact_days)
    assert read.contact_hours == DEFAULT.contact_hours


@pytest.mark.parametrize("value", HUGE, ids=lambda v: repr(v)[:12])
def test_a_limit_beyond_any_float_is_endless_or_its_cap(value):
    read = Settings.from_any(every_setting(value))
    assert read.daily_minutes == read.minutes_left_today == math.inf
    assert read.revisit_days == MAX_REVISIT_DAYS and read.horizon == 12


@pytest.mark.parametrize("value", UNREADABLE, ids=lambda v: repr(v)[:12])
def test_an_unreadable_limit_falls_back_to_its_default(value):
    read = Settings.from_any(every_setting(value))
    for name in LIMITS:
        assert getattr(read, name) == getattr(DEFAULT, name), name


def test_daily_minutes_beyond_any_float_plan_as_endless_minutes_do():
    leads = backlog(n=40)
    endless = plan(None, leads, NOW, {"daily_minutes": float("inf")})
    assert plan(None, leads, NOW, {"daily_minutes": 10**400}) == endless
    assert all(math.isfinite(d["expected_value"]) for d in endless)
