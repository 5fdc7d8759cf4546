"""The response mechanisms differ in shape, and the oracle's beliefs match the world's draws."""

import numpy as np
import pytest

from fairchase.sim.mechanisms import KINDS, draw_mechanism
from fairchase.sim.oracle import Oracle, true_reply_curve
from fairchase.sim.timing import DAY
from fairchase.sim.worlds import TUNING_SEEDS, draw_world


def _world(kind, n=0):
    return draw_world([s for s in TUNING_SEEDS if draw_world(s).kind == kind][n])


def _mean_curve(kind, attempts=12, gap=3.0):
    """The population reply rate by attempt, averaged over a few worlds of one mechanism."""
    curves = []
    for n in range(3):
        w = _world(kind, n)
        curves += [np.array(true_reply_curve(w, s.name, attempts, gap_days=gap)) for s in w.sources]
    return np.mean([c / c.max() for c in curves], axis=0)


def test_each_mechanism_is_drawn_with_a_prior_per_source():
    rng = np.random.default_rng(0)
    for kind in KINDS:
        m = draw_mechanism(kind, rng, 3)
        assert m.prior.shape == (3, m.G) and np.allclose(m.prior.sum(axis=1), 1)
        p = m.reply(np.arange(1, 6)[:, None], 0, 2.0)
        assert p.shape == (5, m.G) and (p >= 0).all() and (p <= 1).all()


def _curves(kind, worlds=3, attempts=14):
    for n in range(worlds):
        w = _world(kind, n)
        for s in w.sources:
            yield np.array(true_reply_curve(w, s.name, attempts, gap_days=3.0))


def test_in_a_come_back_world_replies_rise_again_after_weeks_where_the_others_only_fall():
    for c in _curves("come_back"):
        assert (c[1:] > 1.15 * c[:-1]).any(), c  # buyers coming back lift the rate
    for kind in ("logistic", "beta_decay"):
        for c in _curves(kind):
            assert (c[1:] <= c[:-1] + 1e-12).all(), (kind, c)


def test_ready_or_never_leads_answer_at_once_or_hardly_ever():
    ready = _mean_curve("ready_never")
    logistic = _mean_curve("logistic")
    # the first try takes the ready ones; what is left answers far less, and flat
    assert ready[1] < 0.6 * ready[0]
    assert ready[1] / ready[0] < logistic[1] / logistic[0]


def test_the_oracle_posterior_matches_monte_carlo_from_the_world():
    world = _world("beta_decay")
    src = 0
    curve = true_reply_curve(world, world.sources[src].name, 6, gap_days=3.0)
    rng = np.random.default_rng(0)
    typ = rng.choice(world.mechanism.G, size=200_000, p=world.mechanism.prior[src])
    alive = np.ones(len(typ), bool)
    age = 0.05
    for j in range(1, 7):
        p = world.reply_prob(j, 0, age, None if j == 1 else 3.0)[typ]
        hit = rng.random(len(typ)) < p
        assert abs(hit[alive].mean() - curve[j - 1]) < 0.01, j
        alive &= ~hit
        age += 3.0


def test_silence_lowers_the_oracles_belief_in_a_keen_lead():
    world = _world("logistic")
    oracle = Oracle(world)
    now = world.start() + 30 * DAY
    lead = {
        "id": "x",
        "source": world.sources[0].name,
        "created_at": now - 20 * DAY,
        "signals": [],
        "attempts": [],
    }
    before = oracle.belief(lead, 0) @ world.mechanism.score
    lead["attempts"] = [
        {"at": now - (15 - 3 * i) * DAY, "channel": "call", "outcome": "no_answer"}
        for i in range(5)
    ]
    after = Oracle(world).belief(lead, 0) @ world.mechanism.score
    assert after < before


@pytest.mark.parametrize("kind", KINDS)
def test_the_oracle_chases_a_valuable_lead_and_stops_a_hopeless_one(kind):
    world = _world(kind)
    oracle = Oracle(world)
    now = world.start() + 10 * DAY
    base = {
        "created_at": now - 0.2 * DAY,
        "timezone": world.timezones[0],
        "consents": [],
        "channels": ["call", "email"],
        "status": "open",
        "attempts": [],
        "source": world.sources[0].name,
    }
    good = {**base, "id": "good", "value": 1e6, "signals": ["asked_price", "stated_need"]}
    bad = {**base, "id": "bad", "value": 1.0, "signals": ["vague"]}
    acts = {d["id"]: d["action"] for d in oracle.plan([good, bad], now)}
    assert acts["good"] in ("contact", "wait") and acts["bad"] == "stop"
    assert acts["good"] == "contact" or kind == "come_back"
