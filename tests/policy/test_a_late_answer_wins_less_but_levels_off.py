"""The lesser win of a late answer levels off where the reply curve does.

Late answers win less because the keen buyers answer early and leave: the selection that bends
the reply curve. Among the leads still silent after a few tries the buyers left are alike, so
an answer at the 10th try wins about as often as one at the 5th. A straight line in the try
number carried the early fall on (a 10th try's win at a fraction of the first's), and the
chase of a valuable lead stopped early (issue 11: the "ready now / never" worlds)."""

from __future__ import annotations

import math
import random
from datetime import timedelta

from fairchase.policy import fit

from .strategies import NOW

READY, WARM = (0.7, 0.6), (0.08, 0.3)  # (reply chance per try, P(win | answer))


def _history(n=1500, seed=3):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        reply, win = READY if rng.random() < 0.3 else WARM
        created = NOW - timedelta(days=200 + rng.random() * 30)
        attempts, status = [], "lost"
        for k in range(8):
            at = created + timedelta(minutes=20) + timedelta(days=3 * k)
            if rng.random() < reply:
                attempts.append({"at": at, "channel": "call", "outcome": "talked", "minutes": 9})
                status = "won" if rng.random() < win else "lost"
                break
            attempts.append({"at": at, "channel": "call", "outcome": "no_answer", "minutes": 2})
        out.append(
            {
                "id": f"w{i}",
                "source": "web_form",
                "value": 1000.0,
                "created_at": created,
                "signals": [],
                "consents": [],
                "attempts": attempts,
                "status": status,
            }
        )
    return out


def _logit(p):
    return math.log(p / (1 - p))


def test_the_win_of_a_late_answer_stops_falling_where_the_buyers_left_are_alike():
    model = fit(_history())
    level = model.win_logit[model.sources.index("web_form")]
    win = {k: float(model.win_chance(level, k)) for k in (1, 2, 4, 10)}
    assert win[1] > win[2] > win[4]  # the keen answer first and buy more
    # from the 4th try on the leads left are the warm ones: the fall is nearly over
    assert _logit(win[4]) - _logit(win[10]) < _logit(win[1]) - _logit(win[2])
    # and a 10th try's answer still wins about as often as the warm buyers do (30%)
    assert win[10] > 0.2
