"""A complaint is priced one way wherever the core weighs one: the look-ahead's table, an
engaged lead's next contact and a revisit all read complaint_risk (the cautious estimate), on
the complaint model's own count of tries so far (0 to 14)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np

from fairchase.policy import fit
from fairchase.policy.glm import sigmoid
from fairchase.policy.lookahead import (
    REVISIT_AS_TRY,
    TRIES_CAP,
    Leads,
    engaged_value,
    revisit_cost,
    revisit_prize,
    risk_table,
)
from fairchase.policy.priors import late_shape
from fairchase.policy.settings import Settings

from .strategies import NOW
from .worlds import world

CHANNELS = np.arange(4)


def touchy_model():
    return fit(world({"web_form": [0.1] * 8}, {"web_form": 600}, p_opt=0.03))


def logit(p):
    p = np.asarray(p, dtype=float)
    return np.log(p / (1 - p))


def referral(model, tries=0, k=0, value=2000.0, created=0.0):
    """One lead of the model's first source, without signals, as the economics read it."""
    one = np.zeros(1, dtype=np.int64)
    return Leads(
        src=one,
        k=one + k,
        tries=np.array([tries]),
        streak=one,
        avail=one + 3,
        value=np.array([value]),
        last_at=np.full(1, np.nan),
        created=np.array([created]),
        recent=np.full((1, 16), np.nan),
        sig_reply=np.zeros(1),
        sig_fade=np.zeros(1),
        win_logit=model.answer_win_logit(one, one),
        owed=np.zeros(1, dtype=bool),
    )


def engaged_risk(model, settings, tries, n7, channel):
    lead = referral(model, tries=tries, k=2)
    res = engaged_value(model, settings, lead, np.array([channel]), np.array([n7]))
    return float(res.risk[0])


def test_an_engaged_contact_costs_the_look_aheads_risk_plus_only_the_engaged_effect():
    model, settings = touchy_model(), Settings.from_any(None)
    table = risk_table(model, CHANNELS)
    for tries, n7, channel in [(0, 0, 0), (3, 1, 0), (7, 2, 1), (TRIES_CAP, 4, 2)]:
        got = logit(engaged_risk(model, settings, tries, n7, channel))
        want = logit(table[0, tries, n7, channel]) + model.c_engaged
        assert abs(got - want) < 2e-3, (tries, n7, channel)


def test_tries_past_the_complaint_models_count_are_priced_at_its_last_count():
    model, settings = touchy_model(), Settings.from_any(None)
    at_cap = engaged_risk(model, settings, TRIES_CAP, 1, 0)
    assert engaged_risk(model, settings, TRIES_CAP + 1, 1, 0) == at_cap
    assert engaged_risk(model, settings, 40, 1, 0) == at_cap
    assert engaged_risk(model, settings, TRIES_CAP - 1, 1, 0) < at_cap


def test_a_revisit_is_annoyance_priced_as_the_look_ahead_prices_an_email():
    model, settings = touchy_model(), Settings.from_any(None)
    table = risk_table(model, CHANNELS)
    src = np.zeros(3, dtype=np.int64)
    tries = np.array([2, 9, 30])
    cheapest = min(settings.try_cost()[:2])
    risk = (revisit_cost(model, settings, src, tries) - cheapest) / settings.complaint_cost
    assert np.allclose(risk, table[0, [2, 9, TRIES_CAP], 0, 1], rtol=1e-4)


def test_a_revisit_answer_wins_less_like_any_late_answer_of_a_third_try():
    model, settings = touchy_model(), Settings.from_any(None)
    lead, when = referral(model, value=5000.0), np.array([200 * 86400.0])
    flat = dataclasses.replace(model, win_late=0.0)
    steep = dataclasses.replace(model, win_late=-0.5)
    ratio = revisit_prize(steep, settings, lead, when) / revisit_prize(flat, settings, lead, when)
    w = lead.win_logit
    third = late_shape(REVISIT_AS_TRY - 1)  # how far a 3rd try's answer is into the lesser win
    assert np.allclose(ratio, sigmoid(w - 0.5 * third) / sigmoid(w))
    assert ratio[0] < 0.75


def _small_history(extra_quiet_leads: int):
    """6 referrals, 3 of them opted out after their 2nd, 3rd and 4th calls; then quiet ones."""

    def lead(i, outcomes, status):
        created = NOW - timedelta(days=20 + i)
        tries = [
            {"at": created + timedelta(hours=1, days=3 * j), "channel": "call", "outcome": o}
            for j, o in enumerate(outcomes)
        ]
        return {
            "id": f"h{i}",
            "source": "referral",
            "value": 1500.0,
            "created_at": created,
            "attempts": tries,
            "status": status,
        }

    quiet = [lead(6 + i, ["no_answer", "talked"], "lost") for i in range(extra_quiet_leads)]
    return [
        lead(0, ["no_answer", "no_answer", "opted_out"], "opted_out"),
        lead(1, ["no_answer", "opted_out"], "opted_out"),
        lead(2, ["no_answer", "no_answer", "no_answer", "opted_out"], "opted_out"),
        lead(3, ["no_answer", "talked"], "won"),
        lead(4, ["no_answer"] * 3, "lost"),
        lead(5, ["talked"], "lost"),
        *quiet,
    ]


def test_a_few_opt_outs_raise_the_complaint_price_and_one_quiet_lead_more_barely_moves_it():
    def fourth_email(model):  # a referral's 4th try, by email, none that week
        return risk_table(model, CHANNELS)[model.sources.index("referral"), 3, 0, 1]

    cold, r6, r7 = (fourth_email(fit(h)) for h in ([], _small_history(0), _small_history(1)))
    assert r6 > 5 * cold  # learned: 3 opt-outs in 13 tries is far above the prior
    assert abs(r7 / r6 - 1) < 0.1  # but not a price that swings with each lead
