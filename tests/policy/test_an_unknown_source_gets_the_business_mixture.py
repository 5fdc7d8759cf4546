"""A lead from a source the history never saw, and Insights' "All sources" row, get the
business's mixture: at each try the average of the sources' chances over the leads still
silent by then (eval26 finding 11). A mean of log-odds let a source that never answers drag
them to half the business's plain reply rate, with a band that excluded it."""

from __future__ import annotations

from datetime import timedelta

from fairchase.insights.learned import reply_curve
from fairchase.policy import fit, plan

from .strategies import NOW
from .worlds import world

# every lead is tried six times: referrals answer 30% a try, web forms 10%, bought lists never
CURVES = {
    "referral": [0.30] * 6,
    "web_form": [0.10] * 6,
    "purchased_list": [0.0] * 6,
}
LEADS = {"referral": 900, "web_form": 1500, "purchased_list": 600}


def _history():
    return world(CURVES, LEADS, seed=3)


def _plain_shares(history):
    """The share who answered each try among those tried, tries 1-6."""
    tried, answered = [0] * 6, [0] * 6
    for lead in history:
        for k, attempt in enumerate(lead["attempts"]):
            tried[k] += 1
            answered[k] += attempt["outcome"] == "talked"
    return [a / t for a, t in zip(answered, tried, strict=True)]


def test_all_sources_agrees_with_its_plain_share_and_its_band_holds_it():
    history = _history()
    model = fit(history)
    rows = reply_curve(model, model.pooled)
    for row, share in zip(rows, _plain_shares(history), strict=False):
        assert row["lo"] <= share <= row["hi"], (row, share)
        assert abs(row["p"] - share) < 0.02, (row, share)


def test_a_lead_from_a_new_source_is_valued_at_the_business_typical_rate():
    history = _history()
    model = fit(history)
    lead = {
        "id": "trade-show",
        "source": "trade_show",
        "value": 1e6,
        "created_at": NOW - timedelta(days=9),
        "status": "open",
        "channels": ["call"],
        "attempts": [
            {"at": NOW - timedelta(days=9 - 3 * k), "channel": "call", "outcome": "no_answer"}
            for k in range(2)
        ],
    }
    stated = plan(model, [lead], NOW)[0]["p_reply"]
    third_try = _plain_shares(history)[2]  # about 11%; the mean of log-odds said under 7%
    assert abs(stated - third_try) < 0.025, (stated, third_try)
