"""What a lead is worth: deal values by source, and how engaged leads end."""

from __future__ import annotations

import numpy as np

from . import priors as P

KAPPA_ENGAGED = 5.0


def fit_values(model, value, lead_src, S):
    """Deal values by source: the median for Insights, the mean for leads of unknown value
    (what a lead is worth in expectation); a source with few values leans on the pooled one."""
    known = value > 0  # NaN (unknown) is not
    every = value[known]
    pooled = float(np.median(every)) if len(every) else P.DEFAULT_VALUE
    pooled_mean = float(np.mean(every)) if len(every) else P.DEFAULT_VALUE
    med, mean = np.full(S + 1, pooled), np.full(S + 1, pooled_mean)
    for s in range(S):
        vals = value[known & (lead_src == s)]
        if len(vals):
            w = len(vals) / (len(vals) + 5.0)
            med[s] = float(np.exp(w * np.log(np.median(vals)) + (1 - w) * np.log(pooled)))
            mean[s] = w * float(np.mean(vals)) + (1 - w) * pooled_mean
    model.value_median, model.value_mean = med, mean


def fit_engaged(model, rows):
    """How engaged leads end, by contacts in a row without progress (the streak j): the wins
    against those expected if each contact kept the lead's P(win | reply), shrunk toward the
    articles' decay, and how many contacts a conversation still takes."""
    J = P.ENGAGED_J
    prior_ratio = P.ENGAGED_DECAY ** np.arange(J)
    contacts, answers = rows.contacts, rows.answers
    if len(contacts) == 0:
        model.engaged_ratio = prior_ratio
        model.engaged_remaining = np.full(J, P.ENGAGED_REMAINING)
        model.engaged_n = np.zeros(J)
        return
    logit = model.answer_win_logit(answers.source, answers.signals)
    p_lead = np.zeros(rows.n_leads)
    p_lead[answers.lead] = model.win_chance(logit, answers.k + 1)
    j = contacts.streak
    n_j = np.bincount(j, minlength=J).astype(float)
    won_j = np.bincount(j, weights=contacts.won, minlength=J)
    exp_j = np.bincount(j, weights=p_lead[contacts.lead], minlength=J)
    left_j = np.bincount(j, weights=contacts.left, minlength=J)
    typical = float(p_lead[contacts.lead].mean()) or 0.3
    prior_w = KAPPA_ENGAGED * typical  # KAPPA_ENGAGED pseudo-leads, in expected-win units
    model.engaged_ratio = (won_j + prior_w * prior_ratio) / (exp_j + prior_w)
    model.engaged_remaining = (left_j + 3.0 * P.ENGAGED_REMAINING) / (n_j + 3.0)
    model.engaged_n = n_j
