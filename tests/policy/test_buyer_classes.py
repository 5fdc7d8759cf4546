"""Buyers' classes in the reply model (classes.py): told apart when the history shows them."""

from __future__ import annotations

import random
from datetime import timedelta

import numpy as np

from fairchase.policy import fit
from fairchase.policy.model import AGE_KNOT_U

from .strategies import NOW


def history(n, reply_chance, seed=5):
    """Finished leads tried 1-8 times at random gaps; `reply_chance(lead_rng, age)` is each
    try's chance for that lead (the lead draws its own kind once)."""
    rng = random.Random(seed)
    leads = []
    for i in range(n):
        created = NOW - timedelta(days=250 + rng.random() * 30)
        kind = (rng.choice([0.0, 14.0, 35.0]), rng.choice([0.1, 0.4]))
        age, attempts, status = rng.uniform(0.05, 3.0), [], "lost"
        for _ in range(rng.randint(1, 8)):
            at = created + timedelta(days=age)
            if rng.random() < reply_chance(kind, age):
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


def come_back(kind, age):
    back, q = kind
    return q * (0.1 if age < back else np.exp(-(age - back) / 10.0))


def test_buyers_who_come_back_on_different_days_are_told_apart():
    model = fit(history(20000, come_back))
    assert len(model.class_level) == 3
    peaks = np.expm1(AGE_KNOT_U[np.argmax(model.class_curve, axis=1)])
    # one class cools from the start, the others peak about two and five weeks in
    assert sorted(peaks)[0] < 1.0
    assert 8.0 < sorted(peaks)[1] < 25.0 and sorted(peaks)[2] > 25.0


def test_a_history_of_one_kind_of_buyer_keeps_one_class():
    model = fit(history(20000, lambda kind, age: 0.2 * (1 + 0.0 * age)))
    assert len(model.class_level) == 1
