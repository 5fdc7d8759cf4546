"""fit(history): count what happened to finished leads and shrink it toward the articles' priors."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from threadpoolctl import threadpool_limits

from . import priors as P
from .deals import fit_engaged, fit_values
from .glm import fit_logistic
from .history import SilentTries, walk
from .model import Model, age_bin_weights, age_bins
from .records import read_book, signal_masks
from .settings import Settings
from .timing import DAY, ContactHours
from .tries import fold_companions

MAX_SOURCES = 40
MIN_EXTRA_SIGNAL = 30  # an unknown signal needs this many leads before it gets its own effect
MAX_SIGNALS = 30
AGE_EM_ROUNDS = 4  # rounds of EM for the age curve's step size
AGE_BEND_RANGE = (0.02, 0.6)  # the step sizes EM may choose from
# the age curve at its knots from its parameters, the steps from one knot to the next (a random
# walk): the curve is 0 at age 0 and f_i = the sum of the first i steps. Where the history has
# no tries, the steps fall back to the articles' gentle decline instead of carrying a trend on.
AGE_STEPS = np.tri(P.AGE_KNOTS, P.AGE_KNOTS - 1, -1)
CURVE = np.array([P.logit(p) for p in P.POOLED_CURVE])  # the articles' reply curve, log-odds
DROP = CURVE - CURVE[0]  # its fall from the first try: what the steepness scales


def fit(history, settings=None) -> Model:
    """Learn reply, win, complaint and engagement rates from finished leads (any size, even []).

    Unfinished leads (any other status, e.g. open or engaged) may be included: their tries
    count for reply and complaint rates, but they have no outcome yet, so they teach nothing
    about winning. Leaving them out biases the reply rates up: the chases that are over
    early are mostly the ones that got an answer. An unfinished lead with no try teaches only
    its value (the deal sizes the business typed on its open book): it is no lead counted,
    no source's share, no try."""
    records = [rec for rec in (history or ()) if rec is not None]
    book = read_book(records)
    s = Settings.from_any(settings)
    # a voicemail's email is part of its try: no silent try of its own (tries.fold_companions)
    fold_companions(book, ContactHours(s.contact_hours, s.contact_days, s.business_timezone))
    readable = [i for i in range(book.n) if i not in book.errors]  # unreadable: teaches nothing
    tried = np.bincount(book.attempts.lead, minlength=book.n) > 0
    # an unfinished lead never tried teaches its deal's value only (`priced`): no try, no outcome
    keep = [i for i in readable if tried[i] or book.statuses[i] in P.CLOSED]
    priced = [i for i in readable if not (tried[i] or book.statuses[i] in P.CLOSED)]
    names = [book.sources[i] or "(none)" for i in keep]
    sources, lead_src = _source_vocab(names)
    signals = _signal_vocab([book.signals[i] for i in keep])
    S, G = len(sources), len(signals)
    masks = signal_masks(book.signals, {name: 1 << i for i, name in enumerate(signals)})[keep]
    rows = walk(book, keep, lead_src, masks)
    model = Model(n_leads=len(keep), n_attempts=len(rows.tries), sources=sources, signals=signals)
    model.source_leads = _by_source(lead_src, S)
    model.signal_leads = _bits(masks, G).sum(axis=0)
    weights = _shares(model.source_leads[:S])
    # our matrices are ~100x100: a BLAS thread pool costs more than it saves there
    with threadpool_limits(limits=1, user_api="blas"):
        _fit_reply(model, rows, S, G, weights)
        _fit_win(model, rows, S, G)
        _fit_complaint(model, rows, S, weights)
    won = np.array([book.statuses[i] == "won" for i in keep], dtype=bool)
    value = np.where(np.isnan(book.value[keep]) & won, book.won_value[keep], book.value[keep])
    index = {name: s for s, name in enumerate(sources)}  # another source: the pooled value only
    priced_src = [index.get(book.sources[i] or "(none)", S) for i in priced]
    fit_values(
        model,
        np.concatenate([value, book.value[priced]]),
        np.concatenate([lead_src, np.array(priced_src, dtype=np.int64)]),
        S,
    )
    fit_engaged(model, rows)
    return model


def _source_vocab(names):
    """The sources learned apart (the priors' and the most common), and each lead's index
    among them (a rare source: the shared "(other)")."""
    counts = Counter(names)
    ranked = sorted(counts, key=lambda s: (-counts[s], s))
    kept = set(ranked[:MAX_SOURCES])
    if len(ranked) > MAX_SOURCES:
        kept.add("(other)")  # the long tail of rare sources learns one shared offset
    sources = sorted(set(P.SOURCE_PRIORS) | kept)
    index = {name: i for i, name in enumerate(sources)}
    learned_as = {name: index.get(name, index.get("(other)")) for name in counts}
    return sources, np.array([learned_as[name] for name in names], dtype=np.int64)


def _signal_vocab(signal_lists):
    counts = Counter(name for names in signal_lists for name in set(names))
    extra = sorted(
        (n for n in counts if n not in P.SIGNAL_PRIORS and counts[n] >= MIN_EXTRA_SIGNAL),
        key=lambda n: (-counts[n], n),
    )
    return list(P.KNOWN_SIGNALS) + extra[: MAX_SIGNALS - len(P.KNOWN_SIGNALS)]


def _bits(masks, G):
    return ((masks[:, None] >> np.arange(G)[None, :]) & 1).astype(float)


def _by_source(source, S, weights=None, k=None):
    """Counts (or sums of `weights`) per source, or per source and try index `k` ((S + 1, K)),
    with their total as the pooled row S."""
    shape = (S + 1,) if k is None else (S + 1, P.K)
    key = source if k is None else source * P.K + k
    out = np.bincount(key, weights=weights, minlength=math.prod(shape)).astype(float).reshape(shape)
    out[S] = out[:S].sum(axis=0)
    return out


def _shares(counts):
    """Each source's share of `counts` (all 0 when there are none): the pooled row's weights."""
    return counts / counts.sum() if counts.sum() > 0 else np.zeros(len(counts))


def _source_levels(L, weights):
    """(S + 1, L.n) rows giving each source's level, L.level + L.source[s]; the pooled row S
    takes the sources' weighted mean."""
    rows = np.zeros((len(weights) + 1, L.n))
    rows[:, L.level] = 1.0
    rows[:, L.source] = np.vstack([np.eye(len(weights)), weights])  # each source, then the mean
    return rows


class _Layout:
    """Where each effect of a regression sits among its columns (a slice per effect, in the
    order they are taken; `n` columns in all), and the prior of its columns."""

    def __init__(self) -> None:
        self.n = 0
        self.priors: list = []

    def _next(self, size: int, mean, sd) -> slice:
        """The next `size` columns, with their prior means and sds (numbers or one per column)."""
        self.n += size
        self.priors.append((slice(self.n - size, self.n), mean, sd))
        return slice(self.n - size, self.n)

    def prior(self) -> tuple[np.ndarray, np.ndarray]:
        """The prior mean and sd of every column."""
        mean, sd = np.zeros(self.n), np.zeros(self.n)
        for part, part_mean, part_sd in self.priors:
            mean[part], sd[part] = part_mean, part_sd
        return mean, sd


class _ReplyLayout(_Layout):
    """The reply model's: a_k | d_s | e_sk | signals | channel (email, text, visit) |
    spacing (8) | age | steepness | signal fades; priors: the articles' curve, source and
    signal effects, timing. `reference`: the spacing buckets pinned at their prior
    (`_spacing_reference`)."""

    def __init__(self, model: Model, G: int, reference=P.SPACING_REFERENCE):
        super().__init__()
        S, K, sd = len(model.sources), P.K, P.SD
        self.S, self.G, self.reference = S, G, reference
        self.a = self._next(K, 0.0, sd["curve_step"])
        self.d = self._next(S, [P.source_prior(n).reply for n in model.sources], sd["source"])
        self.e = self._next(S * K, 0.0, sd["source_k"])
        self.g = self._next(G, [P.signal_prior(n).reply for n in model.signals], sd["signal"])
        self.c = self._next(3, P.CHANNEL_REPLY[1:], sd["channel"])
        self.sp = self._next(8, P.SPACING_PRIORS, sd["spacing"])
        # the age curve: its steps from knot to knot (knot values: AGE_STEPS)
        self.age = self._next(P.AGE_KNOTS - 1, P.AGE_SLOPE, sd["age_step"])
        self.lam = self._next(1, 1.0, sd["steepness"])
        self.fade = self._next(G, 0.0, sd["signal_fade"])

    def prior(self) -> tuple[np.ndarray, np.ndarray]:
        mean, sd = super().prior()
        mean[0], sd[0] = CURVE[0], P.SD["curve"]  # a_0 is the curve's level, the rest its steps
        sd[self.e.start + np.arange(self.S) * P.K] = 1e-4  # a source's level is d_s; e_s bends it
        sd[self.sp.start + np.array(self.reference)] = 1e-4  # reference buckets: the level
        return mean, sd


class _WinLayout(_Layout):
    """The win model's: level | source | signals | the answer's attempt number."""

    def __init__(self, model: Model, G: int):
        super().__init__()
        base = P.logit(P.UNKNOWN_SOURCE.win)
        source = [P.logit(P.source_prior(n).win) - base for n in model.sources]
        self.level = self._next(1, base, P.SD["win_base"])
        self.source = self._next(len(model.sources), source, P.SD["source"])
        self.signals = self._next(G, [P.signal_prior(n).win for n in model.signals], P.SD["signal"])
        self.late = self._next(1, P.WIN_LATE, P.SD["win_late"])


class _ComplaintLayout(_Layout):
    """The complaint model's: level | tries so far | tries in the week before | engaged |
    source | channel (email, text, visit)."""

    def __init__(self, model: Model):
        super().__init__()
        source = [P.source_prior(n).complaint for n in model.sources]
        self.level = self._next(1, P.COMPLAINT_BASE, P.SD["c_base"])
        self.tries = self._next(1, P.COMPLAINT_PER_ATTEMPT, P.SD["c_attempt"])
        self.recent = self._next(1, P.COMPLAINT_PER_RECENT, P.SD["c_recent"])
        self.engaged = self._next(1, -0.5, 1.0)
        self.source = self._next(len(model.sources), source, P.SD["source"])
        self.channel = self._next(3, P.CHANNEL_COMPLAINT[1:], P.SD["channel"])


def _reply_design(cells: SilentTries, L: _ReplyLayout):
    """One row per cell of silent tries."""
    K = P.K
    s, k, ch = cells.source, cells.k, cells.channel
    X = np.zeros((len(cells), L.n))
    r = np.arange(len(cells))
    # the curve is a random walk over attempts: a_k = sum of steps up to k, so attempts with
    # little data follow the trend of their neighbours instead of falling back to the prior
    upto = np.tri(K)[k]
    X[:, L.a] = upto
    X[r, L.d.start + s] = 1.0
    X[r[:, None], L.e.start + s[:, None] * K + np.arange(K)] = upto  # in its source's block
    bits = _bits(cells.signals, L.G)
    X[:, L.g] = bits
    # a signal says most about the first tries: among leads still silent after several, the
    # keen ones have mostly answered already, so each signal's effect may fade with attempts
    X[:, L.fade] = bits * P.fade(k)[:, None]
    X[r[ch > 0], L.c.start + ch[ch > 0] - 1] = 1.0
    X[r, L.sp.start + cells.spacing] = 1.0
    X[:, L.age] = age_bin_weights(cells.age) @ AGE_STEPS
    # how steeply replies fall with attempts is learned as one scale on the articles' shape
    # (1 = the prior curve, 0 = flat): data on attempts 2-8 then speaks for the unseen tail too
    X[:, L.lam] = DROP[k][:, None]
    return X


def _reply_contrasts(L: _ReplyLayout, weights):
    """Rows giving theta[s, k] = a_k + d_s + e_sk (+ the steepness), row s * K + k; the pooled
    row S uses the sources' weighted mean (then replaced by their mixture: `_pooled_as_mixture`)."""
    K = P.K
    upto = np.tri(K)  # row k: the steps up to k, of the curve a and of each bend e_s
    levels = np.vstack([np.eye(L.S), weights])  # each source, then their weighted mean
    C = np.zeros(((L.S + 1) * K, L.n))
    C[:, L.a] = np.tile(upto, (L.S + 1, 1))
    C[:, L.lam] = np.tile(DROP, L.S + 1)[:, None]
    C[:, L.d] = np.repeat(levels, K, axis=0)
    C[:, L.e] = np.kron(levels, upto)
    return C


def _fit_reply(model, rows, S, G, weights):
    """The reply hazard: log-odds of answering try k given silence so far (see docs)."""
    K, tries = P.K, rows.silent
    cells, trials = tries.cells("replied")
    L = _ReplyLayout(model, G, _spacing_reference(cells.spacing, trials))
    X = _reply_design(cells, L)
    beta, beta_sd, cov = _fit_age_bend(X, trials, cells.replied, L)
    C = _reply_contrasts(L, weights)
    model.reply_logit = _pooled_as_mixture(C, beta, cov, weights)[0]
    # the Insights curve is shown at the spacing and age this business actually had per attempt
    spacing, age = _typical_timing(tries)
    rows_all = np.arange((S + 1) * K)
    C[rows_all, L.sp.start + np.tile(spacing, S + 1)] = 1.0
    C[rows_all, L.age] = np.tile(age_bin_weights(age) @ AGE_STEPS, (S + 1, 1))
    model.curve_logit, model.curve_sd = _pooled_as_mixture(C, beta, cov, weights)
    model.tried = _by_source(tries.source, S, k=tries.k)
    model.replied = _by_source(tries.source, S, tries.replied, k=tries.k)
    model.sig_reply, model.sig_reply_sd = beta[L.g], beta_sd[L.g]
    model.chan_reply = np.concatenate([[0.0], beta[L.c]])
    model.spacing = beta[L.sp]
    model.age_curve = AGE_STEPS @ beta[L.age]
    model.sig_fade = beta[L.fade]


def _pooled_as_mixture(C, beta, cov, weights):
    """theta[s, k] = C @ beta and its sd, (S + 1, K), with the pooled row S made the mixture
    of the sources: at each try, the chance whose probability is the average of the sources'
    chances, weighted by their leads still silent by then (by the fitted chances). A mean of
    log-odds instead let one source that never answers drag 'All sources', and every lead from
    a source the history lacks, to half the business's reply rate (eval26 finding 11). Its sd
    is the delta method's, through the same mixture. With no leads the row stays the level."""
    K = P.K
    theta = (C @ beta).reshape(-1, K)
    sd = _contrast_sd(C, cov).reshape(-1, K)
    S = len(theta) - 1
    if S == 0 or weights.sum() <= 0:
        return theta, sd
    p = 1.0 / (1.0 + np.exp(-theta[:S]))
    silent = np.cumprod(np.hstack([np.ones((S, 1)), 1.0 - p[:, :-1]]), axis=1)
    w = weights[:, None] * silent
    w = w / np.maximum(w.sum(axis=0), 1e-300)
    mix = np.clip((w * p).sum(axis=0), 1e-9, 1 - 1e-9)
    theta[S] = np.log(mix / (1.0 - mix))
    # d theta_S / d beta: the sources' rows weighted by w p (1 - p), over mix (1 - mix)
    slope = w * p * (1.0 - p) / (mix * (1.0 - mix))
    rows = np.einsum("sk,skn->kn", slope, C.reshape(S + 1, K, -1)[:S])
    sd[S] = _contrast_sd(rows, cov)
    return theta, sd


def _spacing_reference(spacing, trials) -> tuple[int, int]:
    """The spacing buckets pinned at their prior means, one among the first try's delays and
    one among later tries' gaps: the one with the most tries (the articles' where it has as
    many), so that the curve's level is learned where the history has its tries and a bucket it
    lacks keeps the articles' difference from that one. Pinning 'within the hour' for a history
    whose first tries all came later let the level's distance from the articles' leak into the
    1 h-1 d effect (eval26 finding 3: under the hour stated 0.29 log-odds better, not 0.15)."""
    counts = np.bincount(spacing, weights=trials, minlength=8)
    pinned = []
    for start, default in zip((0, 4), P.SPACING_REFERENCE, strict=True):
        group = counts[start : start + 4]
        most = start + int(group.argmax())
        pinned.append(most if group.max() > counts[default] else default)
    return pinned[0], pinned[1]


def _contrast_sd(C, cov):
    """The posterior sd of each row's combination of the parameters, C @ beta."""
    return np.sqrt(np.clip(np.einsum("ij,jk,ik->i", C, cov, C), 0, None))


def _fit_age_bend(X, trials, succ, L: _ReplyLayout):
    """fit_logistic, with the age curve's random-walk step size set by the data: a few rounds
    of EM on that variance (the mean square of the steps' departures from their prior mean
    plus their posterior variance). With no data the step size stays at its prior."""
    mean, sd = L.prior()
    bends = L.age
    start = None
    for _ in range(AGE_EM_ROUNDS):
        beta, beta_sd, cov = fit_logistic(X, trials, succ, mean, sd, start=start)
        step = float(np.sqrt(np.mean((beta[bends] - P.AGE_SLOPE) ** 2 + beta_sd[bends] ** 2)))
        step = min(max(step, AGE_BEND_RANGE[0]), AGE_BEND_RANGE[1])
        converged = abs(np.log(step / sd[bends.start])) < 0.05
        sd[bends], start = step, beta
        if converged:
            break
    return beta, beta_sd, cov


def _typical_timing(tries: SilentTries):
    """The most common spacing and age bin per attempt number (the articles' without data)."""
    gaps = P.SCHEDULES[0] + P.SCHEDULES[0][-1:] * (P.K - 1 - len(P.SCHEDULES[0]))
    typical_age = age_bins(np.cumsum([0.0, *gaps]) * DAY)
    top = P.AGE_KNOTS * P.AGE_BINS_PER_KNOT
    spacing = _most_common(tries.k, tries.spacing, 8, P.TYPICAL_BUCKET)
    return spacing, _most_common(tries.k, tries.age, top, typical_age)


def _most_common(k, values, n_values, default):
    """The most common of `values` (0..n_values - 1) per attempt index k; `default`'s where none."""
    counts = np.bincount(k * n_values + values, minlength=P.K * n_values).reshape(P.K, n_values)
    return np.where(counts.sum(axis=1) > 0, counts.argmax(axis=1), default)


def _fit_win(model, rows, S, G):
    """P(win | reply): by source (shrunk toward the articles'), signals and how many tries the
    answer took."""
    answers = rows.answers
    cells, trials = answers.cells("won", skip=("lead",))
    L = _WinLayout(model, G)
    responders = _by_source(answers.source, S)
    C = _source_levels(L, _shares(responders[:S]))
    X = C[cells.source]  # each cell's source level, then its signals and the answer's try
    X[:, L.signals] = _bits(cells.signals, G)
    X[:, L.late] = P.late_shape(cells.k)[:, None]
    beta, beta_sd, cov = fit_logistic(X, trials, cells.won, *L.prior())
    model.win_logit = C @ beta
    model.win_sd = _contrast_sd(C, cov)
    model.sig_win, model.sig_win_sd = beta[L.signals], beta_sd[L.signals]
    model.win_late = float(beta[L.late][0])
    model.win_responders = responders
    model.win_won = _by_source(answers.source, S, weights=answers.won)


def _fit_complaint(model, rows, S, weights):
    """The complaint (opt-out) risk of a try: tries so far, tries in the week before, after an
    answer, source and channel."""
    tries = rows.tries
    cells, trials = tries.cells("opted_out")
    L = _ComplaintLayout(model)
    X = _source_levels(L, weights)[cells.source]  # each cell's source level, then the rest
    X[:, L.tries] = (cells.tries - 1)[:, None]
    X[:, L.recent] = cells.recent[:, None]
    X[:, L.engaged] = cells.engaged[:, None]
    has_c = cells.channel > 0
    X[np.flatnonzero(has_c), L.channel.start + cells.channel[has_c] - 1] = 1.0
    beta, _, cov = fit_logistic(X, trials, cells.opted_out, *L.prior())
    model.c_base, model.c_attempt, model.c_recent, model.c_engaged = (
        float(beta[part][0]) for part in (L.level, L.tries, L.recent, L.engaged)
    )
    src = beta[L.source]
    n = model.source_leads[:S]
    model.c_source = np.concatenate([src, [float((src * n).sum() / n.sum()) if n.sum() else 0.0]])
    model.c_channel = np.concatenate([[0.0], beta[L.channel]])
    _complaint_variance(model, L, cov, weights)
    kk = np.minimum(tries.tries, P.K) - 1
    model.c_tried = np.bincount(kk, minlength=P.K).astype(float)
    model.c_events = np.bincount(kk, weights=tries.opted_out, minlength=P.K)


def _complaint_variance(model, L: _ComplaintLayout, cov, weights):
    """The complaint log-odds' posterior variance, for pricing annoyance cautiously (see
    lookahead.risk_table): var = q0[s, c] + a^2 s11 + r^2 s22 + 2a q1[s, c] + 2r q2[s, c]
    + 2ar s12, with a the tries before this one and r those in the 7 days before it."""
    # the level of each source (the last: pooled) and channel
    f = np.repeat(_source_levels(L, weights)[:, None, :], 4, axis=1)
    f[:, 1:, L.channel] = np.eye(3)  # each channel but a call has its effect
    a, r = L.tries.start, L.recent.start
    model.c_q0 = np.einsum("scp,pq,scq->sc", f, cov, f)
    model.c_q1 = np.einsum("scp,p->sc", f, cov[a])
    model.c_q2 = np.einsum("scp,p->sc", f, cov[r])
    model.c_s = np.array([cov[a, a], cov[r, r], cov[a, r]])
