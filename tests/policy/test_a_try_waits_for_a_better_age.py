"""A follow-up waits for the age where the learned reply chance is best, when that age lies
beyond where the schedules' gaps reach and the gain outweighs the wait (buyers who come back
weeks after their enquiry); otherwise it follows the schedule."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import numpy as np

from fairchase.policy import plan
from fairchase.policy.model import AGE_KNOT_U
from fairchase.policy.plan import default_model

NOW = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)  # Wednesday 10:30 in Chicago


def tried_once(value: float = 20000.0) -> dict:
    """A lead in two days ago, tried by call the next morning without an answer."""
    return {
        "id": "ann",
        "source": "web_form",
        "value": value,
        "created_at": NOW - timedelta(days=2),
        "timezone": "America/Chicago",
        "attempts": [{"at": NOW - timedelta(days=1), "channel": "call", "outcome": "no_answer"}],
        "status": "open",
    }


def with_age_curve(days_to_logit):
    days = np.expm1(AGE_KNOT_U)
    return dataclasses.replace(default_model(), age_curve=days_to_logit(days))


def test_a_reply_chance_that_peaks_five_weeks_on_carries_the_next_try_there():
    comeback = with_age_curve(lambda days: 2.0 * np.exp(-(((days - 35.6) / 12.0) ** 2)))
    d = plan(comeback, [tried_once()], NOW)[0]
    assert d["action"] == "contact", d["reason"]
    days = (d["due"] - (NOW - timedelta(days=2))) / timedelta(days=1)
    assert 35 < days < 38, d["due"]
    assert (
        "Not sooner: by the reply chance learned at each age of a lead, a try 36 days"
        in (d["reason"])
    )


def test_a_fading_reply_chance_keeps_the_schedule():
    fading = with_age_curve(lambda days: -0.3 * np.log1p(days))
    d = plan(fading, [tried_once()], NOW)[0]
    assert d["action"] == "contact" and d["due"] < NOW + timedelta(days=8), d
    assert "Not sooner" not in d["reason"]


def test_a_small_rise_far_off_is_not_worth_the_wait():
    """+0.1 log-odds eight weeks on is less than the time preference costs."""
    slight = with_age_curve(lambda days: 0.1 * np.exp(-(((days - 56.4) / 10.0) ** 2)))
    d = plan(slight, [tried_once()], NOW)[0]
    assert d["due"] < NOW + timedelta(days=8) and "Not sooner" not in d["reason"], d
