"""What the model learned, read for the Insights screens: a JSON-serialisable summary.

A reading of the fitted `Model`'s fields (probabilities and odds ratios with their 90% bands,
the counts behind them; the complaint risk asked of the core's own `complaint_risk`), not a
decision: plan() and fit() never call it, so it lives here and
not in the decision core. No Django: the bench's same_decisions dumps it too.
"""

from __future__ import annotations

import numpy as np

from fairchase.policy import Model
from fairchase.policy.glm import sigmoid
from fairchase.policy.lookahead import complaint_risk
from fairchase.policy.priors import CHANNELS, K
from fairchase.policy.reasons import learned_from

Z90 = 1.6448536269514722  # two-sided 90% band
# The channel Insights' complaint chart is drawn for: the one the worker sends on and a
# revisit is priced as (lookahead.revisit_cost).
COMPLAINT_CHANNEL = "email"


def summary(model: Model) -> dict:
    """A JSON-serialisable picture of what was learned, for the Insights page."""
    return {
        "n_leads": int(model.n_leads),
        "basis": learned_from(int(model.n_leads)),
        "sources": {model.source_label(s): _source(model, s) for s in range(model.pooled + 1)},
        "signals": {name: _signal(model, g) for g, name in enumerate(model.signals)},
        "complaint_by_attempt": [_complaint(model, k) for k in range(K)],
    }


def reply_curve(model: Model, s: int) -> list[dict]:
    """Source `s`'s chance of an answer at each try (at the spacing actually used), with its
    band and the silent tries and answers it was learned from."""
    mid, sd = model.curve_logit[s], model.curve_sd[s]
    return [
        {
            "k": k + 1,
            **_chance(mid[k], sd[k]),
            "tried": int(model.tried[s, k]),
            "replied": int(model.replied[s, k]),
        }
        for k in range(K)
    ]


def _source(model: Model, s: int) -> dict:
    return {
        "n_leads": int(model.source_leads[s]),
        "basis": model.evidence(s),
        "reply_curve": reply_curve(model, s),
        "p_win_given_reply": {
            **_chance(model.win_logit[s], model.win_sd[s]),
            "responders": int(model.win_responders[s]),
            "won": int(model.win_won[s]),
        },
        "median_value": float(model.value_median[s]),
    }


def _signal(model: Model, g: int) -> dict:
    return {
        "n_leads": int(model.signal_leads[g]),
        "reply_odds": _band(np.exp, "ratio", model.sig_reply[g], model.sig_reply_sd[g]),
        "win_odds": _band(np.exp, "ratio", model.sig_win[g], model.sig_win_sd[g]),
    }


def _complaint(model: Model, k: int) -> dict:
    """The learned chance that try `k + 1` (an email, to a lead of any source) ends in an
    opt-out, spaced out and after two others that week: the core's own complaint_risk at its
    expected value, so the chart follows any change to the formula. The counts are of tries on
    every channel, as the model learned from them."""
    channel = CHANNELS.index(COMPLAINT_CHANNEL)
    spaced, crowded = (
        float(complaint_risk(model, model.pooled, k, recent, channel, caution=0.0))
        for recent in (0, 2)
    )
    return {
        "k": k + 1,
        "channel": COMPLAINT_CHANNEL,
        "p": spaced,
        "p_after_2_this_week": crowded,
        "tried": int(model.c_tried[k]),
        "opted_out": int(model.c_events[k]),
    }


def _chance(logit, sd) -> dict:
    """A probability with its 90% band, from its log-odds and their posterior sd."""
    return _band(sigmoid, "p", logit, sd)


def _band(scale, name: str, mid, sd) -> dict:
    """`scale` (e.g. sigmoid: a probability) of a log-odds `mid`, as `name`, with its 90% band."""
    return {
        name: float(scale(mid)),
        "lo": float(scale(mid - Z90 * sd)),
        "hi": float(scale(mid + Z90 * sd)),
    }
