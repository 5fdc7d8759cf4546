"""fit learns from history: it recovers a known world, and data outweighs the priors."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import numpy as np

from fairchase.policy import Model, fit, plan, stop_attempt

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


def test_fit_recovers_the_reply_curve_of_a_known_world_within_its_band():
    model = fit(world(TRUE_CURVES, {"web_form": 3000, "referral": 1500}))
    summary = model.summary()
    inside = total = 0
    for source, curve in TRUE_CURVES.items():
        rows = summary["sources"][source]["reply_curve"]
        for row, truth in zip(rows, curve, strict=False):
            assert row["lo"] <= row["p"] <= row["hi"]
            if row["tried"] >= 100:
                total += 1
                inside += row["lo"] <= truth <= row["hi"]
                assert abs(row["p"] - truth) < 0.05, (source, row, truth)
    assert total >= 12 and inside / total >= 0.75, (inside, total)
    win = summary["sources"]["web_form"]["p_win_given_reply"]
    assert win["lo"] <= 0.3 <= win["hi"]


def test_an_unknown_source_gets_the_pooled_curve():
    model = fit(world(TRUE_CURVES, {"web_form": 1000, "referral": 1000}))
    pooled = model.summary()["sources"]["all"]["reply_curve"][0]["p"]
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
    effect = model.summary()["signals"]["asked_price"]
    assert effect["reply_odds"]["lo"] <= 3.0 <= effect["reply_odds"]["hi"] * 1.1
    assert effect["reply_odds"]["ratio"] > 2.0


def test_complaint_risk_is_learned_from_opt_outs():
    calm = fit(world({"web_form": [0.1] * 6}, {"web_form": 2000}))
    touchy = fit(world({"web_form": [0.1] * 6}, {"web_form": 2000}, p_opt=0.05))
    p_calm = calm.summary()["complaint_by_attempt"][2]["p"]
    p_touchy = touchy.summary()["complaint_by_attempt"][2]["p"]
    assert p_touchy > 3 * p_calm and 0.02 < p_touchy < 0.09


def test_the_model_survives_a_json_round_trip():
    model = fit(world(TRUE_CURVES, {"web_form": 300, "referral": 200}))
    text = json.dumps(model.to_dict())
    again = Model.from_dict(json.loads(text))
    assert again.n_leads == model.n_leads == 500
    assert json.dumps(again.summary()) == json.dumps(model.summary())
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
    json.dumps(model.summary())


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
    only = fit(finished).summary()["sources"]["web_form"]
    both = fit(finished + unfinished).summary()["sources"]["web_form"]
    for k in range(3):
        truth = curve["web_form"][k]
        p_only, p_both = only["reply_curve"][k]["p"], both["reply_curve"][k]["p"]
        assert p_only > truth + 0.02, (k, p_only, truth)  # the bias this guards against
        assert abs(p_both - truth) < 0.02, (k, p_both, truth)
    # an unfinished lead has no outcome yet: win rates come from finished leads only
    assert both["p_win_given_reply"] == only["p_win_given_reply"]
