"""What a lead is worth: deal values by source, and how engaged leads end."""

from __future__ import annotations

import numpy as np

from . import priors as P
from .glm import sigmoid

KAPPA_ENGAGED = 5.0


def fit_values(model, leads, src_of, S):
    by_src = [[] for _ in range(S + 1)]
    for lead in leads:
        if lead["value"] is not None and lead["value"] > 0:
            by_src[src_of[lead["source"]]].append(lead["value"])
    every = [v for vals in by_src for v in vals]
    pooled = float(np.median(every)) if every else P.DEFAULT_VALUE
    med = np.full(S + 1, pooled)
    n = np.zeros(S + 1)
    for s, vals in enumerate(by_src[:S]):
        if vals:
            n[s] = len(vals)
            # a source with few values leans on the pooled median (log scale)
            w = len(vals) / (len(vals) + 5.0)
            med[s] = float(np.exp(w * np.log(np.median(vals)) + (1 - w) * np.log(pooled)))
    n[S] = len(every)
    model.value_median, model.value_n = med, n
    # expected value (the mean, not the median) is what a lead of unknown value is worth
    pooled_mean = float(np.mean(every)) if every else P.DEFAULT_VALUE
    mean = np.full(S + 1, pooled_mean)
    for s, vals in enumerate(by_src[:S]):
        if vals:
            w = len(vals) / (len(vals) + 5.0)
            mean[s] = w * float(np.mean(vals)) + (1 - w) * pooled_mean
    model.value_mean = mean


def fit_engaged(model, rows):
    J = P.ENGAGED_J
    eng = rows["eng"]
    prior_ratio = P.ENGAGED_DECAY ** np.arange(J)
    if len(eng) == 0:
        model.engaged_ratio = prior_ratio
        model.engaged_remaining = np.full(J, P.ENGAGED_REMAINING)
        model.engaged_n = np.zeros(J)
        return
    win = rows["win"]
    # expected wins at each state if every engaged contact kept the lead's P(win | reply)
    p_lead = np.zeros(int(rows["lead_src"].shape[0]))
    s, mask, kr = win[:, 1], win[:, 2], win[:, 3]
    logit_w = model.win_logit[s] + model.mask_effect(mask, model.sig_win) + model.win_late * kr
    p_lead[win[:, 0]] = sigmoid(logit_w)
    j = eng[:, 1]
    n_j = np.bincount(j, minlength=J).astype(float)
    won_j = np.bincount(j, weights=eng[:, 3], minlength=J)
    exp_j = np.bincount(j, weights=p_lead[eng[:, 0]], minlength=J)
    rem_j = np.bincount(j, weights=eng[:, 2], minlength=J)
    typical = float(p_lead[eng[:, 0]].mean()) or 0.3
    prior_w = KAPPA_ENGAGED * typical  # KAPPA_ENGAGED pseudo-leads, in expected-win units
    model.engaged_ratio = (won_j + prior_w * prior_ratio) / (exp_j + prior_w)
    model.engaged_remaining = (rem_j + 3.0 * P.ENGAGED_REMAINING) / (n_j + 3.0)
    model.engaged_n = n_j
