"""The fitted model: plain arrays and a JSON round trip (Insights reads it: insights/learned.py),
and the axes its timing effects are learned on (the lead's age, the spacing of tries)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from .glm import sigmoid
from .priors import (
    AGE_BINS_PER_KNOT,
    AGE_KNOTS,
    AGE_STEP,
    FIRST_DELAY_EDGES,
    GAP_EDGES,
    K,
    late_shape,
)
from .reasons import learned_from, source_label
from .timing import DAY

AGE_KNOT_U = np.arange(AGE_KNOTS) * AGE_STEP  # knots of the age curve, in log(1 + days)


def age_u(age_seconds) -> np.ndarray:
    """log(1 + age in days), the age curve's axis (a missing or negative age counts as 0)."""
    days = np.nan_to_num(np.asarray(age_seconds, dtype=float), nan=0.0) / DAY
    return np.log1p(np.maximum(days, 0.0))


def age_bins(age_seconds) -> np.ndarray:
    """The fine bin (a third of a knot wide) each age falls in, for counting tries."""
    width = AGE_STEP / AGE_BINS_PER_KNOT
    top = (AGE_KNOTS - 1) * AGE_BINS_PER_KNOT
    return np.minimum(np.rint(age_u(age_seconds) / width), top).astype(np.int64)


def age_bin_weights(bins: np.ndarray) -> np.ndarray:
    """(n, AGE_KNOTS) weights of the knots at each bin's centre (linear between knots)."""
    pos = np.asarray(bins, dtype=float) / AGE_BINS_PER_KNOT
    lo = np.minimum(np.floor(pos).astype(np.int64), AGE_KNOTS - 1)
    frac = pos - lo
    out = np.zeros((len(pos), AGE_KNOTS))
    rows = np.arange(len(pos))
    out[rows, lo] = 1.0 - frac
    out[rows, np.minimum(lo + 1, AGE_KNOTS - 1)] += frac  # the top knot: the same one
    return out


def gap_buckets(gap: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Index into the 8 spacing effects (first-try delay buckets, then gap buckets); k is the
    attempt number (1 = the first try), a missing gap gets the reference bucket."""
    out = 4 + np.searchsorted(GAP_EDGES, gap, side="right")
    first = k <= 1  # first tries are few (one step of a look-ahead at most): fix them up
    if first.any():
        out[first] = np.searchsorted(FIRST_DELAY_EDGES, gap[first], side="right")
    missing = np.isnan(gap)
    if missing.any():
        out = np.where(missing, np.where(first, 0, 5), out)
    return out


def empty_array(dtype=float):
    """A dataclass field holding an empty array (filled later)."""
    return field(default_factory=lambda: np.zeros(0, dtype=dtype))


@dataclass
class Model:
    """Everything `plan` needs, learned by `fit` (or the articles' priors when history is empty).

    Reply rates are log-odds of "answers attempt k | silent so far" per source (row S = pooled,
    used for unknown sources), for a lead with no signals reached by call at the usual spacing;
    signals, channel and spacing add log-odds effects.
    """

    n_leads: int = 0
    n_attempts: int = 0  # the tries it learned from
    sources: list = field(default_factory=list)
    source_leads: np.ndarray = empty_array()  # (S+1,)
    signals: list = field(default_factory=list)
    signal_leads: np.ndarray = empty_array()  # (G,)
    reply_logit: np.ndarray = empty_array()  # (S+1, K)
    curve_logit: np.ndarray = empty_array()  # (S+1, K) at the spacing actually used, for Insights
    curve_sd: np.ndarray = empty_array()  # (S+1, K)
    tried: np.ndarray = empty_array()  # (S+1, K) silent attempts seen
    replied: np.ndarray = empty_array()  # (S+1, K) of which answered
    sig_reply: np.ndarray = empty_array()  # (G,)
    sig_reply_sd: np.ndarray = empty_array()
    sig_fade: np.ndarray = empty_array()  # (G,) change of each signal's reply effect by its 5th try
    sig_win: np.ndarray = empty_array()
    sig_win_sd: np.ndarray = empty_array()
    chan_reply: np.ndarray = empty_array()  # (4,) call = 0
    spacing: np.ndarray = empty_array()  # (8,) first-delay buckets then gap buckets
    age_curve: np.ndarray = empty_array()  # (AGE_KNOTS,) log-odds by the lead's age (age_u knots)
    win_logit: np.ndarray = empty_array()  # (S+1,)
    win_sd: np.ndarray = empty_array()
    win_late: float = 0.0
    win_responders: np.ndarray = empty_array()  # (S+1,)
    win_won: np.ndarray = empty_array()
    c_base: float = 0.0
    c_attempt: float = 0.0
    c_recent: float = 0.0
    c_engaged: float = 0.0
    c_source: np.ndarray = empty_array()  # (S+1,)
    c_channel: np.ndarray = empty_array()  # (4,)
    c_q0: np.ndarray = empty_array()  # (S+1, 4) its variance terms (fit._complaint_variance)
    c_q1: np.ndarray = empty_array()
    c_q2: np.ndarray = empty_array()
    c_s: np.ndarray = empty_array()  # (3,) var(attempt slope), var(recent slope), their covariance
    c_tried: np.ndarray = empty_array()  # (K,) attempts by attempt number
    c_events: np.ndarray = empty_array()  # (K,) opt-outs by attempt number
    value_median: np.ndarray = empty_array()  # (S+1,)
    value_mean: np.ndarray = empty_array()  # (S+1,) used for leads of unknown value
    # (J,) P(win | j contacts without progress) / P(win | reply)
    engaged_ratio: np.ndarray = empty_array()
    engaged_remaining: np.ndarray = empty_array()  # (J,) contacts still to come
    engaged_n: np.ndarray = empty_array()

    # ---- lookups -------------------------------------------------------------------------
    @property
    def pooled(self) -> int:
        return len(self.sources)

    def source_index(self) -> dict:
        return {name: i for i, name in enumerate(self.sources)}

    def signal_bits(self) -> dict:
        return {name: 1 << i for i, name in enumerate(self.signals)}

    def mask_effect(self, masks: np.ndarray, effects: np.ndarray) -> np.ndarray:
        """Sum of per-signal effects for an array of signal bitmasks."""
        out = np.zeros(len(masks))
        for g, eff in enumerate(effects):
            if eff:
                out += ((masks >> g) & 1) * eff
        return out

    def answer_win_logit(self, src, mask) -> np.ndarray:
        """Log-odds that an answer leads to a sale, by source and signals (at the first try)."""
        return self.win_logit[src] + self.mask_effect(mask, self.sig_win)

    def win_chance(self, logit, knum) -> np.ndarray:
        """P(win | an answer at try `knum`), from `answer_win_logit`: late answers win less,
        levelling off as the reply curve does (`priors.late_shape`)."""
        return sigmoid(logit + self.win_late * late_shape(np.minimum(knum, K) - 1))

    def age_effect(self, age_seconds) -> np.ndarray:
        """Reply log-odds gained (or lost) at the lead's age, relative to a fresh lead."""
        return np.interp(age_u(age_seconds), AGE_KNOT_U, self.age_curve)

    def source_label(self, s: int) -> str:
        return self.sources[s] if s < len(self.sources) else "all"

    def evidence(self, s: int) -> str:
        """'learned from 412 leads'; before any history 'a starting guess: no history yet' (the
        articles' rules of thumb); for a source the history lacks, the starting guess the other
        sources' leads moved (the curve's level is shared): 'a starting guess for referrals,
        moved by your 5 leads from other sources'."""
        n = int(self.source_leads[s]) if s < len(self.source_leads) else 0
        return learned_from(n, self.n_leads, source_label(self.source_label(s)))

    # ---- JSON ---------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """A JSON-serialisable dict (lists and numbers only)."""
        plain = dataclasses.asdict(self).items()  # NumPy arrays as lists, NumPy scalars as numbers
        return {k: v.tolist() if isinstance(v, np.ndarray | np.generic) else v for k, v in plain}

    @classmethod
    def stored_by_this_version(cls, data: dict) -> bool:
        """Whether `data` (from `to_dict`) holds every field this version learns."""
        return all(f.name in data for f in dataclasses.fields(cls))

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        """Rebuild a model stored with `to_dict` (unknown keys are ignored). A model stored by an
        older version, without a field this one learns, is not used: the cold-start priors stand
        in for it until the next fit."""
        if not cls.stored_by_this_version(data):
            from .fit import fit  # fit builds models: imported here, when it is needed

            return fit([])
        kwargs = {}
        for f in dataclasses.fields(cls):
            value = data[f.name]
            if isinstance(value, list) and f.name not in ("sources", "signals"):
                value = np.asarray(value, dtype=float)
            elif f.type == "float":
                value = float(value)
            kwargs[f.name] = value
        return cls(**kwargs)
