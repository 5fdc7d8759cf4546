"""fit learns from history: it recovers a known world, and data outweighs the priors. The
fitted numbers are read from the Model's fields (tests/insights reads them as Insights does)."""

from __future__ import annotations

import dataclasses
import json
import random

import numpy as np

from fairchase.policy import Model, fit, plan, stop_attempt
from fairchase.policy.glm import sigmoid

from .strategies import NOW
from .worlds import TRUE_CURVES, world

Z90 = 1.645  # a two-sided 90% band, in posterior sds


def test_fit_recovers_the_reply_curve_of_a_known_world_within_its_band():
    model = fit(world(TRUE_CURVES, {"web_form": 3000, "referral": 1500}))
    inside = total = 0
    for source, curve in TRUE_CURVES.items():
        s = model.sources.index(source)
        for k, truth in enumerate(curve):
            mid, sd = model.curve_logit[s, k], model.curve_sd[s, k]
            assert sd > 0
            if model.tried[s, k] >= 100:
                total += 1
                inside += sigmoid(mid - Z90 * sd) <= truth <= sigmoid(mid + Z90 * sd)
                assert abs(sigmoid(mid) - truth) < 0.05, (source, k, truth)
    assert total >= 12 and inside / total >= 0.75, (inside, total)
    web = model.sources.index("web_form")
    mid, sd = model.win_logit[web], model.win_sd[web]
    assert sigmoid(mid - Z90 * sd) <= 0.3 <= sigmoid(mid + Z90 * sd)


def test_an_unknown_source_gets_the_pooled_curve():
    model = fit(world(TRUE_CURVES, {"web_form": 1000, "referral": 1000}))
    pooled = sigmoid(model.curve_logit[model.pooled, 0])  # its first try
    assert 0.30 < pooled < 0.45
    decision = plan(
        model,
        [
            {
                "id": "x",
                "source": "billboard",
                "value": 1000,
                "created_at": NOW,
                "attempts": [],
                "status": "open",
            }
        ],
        NOW,
    )[0]
    assert abs(decision["p_reply"] - pooled) < 0.02


def test_data_outweighs_the_priors_when_web_form_leads_keep_answering_late():
    late = {"web_form": [0.10] * 10}
    assert stop_attempt(fit([]), "web_form", 1000) <= 4
    model = fit(world(late, {"web_form": 3000}, gap_days=7, p_win=0.3))
    stop = stop_attempt(model, "web_form", 1000)
    assert stop is None or stop >= 8


def test_a_tiny_history_barely_moves_the_priors():
    model = fit(world({"web_form": [0.10] * 10}, {"web_form": 5}))
    assert stop_attempt(model, "web_form", 1000) <= 5


def test_signal_effects_are_learned_with_a_band():
    model = fit(world({"web_form": [0.2] * 6}, {"web_form": 4000}, signal_boost=3.0))
    g = model.signals.index("asked_price")
    mid, sd = model.sig_reply[g], model.sig_reply_sd[g]  # log odds ratio
    assert np.exp(mid - Z90 * sd) <= 3.0 <= np.exp(mid + Z90 * sd) * 1.1
    assert np.exp(mid) > 2.0


def pooled_complaint_risk(model, k):
    """The chance that try `k` of a lead of any source, the first try that week, opts it out."""
    return sigmoid(model.c_base + model.c_attempt * (k - 1) + model.c_source[model.pooled])


def test_complaint_risk_is_learned_from_opt_outs():
    calm = fit(world({"web_form": [0.1] * 6}, {"web_form": 2000}))
    touchy = fit(world({"web_form": [0.1] * 6}, {"web_form": 2000}, p_opt=0.05))
    p_calm, p_touchy = (pooled_complaint_risk(m, k=3) for m in (calm, touchy))
    assert p_touchy > 3 * p_calm and 0.02 < p_touchy < 0.09


def test_the_model_survives_a_json_round_trip():
    model = fit(world(TRUE_CURVES, {"web_form": 300, "referral": 200}))
    text = json.dumps(model.to_dict())
    again = Model.from_dict(json.loads(text))
    assert again.n_leads == model.n_leads == 500
    for f in dataclasses.fields(Model):
        assert np.array_equal(getattr(again, f.name), getattr(model, f.name)), f.name
    leads = world(TRUE_CURVES, {"web_form": 20, "referral": 20}, seed=9)
    for lead in leads:
        lead["status"] = "open"
        lead["attempts"] = [a for a in lead["attempts"] if a["outcome"] == "no_answer"]
    assert plan(again, leads, NOW) == plan(model, leads, NOW)
    assert plan(model.to_dict(), leads, NOW) == plan(model, leads, NOW)


def test_fit_accepts_junk_records_without_raising():
    history = [
        None,
        3,
        "x",
        {"attempts": "nope"},
        {"id": 1, "status": "won", "attempts": [None]},
        {"source": ["list"], "signals": [1, None], "attempts": [{"at": "garbage"}]},
    ]
    model = fit(history)
    assert np.isfinite(model.reply_logit).all()
    json.dumps(model.to_dict())


def test_tries_of_unfinished_leads_count_and_remove_the_quick_finish_bias():
    """A book seen mid-chase: each lead has had its first c tries so far. Finished leads alone
    over-represent quick answers; their tries plus the unfinished leads' tries do not."""
    curve = {"web_form": [0.20, 0.12, 0.08, 0.06, 0.05, 0.04, 0.03, 0.03]}
    rng = random.Random(3)
    finished, unfinished = [], []
    for lead in world(curve, {"web_form": 4000}, seed=11):
        c = rng.randint(1, 8)  # tries made by the time we look
        if len(lead["attempts"]) <= c:
            finished.append(lead)
        else:
            tries = lead["attempts"][:c]
            replied = any(a["outcome"] == "talked" for a in tries)
            unfinished.append(
                {**lead, "attempts": tries, "status": "engaged" if replied else "open"}
            )
    only, both = fit(finished), fit(finished + unfinished)
    s = only.sources.index("web_form")
    assert both.sources.index("web_form") == s
    for k in range(3):
        truth = curve["web_form"][k]
        p_only, p_both = sigmoid(only.curve_logit[s, k]), sigmoid(both.curve_logit[s, k])
        assert p_only > truth + 0.02, (k, p_only, truth)  # the bias this guards against
        assert abs(p_both - truth) < 0.02, (k, p_both, truth)
    # an unfinished lead has no outcome yet: win rates come from finished leads only
    for name in ("win_logit", "win_sd", "win_responders", "win_won"):
        assert getattr(both, name)[s] == getattr(only, name)[s], name
