"""The reply hazard's age effect: a smooth curve in the lead's age, learned from the history."""

from __future__ import annotations

import random
from datetime import timedelta

import numpy as np

from fairchase.policy import Model, fit

from .strategies import NOW

DAY = 86400.0


def history_by_age(reply_at_age, n=3000, seed=11):
    """Finished leads tried every few days at random ages (0-80 days), each try answered with
    the chance `reply_at_age(age in days)`, whatever the try number."""
    rng = random.Random(seed)
    leads = []
    for i in range(n):
        created = NOW - timedelta(days=250 + rng.random() * 30)
        age, attempts, status = rng.uniform(0.05, 3.0), [], "lost"
        for _ in range(rng.randint(1, 6)):
            at = created + timedelta(days=age)
            if rng.random() < reply_at_age(age):
                attempts.append({"at": at, "channel": "call", "outcome": "talked", "minutes": 9})
                status = "won" if rng.random() < 0.3 else "lost"
                break
            attempts.append({"at": at, "channel": "call", "outcome": "no_answer", "minutes": 2})
            age += rng.choice([1.0, 3.0, 7.0, 14.0, 21.0])
        leads.append(
            {
                "id": f"L{i}",
                "source": "web_form",
                "value": 1000.0,
                "created_at": created,
                "timezone": None,
                "signals": [],
                "consents": [],
                "attempts": attempts,
                "status": status,
            }
        )
    return leads


def effect(model, days):
    return float(model.age_effect(days * DAY))


def test_replies_that_come_back_after_weeks_give_a_rising_age_curve():
    model = fit(history_by_age(lambda age: 0.04 if age < 14 else 0.20))
    assert effect(model, 30) - effect(model, 1) > 0.8
    assert effect(model, 60) > effect(model, 7) + 0.8


def test_interest_that_cools_within_days_gives_a_falling_age_curve():
    model = fit(history_by_age(lambda age: 0.30 * np.exp(-age / 5.0) + 0.01))
    assert effect(model, 10) < effect(model, 1) - 1.0
    assert effect(model, 40) < effect(model, 3) - 1.5


def test_replies_that_do_not_depend_on_age_give_a_flat_age_curve():
    model = fit(history_by_age(lambda age: 0.10))
    curve = [effect(model, d) for d in (1, 3, 7, 14, 30, 60)]
    assert max(curve) - min(curve) < 0.35


def test_without_history_the_age_curve_is_the_articles_slow_decline():
    model = fit([])
    assert effect(model, 0) == 0.0
    assert -0.7 < effect(model, 60) < -0.3
    assert np.all(np.diff(model.age_curve) < 0)


def test_a_model_stored_by_an_older_version_gives_way_to_the_cold_start_priors():
    learned = fit(history_by_age(lambda age: 0.04 if age < 14 else 0.20))
    data = learned.to_dict()
    del data["age_curve"]  # as stored before the age curve
    model = Model.from_dict(data)
    assert np.array_equal(model.age_curve, fit([]).age_curve)
    assert model.n_leads == 0 and Model.from_dict(learned.to_dict()).n_leads == 3000
