"""Buyers differ: a few latent classes of leads, each with its own reply curve over the lead's age.

Why: in a history where buyers come back after weeks, a fresh lead's reply chance is flat in its
age (each buyer returns on a different day), while the silent pool's rises (the early returners
answered and left). One additive age curve learns the pool's rise and applies it to every lead.
With classes, a lead's chance at try k and age a is

    h(k, a) = sum_c w_c * sigmoid(eta_k + level_c + curve_c(a)),

w_c the lead's posterior over the classes given its silence so far (prior: its source's shares
of the classes), eta_k the rest of the reply model (try number, source, signals, channel,
spacing). The classes are fitted by EM on the silent tries, with eta held at the one-curve
fit's; they are kept only when they explain the history better than one curve by more than
their extra parameters cost (BIC), so a history with one kind of buyer keeps one class.
After silence at known ages the posterior is known in advance, so the look-ahead stays
open-loop: `mixture_effect` carries it from try to try.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from . import priors as P
from .glm import fit_logistic, sigmoid
from .model import AGE_KNOT_U, age_bin_weights, age_u

N_CLASSES = 3
EM_ROUNDS = 30
SOURCE_SHRINK = 30.0  # a source's class shares borrow this many leads' worth of the pooled shares
LEVEL_SD = 1.5  # prior sd of a class's level (log-odds) around the first try's
SLOPE_SD = 0.3  # prior sd of the log-odds lost per try by every class (prior mean 0)
MIN_STEP_SD = 0.4  # a class's curve may bend at least this much from knot to knot
MIN_LEADS = int(os.environ.get("CLS_MIN", "100"))  # fewer silent leads: one class

SPARE_PARAMS = float(os.environ.get("CLS_SPARE", "1000"))  # fewer silent leads than this: one class (the classes would be noise)
# starting classes: (level offset, rise, where on the age axis): keen ones that cool, one that
# warms after a week or two, a slow one that warms after a month or two
_START = ((1.0, -0.5, 1.5), (0.0, 1.5, 2.2), (-1.0, 1.5, 3.5))


@dataclass
class SilentTries:
    """The silent tries of the history, one entry per try (arrays over tries), and their cells."""

    lead: np.ndarray  # index of the lead (0..n_leads-1)
    src: np.ndarray  # the lead's source (per try)
    cell: np.ndarray  # index of the try's cell (tries sharing a cell share eta and age)
    replied: np.ndarray  # 1 if answered
    eta: np.ndarray  # (cells,) the one-curve model's reply log-odds but for the age curve
    free: np.ndarray  # (cells,) the same without the try-number curve (what classes explain)
    k: np.ndarray  # (cells,) try number - 1
    age_bin: np.ndarray  # (cells,) fine age bin
    n_leads: int
    n_sources: int  # S + 1 (the pooled row last)


@dataclass
class BuyerClasses:
    """The classes' fit: shares per source (S + 1, C), levels (C,), age curves (C, AGE_KNOTS),
    the log-odds every class loses per try; or one class (level 0: the one-curve model)."""

    weight: np.ndarray
    level: np.ndarray
    curve: np.ndarray
    slope: float = 0.0
    gain: float = 0.0  # log-likelihood gained over the one-curve model, after the BIC penalty


def fit_classes(tries: SilentTries, one_curve: np.ndarray, first: float) -> BuyerClasses:
    """EM over the classes; one class (the one-curve fit) unless the classes explain the
    history better than it. `first`: the one-curve model's first-try level (the classes' prior)."""
    single = BuyerClasses(np.ones((tries.n_sources, 1)), np.zeros(1), one_curve[None, :])
    if tries.n_leads < MIN_LEADS or len(tries.eta) == 0:
        return single
    knots = age_bin_weights(tries.age_bin)  # (cells, knots)
    fit = BuyerClasses(
        weight=np.full((tries.n_sources, N_CLASSES), 1.0 / N_CLASSES),
        level=np.array([first + lv for lv, _, _ in _START]),
        curve=np.array([one_curve + _bump(rise, at) for _, rise, at in _START]),
    )
    for _ in range(EM_ROUNDS):
        post, _ = _posterior(tries, knots, fit)
        fit.weight = _shares(tries, post)
        _m_step(tries, knots, post, fit, first)
    _, ll_mix = _posterior(tries, knots, fit)
    _, ll_one = _posterior(tries, knots, single)
    fit.gain = ll_mix - ll_one + 0.5 * SPARE_PARAMS * np.log(max(len(tries.lead), 2))
    import os
    if os.environ.get("CLS_DEBUG"):
        print("EM", ll_mix, ll_one, fit.gain, fit.slope, fit.level)
    return fit if fit.gain > 0 else single


def _bump(height: float, centre_u: float) -> np.ndarray:
    """A smooth step of `height` log-odds around `centre_u` on the age axis, 0 at age 0."""
    rise = height * sigmoid((AGE_KNOT_U - centre_u) * 3.0)
    return rise - rise[0]


def _class_logits(tries: SilentTries, knots, fit: BuyerClasses) -> np.ndarray:
    """(cells, C) reply log-odds of each cell under each class."""
    if len(fit.level) == 1:
        return (tries.eta + knots @ fit.curve[0])[:, None]
    base = tries.free + fit.slope * tries.k
    return base[:, None] + fit.level[None, :] + knots @ fit.curve.T


def _posterior(tries: SilentTries, knots, fit: BuyerClasses):
    """Each lead's posterior over the classes (n_leads, C) and the history's log-likelihood."""
    z = _class_logits(tries, knots, fit)
    log_h, log_miss = -np.logaddexp(0.0, -z), -np.logaddexp(0.0, z)
    y = tries.replied[:, None]
    per_try = np.where(y > 0, log_h[tries.cell], log_miss[tries.cell])
    C = len(fit.level)
    ll = np.zeros((tries.n_leads, C))
    for c in range(C):
        ll[:, c] = np.bincount(tries.lead, weights=per_try[:, c], minlength=tries.n_leads)
    src_of_lead = np.zeros(tries.n_leads, dtype=np.int64)
    src_of_lead[tries.lead] = tries.src
    joint = ll + np.log(np.maximum(fit.weight[src_of_lead], 1e-12))
    top = joint.max(axis=1, keepdims=True)
    norm = top[:, 0] + np.log(np.exp(joint - top).sum(axis=1))
    seen = np.bincount(tries.lead, minlength=tries.n_leads) > 0
    return np.exp(joint - norm[:, None]), float(norm[seen].sum())


def _shares(tries: SilentTries, post: np.ndarray) -> np.ndarray:
    """Class shares per source, shrunk toward the pooled shares (the last row)."""
    seen = np.bincount(tries.lead, minlength=tries.n_leads) > 0
    src_of_lead = np.zeros(tries.n_leads, dtype=np.int64)
    src_of_lead[tries.lead] = tries.src
    pooled = post[seen].mean(axis=0)
    out = np.tile(pooled, (tries.n_sources, 1))
    for s in range(tries.n_sources - 1):
        mine = seen & (src_of_lead == s)
        out[s] = (post[mine].sum(axis=0) + SOURCE_SHRINK * pooled) / (mine.sum() + SOURCE_SHRINK)
    return out


def _m_step(tries: SilentTries, knots, post, fit: BuyerClasses, first: float) -> None:
    """The classes' levels, age curves and common slope per try: one logistic fit on the cells
    repeated per class, weighted by the class's posterior, the rest of the model as the offset;
    each curve's steps a random walk as in the one-curve fit (in place)."""
    n_cells, C, B = len(tries.eta), N_CLASSES, P.AGE_KNOTS - 1
    walk = (np.arange(P.AGE_KNOTS)[:, None] >= np.arange(1, P.AGE_KNOTS)[None, :]).astype(float)
    steps = knots @ walk
    X = np.zeros((C * n_cells, C + C * B + 1))
    trials, succ = np.zeros(C * n_cells), np.zeros(C * n_cells)
    for c in range(C):
        rows = slice(c * n_cells, (c + 1) * n_cells)
        X[rows, c] = 1.0
        X[rows, C + c * B : C + (c + 1) * B] = steps
        X[rows, -1] = tries.k
        w = post[tries.lead, c]
        trials[rows] = np.bincount(tries.cell, weights=w, minlength=n_cells)
        succ[rows] = np.bincount(tries.cell, weights=w * tries.replied, minlength=n_cells)
    mean = np.concatenate([np.full(C, first), np.full(C * B, P.AGE_SLOPE), [0.0]])
    sd = np.concatenate([np.full(C, LEVEL_SD), np.full(C * B, MIN_STEP_SD), [SLOPE_SD]])
    start = np.concatenate([fit.level, np.diff(fit.curve, axis=1).ravel(), [fit.slope]])
    offset = np.tile(tries.free, C)
    beta, _, _ = fit_logistic(X, trials, succ, mean, sd, iters=6, offset=offset, start=start)
    fit.level, fit.slope = beta[:C], float(beta[-1])
    fit.curve = (walk @ beta[C:-1].reshape(C, B).T).T


def past_posterior(model, lead) -> np.ndarray:
    """(n, C) each silent lead's posterior over the classes given its silent tries so far (at
    most the latest 16, at their ages; each valued at its try number's reply log-odds at the
    usual spacing)."""
    weight = np.asarray(model.class_weight)
    log_w = np.log(np.maximum(weight[lead.src], 1e-12))
    recent = lead.recent
    n_past = np.minimum(lead.k, recent.shape[1])
    for j in range(recent.shape[1]):
        had = (j < n_past) & ~np.isnan(recent[:, j])
        if not had.any():
            continue
        rows = np.flatnonzero(had)
        knum = np.maximum(lead.k[rows] - j, 1)  # the newest is try k, the one before k - 1, ...
        eta = model.reply_logit[lead.src[rows], np.minimum(knum, P.K) - 1] + lead.sig_reply[rows]
        z = _class_z(model, lead.src[rows], knum, eta, recent[rows, j] - lead.created[rows])
        log_w[rows] += -np.logaddexp(0.0, z)
    return _normalise(log_w)


def _class_z(model, src, knum, eta, age_seconds) -> np.ndarray:
    """(..., C) reply log-odds under each class of tries number `knum` at the given ages, from
    the one-curve model's log-odds but for its age effect (`eta`)."""
    u = age_u(age_seconds)
    curves = np.asarray(model.class_curve)
    at = np.stack([np.interp(u, AGE_KNOT_U, curve) for curve in curves], axis=-1)
    shift = np.asarray(model.class_shift)[src, np.minimum(knum, P.K) - 1]
    return (eta + shift)[..., None] + np.asarray(model.class_level) + at


def _normalise(log_w: np.ndarray) -> np.ndarray:
    log_w = log_w - log_w.max(axis=-1, keepdims=True)
    w = np.exp(log_w)
    return w / w.sum(axis=-1, keepdims=True)


def has_classes(model) -> bool:
    return len(getattr(model, "class_level", ())) > 1


def mixture_effect(model, lead, eta: np.ndarray, age_seconds: np.ndarray) -> np.ndarray:
    """(n, H) what to add to the reply log-odds `eta` (n, H) of the next H tries, at the ages
    planned, so that it gives the mixture's chance: each try's class posterior is the one after
    silence at the tries before it (open-loop). One class: the one-curve age effect."""
    if not has_classes(model):
        return model.age_effect(age_seconds)
    log_w = np.log(np.maximum(past_posterior(model, lead), 1e-300))
    knum = lead.k[:, None] + 1 + np.arange(eta.shape[1])[None, :]
    z = _class_z(model, lead.src[:, None], knum, eta, age_seconds)  # (n, H, C)
    out = np.empty(eta.shape)
    for j in range(eta.shape[1]):
        w = _normalise(log_w)
        h = (w * sigmoid(z[:, j])).sum(axis=1)
        h = np.clip(h, 1e-9, 1 - 1e-9)
        out[:, j] = np.log(h / (1 - h)) - eta[:, j]
        log_w = log_w - np.logaddexp(0.0, z[:, j])
    return out
