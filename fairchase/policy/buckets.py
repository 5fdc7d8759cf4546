"""Spacing and age buckets: which learned timing effect applies to an attempt."""

from __future__ import annotations

import numpy as np

from . import priors as P


def spacing_bucket(gap, k):
    """Index into the 8 spacing effects: first-try delay buckets, then gap buckets."""
    if k <= 1:
        edges, base, default = P.FIRST_DELAY_EDGES, 0, 0
    else:
        edges, base, default = P.GAP_EDGES, 4, 5
    if gap is None:
        return default
    for i, edge in enumerate(edges):
        if gap < edge:
            return base + i
    return base + len(edges)


def age_bucket(age):
    if age is None:
        return 0
    for i, edge in enumerate(P.AGE_EDGES):
        if age < edge:
            return i
    return len(P.AGE_EDGES)


_FIRST_DELAY_EDGES = np.array(P.FIRST_DELAY_EDGES)
_GAP_EDGES = np.array(P.GAP_EDGES)
_AGE_EDGES = np.array(P.AGE_EDGES)


def gap_buckets(gap: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Spacing effect index (see spacing_bucket), vectorised; k is the attempt number."""
    out = 4 + np.searchsorted(_GAP_EDGES, gap, side="right")
    first = k <= 1  # first tries are few (one step of a look-ahead at most): fix them up
    if first.any():
        out[first] = np.searchsorted(_FIRST_DELAY_EDGES, gap[first], side="right")
    missing = np.isnan(gap)
    if missing.any():
        out = np.where(missing, np.where(first, 0, 5), out)
    return out


def age_buckets(age: np.ndarray) -> np.ndarray:
    out = np.searchsorted(_AGE_EDGES, age, side="right")
    missing = np.isnan(age)
    if missing.any():
        out = np.where(missing, 0, out)
    return out
