"""Spacing buckets: which learned spacing effect applies to an attempt."""

from __future__ import annotations

import numpy as np

from . import priors as P

_FIRST_DELAY_EDGES = np.array(P.FIRST_DELAY_EDGES)
_GAP_EDGES = np.array(P.GAP_EDGES)


def gap_buckets(gap: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Index into the 8 spacing effects (first-try delay buckets, then gap buckets); k is the
    attempt number (1 = the first try), a missing gap gets the reference bucket."""
    out = 4 + np.searchsorted(_GAP_EDGES, gap, side="right")
    first = k <= 1  # first tries are few (one step of a look-ahead at most): fix them up
    if first.any():
        out[first] = np.searchsorted(_FIRST_DELAY_EDGES, gap[first], side="right")
    missing = np.isnan(gap)
    if missing.any():
        out = np.where(missing, np.where(first, 0, 5), out)
    return out
