"""How a silent lead answers: four structurally different response mechanisms.

Every mechanism gives each lead a hidden TYPE from a small grid (the truth
lives on the grid, so the oracle can integrate it out exactly). A type has a
`score` (how keen it is, about mean 0, sd 1: signals and P(win) depend on it)
and a chance to answer attempt j on channel c at age a (days since the
enquiry), before the spacing factor:

- `logistic`: sigmoid(base + z + attempt slope + channel) x fade(age): the
  form Fairchase's `fit` assumes.
- `beta_decay`: interest q ~ Beta(a, b) per source, times rho^(j-1) per
  attempt, times a channel multiplier, times fade(age).
- `ready_never`: a mix of "ready now" (answer at once, cool within days),
  "warm" (steady, flat in attempts) and "never" leads.
- `come_back`: buyers who come back after weeks: a low hazard until the
  lead's hidden return day, high just after it, then fading.

All functions broadcast: `j`, `chan`, `age` are arrays whose shapes end with
a length-1 or G axis; the result ends with the grid axis G.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import betainc

CHANNELS = ("call", "email", "text", "visit")
KINDS = ("logistic", "beta_decay", "ready_never", "come_back")
P_MAX = 0.97


def sigmoid(x):
    """Logistic function for floats or arrays."""
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


@dataclass(frozen=True)
class Mechanism:
    """One world's response mechanism: its type grid, per-source priors and reply chances.

    `prior` is (sources, G) and sums to 1 per row; `score` is (G,).
    `channel` holds the logit shift (logistic) or multiplier (others) per CHANNELS.
    """

    kind: str
    score: np.ndarray
    prior: np.ndarray
    level: np.ndarray  # per type: z (logistic), q (beta_decay, come_back), level (ready_never)
    channel: tuple[float, ...]
    attempt_slope: float = 0.0  # logistic: logit lost per attempt; beta_decay: -log(rho)
    fade_days: float = 40.0
    fade_floor: float = 0.3
    ready_days: float = 4.0  # ready_never: how fast the "ready now" leads cool
    ready_type: np.ndarray | None = None  # ready_never: 0 ready, 1 warm, 2 never
    return_day: np.ndarray | None = None  # come_back: per type, the day the buyer returns
    before_return: float = 0.15  # come_back: share of the hazard before the return day
    after_days: float = 14.0  # come_back: how fast interest fades after the return
    base: float = -1.0  # logistic intercept

    @property
    def G(self) -> int:
        return len(self.score)

    def fade(self, age):
        """Interest left after `age` days (a floor keeps late tries possible)."""
        age = np.maximum(np.asarray(age, dtype=float), 0.0)
        return self.fade_floor + (1 - self.fade_floor) * np.exp(-age / self.fade_days)

    def reply(self, j, chan, age):
        """P(answer) of attempt number j (1-based) on channel index chan at age (days), per type."""
        j = np.asarray(j, dtype=float)
        age = np.maximum(np.asarray(age, dtype=float), 0.0)
        ch = np.asarray(self.channel)[np.asarray(chan)]
        if self.kind == "logistic":
            return sigmoid(self.base + self.level - self.attempt_slope * (j - 1) + ch) * self.fade(
                age
            )
        if self.kind == "beta_decay":
            p = self.level * np.exp(-self.attempt_slope * (j - 1)) * ch
            return np.minimum(p, P_MAX) * self.fade(age)
        if self.kind == "ready_never":
            rt = self.ready_type
            cool = np.where(rt == 0, np.exp(-age / self.ready_days), self.fade(age))
            return np.minimum(self.level * ch, P_MAX) * cool + 0.0 * j
        if self.kind == "come_back":
            after = age - self.return_day
            bump = np.where(
                after < 0, self.before_return, np.exp(-np.maximum(after, 0) / self.after_days)
            )
            return np.minimum(self.level * ch * bump, P_MAX) + 0.0 * j
        raise ValueError(f"unknown mechanism {self.kind!r}")


def draw_mechanism(kind: str, rng: np.random.Generator, n_sources: int) -> Mechanism:
    """A mechanism of `kind` with parameters drawn from wide ranges, for `n_sources` sources."""
    if kind not in _DRAW:
        raise ValueError(f"unknown mechanism {kind!r}")
    heterogeneity = rng.uniform(0.3, 1.6)  # how much leads of one source differ
    means = rng.normal(0.0, 0.8, n_sources)  # sources differ in keenness
    chan = (1.0, rng.uniform(0.25, 1.0), rng.uniform(0.4, 1.3), rng.uniform(1.2, 2.5))
    fade_days, floor = float(np.exp(rng.uniform(np.log(5), np.log(150)))), rng.uniform(0.0, 0.6)
    common = _Common(heterogeneity, means, chan, fade_days, floor)
    return _DRAW[kind](rng, common)


@dataclass(frozen=True)
class _Common:
    """What every mechanism draws first (in this order, so a seed keeps its world)."""

    heterogeneity: float
    means: np.ndarray
    chan: tuple[float, ...]
    fade_days: float
    floor: float


def _draw_logistic(rng: np.random.Generator, m: _Common) -> Mechanism:
    z = np.linspace(-3, 3, 10) * m.heterogeneity
    return Mechanism(
        "logistic",
        score=z / m.heterogeneity,
        prior=_normal_rows(z, m.means * m.heterogeneity, m.heterogeneity),
        level=z,
        channel=tuple(float(np.log(c)) for c in m.chan),
        attempt_slope=rng.uniform(0.0, 0.5),
        fade_days=m.fade_days,
        fade_floor=m.floor,
        base=rng.uniform(-3.0, -0.5),
    )


def _draw_beta_decay(rng: np.random.Generator, m: _Common) -> Mechanism:
    q = sigmoid(np.linspace(-5.0, 1.5, 10))  # reply chances from 0.7% to 82%
    mean_q = sigmoid(rng.uniform(-3.2, -0.8) + 0.7 * m.means)
    conc = 2.5 / m.heterogeneity**2  # a + b: small = leads differ a lot
    return Mechanism(
        "beta_decay",
        score=_standard(np.log(q)),
        prior=np.array([_beta_row(q, mq * conc, (1 - mq) * conc) for mq in mean_q]),
        level=q,
        channel=m.chan,
        attempt_slope=rng.uniform(0.0, 0.35),
        fade_days=m.fade_days,
        fade_floor=m.floor,
    )


def _draw_ready_never(rng: np.random.Generator, m: _Common) -> Mechanism:
    level = np.array([rng.uniform(0.4, 0.85), rng.uniform(0.04, 0.2), 0.004])
    mix = np.array([rng.dirichlet([2.0, 3.0, 3.0 * m.heterogeneity]) for _ in m.means])
    return Mechanism(
        "ready_never",
        score=np.array([1.3, 0.0, -1.3]),
        prior=mix,
        level=level,
        channel=m.chan,
        ready_type=np.arange(3),
        ready_days=rng.uniform(1.5, 12.0),
        fade_days=m.fade_days,
        fade_floor=m.floor,
    )


def _draw_come_back(rng: np.random.Generator, m: _Common) -> Mechanism:
    days = np.array([0.0, 14.0, 28.0, 49.0])
    qs = np.array([rng.uniform(0.02, 0.08), rng.uniform(0.1, 0.3), rng.uniform(0.35, 0.7)])
    when = rng.dirichlet(np.full(len(days), 1.5))  # how soon buyers come back
    rows = []
    for mean in m.means:
        keen = np.exp(np.array([-1.0, 0.0, 1.0]) * (mean - 0.5))
        rows.append(np.outer(when, keen / keen.sum()).ravel())
    return Mechanism(
        "come_back",
        score=_standard(np.tile(np.log(qs), len(days))),
        prior=np.array(rows),
        level=np.tile(qs, len(days)),
        channel=m.chan,
        return_day=np.repeat(days, len(qs)),
        before_return=rng.uniform(0.05, 0.3),
        after_days=rng.uniform(7.0, 30.0),
    )


_DRAW = {
    "logistic": _draw_logistic,
    "beta_decay": _draw_beta_decay,
    "ready_never": _draw_ready_never,
    "come_back": _draw_come_back,
}


def _normal_rows(grid, means, sd) -> np.ndarray:
    rows = np.exp(-0.5 * ((grid[None, :] - means[:, None]) / sd) ** 2)
    return rows / rows.sum(axis=1, keepdims=True)


def _beta_row(q, a, b) -> np.ndarray:
    edges = np.concatenate([[0.0], (q[1:] + q[:-1]) / 2, [1.0]])
    w = np.diff(betainc(max(a, 0.05), max(b, 0.05), edges))
    w = np.maximum(w, 1e-12)
    return w / w.sum()


def _standard(x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return (x - x.mean()) / (x.std() or 1.0)
