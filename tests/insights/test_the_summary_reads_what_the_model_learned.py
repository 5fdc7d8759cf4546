"""What Insights shows of the model (`learned.summary`): plain JSON read from the fitted Model,
with 90% bands that hold the truth of a known world. (Moved from tests/policy: the summary is
a reading of the model for these screens, not a decision of the core.)"""

from __future__ import annotations

import json

from fairchase.insights.learned import summary
from fairchase.policy import Model, fit
from tests.policy.worlds import TRUE_CURVES, world


def test_the_summary_is_json_and_has_the_insights_fields():
    model = fit([])
    learned = summary(model)
    json.dumps(learned)
    web = learned["sources"]["web_form"]
    assert web["basis"] == "a starting guess: no history yet" and len(web["reply_curve"]) == 10
    row = web["reply_curve"][0]
    assert {"k", "p", "lo", "hi", "tried", "replied"} <= set(row) and row["lo"] < row["p"] < row[
        "hi"
    ]
    assert {"p", "lo", "hi"} <= set(web["p_win_given_reply"]) and web["median_value"] > 0
    price = learned["signals"]["asked_price"]
    assert price["reply_odds"]["ratio"] > 1 and price["win_odds"]["ratio"] > 1
    assert learned["signals"]["vague"]["reply_odds"]["ratio"] < 1
    risks = [r["p"] for r in learned["complaint_by_attempt"]]
    assert risks == sorted(risks) and 0 < risks[0] < 0.05


def test_the_summarys_reply_curves_hold_a_known_worlds_truth_within_their_bands():
    learned = summary(fit(world(TRUE_CURVES, {"web_form": 3000, "referral": 1500})))
    inside = total = 0
    for source, curve in TRUE_CURVES.items():
        rows = learned["sources"][source]["reply_curve"]
        for row, truth in zip(rows, curve, strict=False):
            assert row["lo"] <= row["p"] <= row["hi"]
            if row["tried"] >= 100:
                total += 1
                inside += row["lo"] <= truth <= row["hi"]
                assert abs(row["p"] - truth) < 0.05, (source, row, truth)
    assert total >= 12 and inside / total >= 0.75, (inside, total)
    win = learned["sources"]["web_form"]["p_win_given_reply"]
    assert win["lo"] <= 0.3 <= win["hi"]


def test_the_summary_of_a_stored_model_is_the_summary_of_the_fitted_one():
    model = fit(world(TRUE_CURVES, {"web_form": 300, "referral": 200}))
    again = Model.from_dict(json.loads(json.dumps(model.to_dict())))
    assert json.dumps(summary(again)) == json.dumps(summary(model))


def test_the_summary_of_a_model_fitted_on_junk_is_json():
    history = [
        None,
        3,
        "x",
        {"attempts": "nope"},
        {"id": 1, "status": "won", "attempts": [None]},
        {"source": ["list"], "signals": [1, None], "attempts": [{"at": "garbage"}]},
    ]
    json.dumps(summary(fit(history)))


def test_all_sources_is_the_share_who_answered_when_one_source_never_answers():
    """eval26 finding 11: with bought lists that never answer, 'All sources' read 7.1% (likely
    range 6.0%-8.3%) where 14.5% of first tries were answered: a mean of log-odds, not the
    mixture of the sources' chances."""
    curves = {"referral": [0.30] * 6, "web_form": [0.10] * 6, "purchased_list": [0.0] * 6}
    history = world(curves, {"referral": 900, "web_form": 1500, "purchased_list": 600}, seed=5)
    first = [lead["attempts"][0]["outcome"] == "talked" for lead in history]
    share = sum(first) / len(first)
    row = summary(fit(history))["sources"]["all"]["reply_curve"][0]
    assert row["tried"] == len(history)
    assert row["lo"] <= share <= row["hi"] and abs(row["p"] - share) < 0.02, (row, share)
