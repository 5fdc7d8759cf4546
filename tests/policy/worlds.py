"""Finished leads drawn from a known world, for tests of what fit learns (and what Insights
shows of it)."""

from __future__ import annotations

import random
from datetime import timedelta

from .strategies import NOW

TRUE_CURVES = {
    "web_form": [0.30, 0.15, 0.10, 0.06, 0.05, 0.04, 0.03, 0.03],
    "referral": [0.45, 0.30, 0.20, 0.15, 0.10, 0.08, 0.06, 0.05],
}


def world(curves, n_per_source, seed=7, gap_days=3.0, p_win=0.3, p_opt=0.0, signal_boost=None):
    """Finished leads drawn from known per-attempt reply rates (all calls, even spacing)."""
    rng = random.Random(seed)
    history = []
    for source, curve in curves.items():
        for i in range(n_per_source[source]):
            created = NOW - timedelta(days=200 + rng.random() * 30)
            signals = []
            boost = 1.0
            if signal_boost and rng.random() < 0.5:
                signals, boost = ["asked_price"], signal_boost
            attempts, status = [], "lost"
            for k, p in enumerate(curve):
                at = created + timedelta(minutes=20) + timedelta(days=gap_days * k)
                odds = p / (1 - p) * boost
                if rng.random() < p_opt:
                    attempts.append(
                        {"at": at, "channel": "call", "outcome": "opted_out", "minutes": 1}
                    )
                    status = "opted_out"
                    break
                if rng.random() < odds / (1 + odds):
                    attempts.append(
                        {"at": at, "channel": "call", "outcome": "talked", "minutes": 9}
                    )
                    status = "won" if rng.random() < p_win else "lost"
                    break
                attempts.append({"at": at, "channel": "call", "outcome": "no_answer", "minutes": 2})
            history.append(
                {
                    "id": f"{source}-{i}",
                    "source": source,
                    "value": 1000.0,
                    "created_at": created,
                    "timezone": None,
                    "signals": signals,
                    "consents": [],
                    "attempts": attempts,
                    "status": status,
                }
            )
    return history
