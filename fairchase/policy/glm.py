"""A small Bayesian logistic regression on aggregated counts (MAP by Newton, Laplace bands)."""

from __future__ import annotations

import numpy as np

NEWTON_STEPS = 30  # at most; it stops once a step moves no coefficient by 1e-7


def sigmoid(x):
    with np.errstate(over="ignore"):
        # the same operations as below, without the temporary arrays
        if type(x) is np.ndarray and x.ndim and x.dtype.kind == "f":
            out = np.negative(x)
            np.exp(out, out=out)
            out += 1.0
            return np.divide(1.0, out, out=out)
        return 1.0 / (1.0 + np.exp(-x))


def aggregate(keys: np.ndarray, success: np.ndarray):
    """Unique rows of `keys` (n, m non-negative int) with trial and success counts per row."""
    # one integer per row (much faster than unique rows): fit's widest rows span < 2^49 values
    # (48 sources, 10 tries, 30 signal bits, 4 channels, 8 spacings, 31 age bins)
    span = keys.max(axis=0, initial=0).astype(float) + 1.0
    radix = np.cumprod(np.concatenate([[1], span[:-1]])).astype(np.int64)
    _, first, inverse = np.unique(keys @ radix, return_index=True, return_inverse=True)
    uniq = keys[first]
    trials = np.bincount(inverse, minlength=len(uniq)).astype(float)
    wins = np.bincount(inverse, weights=success.astype(float), minlength=len(uniq))
    return uniq, trials, wins


def fit_logistic(X, trials, successes, prior_mean, prior_sd, start=None):
    """Maximise binomial log-likelihood + Gaussian prior; return (coef, posterior sd, covariance).

    X is (cells, params); each cell has `trials` Bernoulli draws with `successes`.
    With no data the answer is the prior mean, with its prior sd. `start`: where Newton
    starts (default the prior mean).
    """
    prior_mean, prior_sd = np.asarray(prior_mean, dtype=float), np.asarray(prior_sd, dtype=float)
    precision = 1.0 / prior_sd**2
    beta = prior_mean.copy() if start is None else np.asarray(start, dtype=float).copy()
    if X.shape[0] == 0 or trials.sum() == 0:
        return beta, prior_sd.copy(), np.diag(prior_sd**2)
    for _ in range(NEWTON_STEPS):
        p = sigmoid(X @ beta)
        grad = X.T @ (successes - trials * p) - precision * (beta - prior_mean)
        w = trials * p * (1.0 - p)
        # positive definite (the prior's precision on its diagonal): it always solves
        hess = (X * w[:, None]).T @ X + np.diag(precision)
        step = np.linalg.solve(hess, grad)
        biggest = np.abs(step).max()
        if biggest > 3.0:  # damp wild first steps on separable data
            step *= 3.0 / biggest
        beta = beta + step
        if biggest < 1e-7:
            break
    cov = np.linalg.inv(hess)
    return beta, np.sqrt(np.clip(np.diag(cov), 0.0, None)), cov
