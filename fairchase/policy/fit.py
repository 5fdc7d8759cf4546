"""fit(history): count what happened to finished leads and shrink it toward the articles' priors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from . import priors as P
from .buckets import gap_buckets
from .deals import fit_engaged, fit_values
from .glm import aggregate, fit_logistic
from .model import AGE_BUCKET_DAYS, Model, age_bin_weights, age_bins
from .records import BOUNCED, NAN, OPTED_OUT, RESPONSE_CODES, WEEK, read_book, signal_masks

MAX_SOURCES = 40
MIN_EXTRA_SIGNAL = 30  # an unknown signal needs this many leads before it gets its own effect
MAX_SIGNALS = 30
AGE_EM_ROUNDS = 4  # rounds of EM for the age curve's step size
AGE_BEND_RANGE = (0.02, 0.6)  # the step sizes EM may choose from


def fit(history, settings=None) -> Model:
    """Learn reply, win, complaint and engagement rates from finished leads (any size, even []).

    Unfinished leads (any other status, e.g. open or engaged) may be included: their tries
    count for reply and complaint rates, but they have no outcome yet, so they teach nothing
    about winning. Leaving them out biases the reply rates up: the chases that are over
    early are mostly the ones that got an answer."""
    records = [rec for rec in (history or ()) if rec is not None]
    book = read_book(records)
    keep = [i for i in range(book.n) if i not in book.errors]  # unreadable: teaches nothing
    names = [book.sources[i] or "(none)" for i in keep]
    sources, src_of = _source_vocab(names)
    signals = _signal_vocab([book.signals[i] for i in keep])
    sig_bits = {name: 1 << i for i, name in enumerate(signals)}
    S, G = len(sources), len(signals)
    lead_src = np.array([src_of[name] for name in names], dtype=np.int64)
    masks = signal_masks(book.signals, sig_bits)[keep]
    rows = _walk(book, keep, lead_src, masks)
    model = Model(n_leads=len(keep), n_attempts=rows.n_attempts, sources=sources, signals=signals)
    src_n = np.bincount(lead_src, minlength=S + 1).astype(float)[: S + 1]
    src_n[S] = len(keep)
    model.source_leads = src_n
    model.signal_leads = np.array(
        [sum(name in book.signals[i] for i in keep) for name in signals], dtype=float
    )
    weights = src_n[:S] / src_n[:S].sum() if src_n[:S].sum() > 0 else np.zeros(S)
    # our matrices are ~100x100: a BLAS thread pool costs more than it saves there
    with threadpool_limits(limits=1, user_api="blas"):
        _fit_reply(model, rows, S, G, weights)
        _fit_win(model, rows, S, G)
        _fit_complaint(model, rows, S)
    won = np.array([book.statuses[i] == "won" for i in keep], dtype=bool)
    value = np.where(np.isnan(book.value[keep]) & won, book.won_value[keep], book.value[keep])
    fit_values(model, value, lead_src, S)
    fit_engaged(model, rows)
    return model


def _source_vocab(names):
    counts: dict = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda s: (-counts[s], s))
    kept = set(ranked[:MAX_SOURCES])
    if len(ranked) > MAX_SOURCES:
        kept.add("(other)")  # the long tail of rare sources learns one shared offset
    sources = sorted(set(P.SOURCE_PRIORS) | kept)
    index = {name: i for i, name in enumerate(sources)}
    return sources, {name: index.get(name, index.get("(other)")) for name in counts}


def _signal_vocab(signal_lists):
    counts: dict = {}
    for names in signal_lists:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    extra = sorted(
        (n for n in counts if n not in P.SIGNAL_PRIORS and counts[n] >= MIN_EXTRA_SIGNAL),
        key=lambda n: (-counts[n], n),
    )
    return list(P.KNOWN_SIGNALS) + extra[: MAX_SIGNALS - len(P.KNOWN_SIGNALS)]


@dataclass
class Rows:
    """What each sub-model counts, one row per attempt (or per lead for wins)."""

    haz: (
        np.ndarray
    )  # silent tries: source, k-1, signals, channel, switch, spacing, age, agreed, replied
    cmp: np.ndarray  # every try: source, tries, tries that week, channel, engaged, opted out
    win: np.ndarray  # finished leads that answered: lead, source, signals, k-1 of the answer, won
    eng: np.ndarray  # engaged contacts of finished leads: lead, streak, contacts left, won
    lead_src: np.ndarray
    n_attempts: int


def _walk(book, keep, lead_src, masks) -> Rows:
    """One pass over every attempt of the kept leads, producing the rows each sub-model counts."""
    att = book.attempts
    starts = np.searchsorted(att.lead, np.arange(book.n + 1)).tolist()
    at = [None if t != t else t for t in att.at.tolist()]
    channel, outcome, progress = att.channel.tolist(), att.outcome.tolist(), att.progress.tolist()
    commit_at = book.commit_at.tolist()
    haz: list = []
    cmp: list = []
    win: list = []
    eng: list = []
    for li, i in enumerate(keep):
        status = book.statuses[i]
        created = book.created[i].item()
        lead = _Lead(li, int(lead_src[li]), int(masks[li]), status, created, commit_at[i])
        span = range(starts[i], starts[i + 1])
        lead.walk([(at[j], channel[j], outcome[j], progress[j]) for j in span], haz, cmp, eng)
        if lead.finished and lead.responded:
            win.append((li, lead.src, lead.mask, min(lead.k_reply, P.K) - 1, int(status == "won")))
    return Rows(
        haz=_timing_buckets(np.array(haz, dtype=float).reshape(-1, 10)),
        cmp=np.array(cmp, dtype=np.int64).reshape(-1, 6),
        win=np.array(win, dtype=np.int64).reshape(-1, 5),
        eng=np.array(eng, dtype=np.int64).reshape(-1, 4),
        lead_src=lead_src,
        n_attempts=len(cmp),
    )


def _timing_buckets(raw: np.ndarray) -> np.ndarray:
    """Silent tries with their gap and age (seconds, columns 5 and 6) turned into the spacing
    bucket and the fine age bin of their effects; the attempt number (column 9) is dropped."""
    raw[:, 5] = gap_buckets(raw[:, 5], raw[:, 9])
    raw[:, 6] = age_bins(raw[:, 6])
    return raw[:, :9].astype(np.int64)


class _Lead:
    """One lead's chase, walked attempt by attempt."""

    def __init__(self, li, src, mask, status, created, agreed):
        self.li, self.src, self.mask, self.status = li, src, mask, status
        self.created = None if created != created else created
        self.agreed = None if agreed != agreed else agreed
        self.finished = status in P.CLOSED
        self.responded = False
        self.k_reply = 0

    def walk(self, attempts, haz, cmp, eng):
        real = [a for a in attempts if a[2] != BOUNCED]
        explicit_opt = any(a[2] == OPTED_OUT for a in real)
        k = streak = 0
        prev, prev_ts = P.NO_CHANNEL, self.created
        times: list = []
        eng_start = len(eng)
        for idx, (ts, ci, outcome, progress) in enumerate(real):
            c = ci if ci >= 0 else 0
            n7 = 0
            if ts is not None:
                for t in reversed(times):
                    if t is None or ts - t >= WEEK:
                        break
                    n7 += 1
            # a complaint is an opt-out after a silent try; "no, and remove me" is a reply
            replied = outcome in RESPONSE_CODES
            opted = outcome == OPTED_OUT or (
                self.status == "opted_out"
                and not explicit_opt
                and idx == len(real) - 1
                and not replied
            )
            cmp.append((self.src, min(idx + 1, 15), min(n7, 6), c, int(self.responded), int(opted)))
            if not self.responded:
                k += 1
                haz.append(self._silent_try(k, ts, prev_ts, c, prev, replied))
                if replied:
                    self.responded, self.k_reply, streak = True, k, 0
            else:
                if self.finished:
                    eng.append(
                        [self.li, min(streak, P.ENGAGED_J - 1), 0, int(self.status == "won")]
                    )
                streak = _next_streak(streak, replied, progress)
            prev, prev_ts = c, ts
            times.append(ts)
        for r, row in enumerate(eng[eng_start:]):
            row[2] = len(eng) - eng_start - r  # contacts from here to the end
        if self.status == "won" and not self.responded:
            self.responded, self.k_reply = True, max(k, 1)

    def _silent_try(self, k, ts, prev_ts, c, prev, replied):
        gap = ts - prev_ts if ts is not None and prev_ts is not None else NAN
        age = ts - self.created if ts is not None and self.created is not None else NAN
        into = c + 1 if prev != P.NO_CHANNEL and c != prev else 0
        hit = self.agreed is not None and ts is not None and abs(ts - self.agreed) < P.AGREED_WINDOW
        return (self.src, min(k, P.K) - 1, self.mask, c, into, gap, age, int(hit), int(replied), k)


def _next_streak(streak, reply, progress):
    """Contacts in a row without progress since the lead engaged (seed 002: time to move on)."""
    if progress == 1:
        return 0
    if progress == 0 or not reply:
        return streak + 1
    return streak


def _bits(masks, G):
    return ((masks[:, None] >> np.arange(G)[None, :]) & 1).astype(float)


class _ReplyLayout:
    """Where each effect of the reply model sits among the regression's columns:
    a_k | d_s | e_sk | signals | channel (email, text, visit) | switch into (4) | spacing (8)
    | age | agreed time | steepness | signal fades."""

    def __init__(self, S: int, G: int):
        self.S, self.G, self.n = S, G, 0
        self.a, self.d, self.e = self._next(P.K), self._next(S), self._next(S * P.K)
        self.g, self.c, self.sw, self.sp = (
            self._next(G),
            self._next(3),
            self._next(4),
            self._next(8),
        )
        # the age curve: its steps from knot to knot (knot values: age_knots_of_params)
        self.age, self.hit = self._next(P.AGE_KNOTS - 1), self._next(1)
        self.lam, self.fade = self._next(1), self._next(G)

    def _next(self, size: int) -> slice:
        self.n += size
        return slice(self.n - size, self.n)


def age_knots_of_params() -> np.ndarray:
    """(AGE_KNOTS, AGE_KNOTS - 1): the age curve at its knots from its parameters, the steps
    from one knot to the next (a random walk): the curve is 0 at age 0 and f_i = the sum of
    the first i steps. Where the history has no tries, the steps fall back to the articles'
    gentle decline instead of carrying a trend on."""
    i = np.arange(P.AGE_KNOTS)[:, None]
    m = np.arange(1, P.AGE_KNOTS)[None, :]
    return (m <= i).astype(float)


def _reply_design(cells, L: _ReplyLayout, drop):
    """One row per cell of (source, k-1, signals, channel, switch, spacing, age, agreed)."""
    K = P.K
    s, k, mask, ch, into, gb, ab, hit = (cells[:, i] for i in range(8))
    X = np.zeros((len(cells), L.n))
    r = np.arange(len(cells))
    # the curve is a random walk over attempts: a_k = sum of steps up to k, so attempts with
    # little data follow the trend of their neighbours instead of falling back to the prior
    upto = (np.arange(K)[None, :] <= k[:, None]).astype(float)
    X[:, L.a] = upto
    X[r, L.d.start + s] = 1.0
    for si in range(L.S):
        X[s == si, L.e.start + si * K : L.e.start + (si + 1) * K] = upto[s == si]
    bits = _bits(mask, L.G)
    X[:, L.g] = bits
    # a signal says most about the first tries: among leads still silent after several, the
    # keen ones have mostly answered already, so each signal's effect may fade with attempts
    X[:, L.fade] = bits * P.fade(k)[:, None]
    X[r[ch > 0], L.c.start + ch[ch > 0] - 1] = 1.0
    X[r[into > 0], L.sw.start + into[into > 0] - 1] = 1.0
    X[r, L.sp.start + gb] = 1.0
    X[:, L.age] = age_bin_weights(ab) @ age_knots_of_params()
    X[:, L.hit] = hit[:, None]
    # how steeply replies fall with attempts is learned as one scale on the articles' shape
    # (1 = the prior curve, 0 = flat): data on attempts 2-8 then speaks for the unseen tail too
    X[:, L.lam] = drop[k][:, None]
    return X


def _reply_prior(model, L: _ReplyLayout, curve):
    """Prior means and sds: the articles' curve, source and signal effects, timing."""
    mean, sd = np.zeros(L.n), np.zeros(L.n)
    mean[0], sd[L.a], sd[0] = curve[0], P.SD["curve_step"], P.SD["curve"]
    mean[L.lam], sd[L.lam] = 1.0, P.SD["steepness"]
    sd[L.fade] = P.SD["signal_fade"]
    mean[L.d], sd[L.d] = [P.source_prior(n)[0] for n in model.sources], P.SD["source"]
    sd[L.e] = P.SD["source_k"]
    sd[L.e.start + np.arange(L.S) * P.K] = 1e-4  # a source's level is d_s; e_s only bends it
    mean[L.g], sd[L.g] = [P.signal_prior(n)[0] for n in model.signals], P.SD["signal"]
    mean[L.c], sd[L.c] = P.CHANNEL_REPLY[1:], P.SD["channel"]
    mean[L.sw], sd[L.sw] = P.SWITCH_INTO, P.SD["channel"]
    mean[L.sp], sd[L.sp] = P.SPACING_PRIORS, P.SD["spacing"]
    sd[L.sp.start + np.array(P.SPACING_REFERENCE)] = 1e-4  # reference buckets: the curve's level
    mean[L.age], sd[L.age] = P.AGE_SLOPE, P.SD["age_step"]
    mean[L.hit], sd[L.hit] = P.AGREED_TIME, P.SD["channel"]
    return mean, sd


def _reply_contrasts(L: _ReplyLayout, weights, drop):
    """Rows giving theta[s, k] = a_k + d_s + e_sk (+ the steepness); the pooled row S uses the
    sources' weighted mean."""
    K, S = P.K, L.S
    C = np.zeros(((S + 1) * K, L.n))
    for si in range(S + 1):
        for ki in range(K):
            row = C[si * K + ki]
            row[: ki + 1] = 1.0
            row[L.lam] = drop[ki]
            if si < S:
                row[L.d.start + si] = 1.0
                row[L.e.start + si * K : L.e.start + si * K + ki + 1] = 1.0
            else:
                row[L.d] = weights
                for j in range(ki + 1):
                    row[L.e.start + np.arange(S) * K + j] = weights
    return C


def _fit_reply(model, rows, S, G, weights):
    """The reply hazard: log-odds of answering try k given silence so far (see docs)."""
    K, haz = P.K, rows.haz
    cells, trials, succ = aggregate(haz[:, :8], haz[:, 8])
    L = _ReplyLayout(S, G)
    curve = np.array([P.logit(p) for p in P.POOLED_CURVE])
    drop = curve - curve[0]
    mean, sd = _reply_prior(model, L, curve)
    beta, beta_sd, cov = _fit_age_bend(
        model, _reply_design(cells, L, drop), trials, succ, L, mean, sd
    )
    C = _reply_contrasts(L, weights, drop)
    model.reply_logit = (C @ beta).reshape(S + 1, K)
    # the Insights curve is shown at the spacing and age this business actually had per attempt
    spacing, age = _typical_timing(haz)
    rows_all = np.arange((S + 1) * K)
    C[rows_all, L.sp.start + np.tile(spacing, S + 1)] = 1.0
    C[rows_all, L.age] = np.tile(age_bin_weights(age) @ age_knots_of_params(), (S + 1, 1))
    model.curve_logit = (C @ beta).reshape(S + 1, K)
    model.curve_sd = np.sqrt(np.clip(np.einsum("ij,jk,ik->i", C, cov, C), 0, None)).reshape(
        S + 1, K
    )
    tried, replied = np.zeros((S + 1, K)), np.zeros((S + 1, K))
    np.add.at(tried, (haz[:, 0], haz[:, 1]), 1.0)
    np.add.at(replied, (haz[:, 0], haz[:, 1]), haz[:, 8])
    tried[S], replied[S] = tried[:S].sum(axis=0), replied[:S].sum(axis=0)
    model.tried, model.replied = tried, replied
    model.sig_reply, model.sig_reply_sd = beta[L.g], beta_sd[L.g]
    model.chan_reply = np.concatenate([[0.0], beta[L.c]])
    model.switch_into, model.spacing = beta[L.sw], beta[L.sp]
    model.age_curve = age_knots_of_params() @ beta[L.age]
    model.age = model.age_effect(np.array(AGE_BUCKET_DAYS) * 86400.0)
    model.agreed, model.steepness = float(beta[L.hit][0]), float(beta[L.lam][0])
    model.sig_fade = beta[L.fade]


def _fit_age_bend(model, X, trials, succ, L: _ReplyLayout, mean, sd):
    """fit_logistic, with the age curve's random-walk step size set by the data: a few rounds
    of EM on that variance (the mean square of the steps' departures from their prior mean
    plus their posterior variance). With no data the step size stays at its prior."""
    sd = sd.copy()
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
    model.age_bend = float(sd[bends.start])
    return beta, beta_sd, cov


def _typical_timing(haz):
    """The most common spacing and age bin per attempt number (the articles' without data)."""
    typical = np.array(P.TYPICAL_BUCKET)
    typical_days = np.concatenate(
        [[0.0], np.cumsum([*P.SCHEDULES[0], *[P.SCHEDULES[0][-1]] * P.K])]
    )
    typical_age = age_bins(typical_days[: P.K] * 86400.0)
    if not len(haz):
        return typical, typical_age
    top = P.AGE_KNOTS * P.AGE_BINS_PER_KNOT
    counts, ages = np.zeros((P.K, 8)), np.zeros((P.K, top))
    np.add.at(counts, (haz[:, 1], haz[:, 5]), 1.0)
    np.add.at(ages, (haz[:, 1], haz[:, 6]), 1.0)
    seen = counts.sum(axis=1) > 0
    return np.where(seen, counts.argmax(axis=1), typical), np.where(
        seen, ages.argmax(axis=1), typical_age
    )


def _fit_win(model, rows, S, G):
    win = rows.win
    cells, trials, succ = aggregate(win[:, 1:4], win[:, 4])
    n_par = 1 + S + G + 1
    X = np.zeros((len(cells), n_par))
    r = np.arange(len(cells))
    X[:, 0] = 1.0
    X[r, 1 + cells[:, 0]] = 1.0
    X[:, 1 + S : 1 + S + G] = _bits(cells[:, 1], G)
    X[:, -1] = cells[:, 2]
    base = P.logit(P.UNKNOWN_SOURCE[1])
    mean = np.concatenate(
        [
            [base],
            [P.logit(P.source_prior(n)[1]) - base for n in model.sources],
            [P.signal_prior(n)[1] for n in model.signals],
            [P.WIN_LATE],
        ]
    )
    sd = np.concatenate(
        [
            [P.SD["win_base"]],
            np.full(S, P.SD["source"]),
            np.full(G, P.SD["signal"]),
            [P.SD["win_late"]],
        ]
    )
    beta, beta_sd, cov = fit_logistic(X, trials, succ, mean, sd)
    responders = np.bincount(win[:, 1], minlength=S + 1).astype(float)[: S + 1]
    won = np.bincount(win[:, 1], weights=win[:, 4], minlength=S + 1)[: S + 1]
    responders[S], won[S] = responders[:S].sum(), won[:S].sum()
    w = responders[:S] / responders[:S].sum() if responders[:S].sum() else np.zeros(S)
    C = np.zeros((S + 1, n_par))
    C[:, 0] = 1.0
    C[np.arange(S), 1 + np.arange(S)] = 1.0
    C[S, 1 : 1 + S] = w
    model.win_logit = C @ beta
    model.win_sd = np.sqrt(np.clip(np.einsum("ij,jk,ik->i", C, cov, C), 0, None))
    model.sig_win, model.sig_win_sd = beta[1 + S : 1 + S + G], beta_sd[1 + S : 1 + S + G]
    model.win_late = float(beta[-1])
    model.win_responders, model.win_won = responders, won


def _fit_complaint(model, rows, S):
    cmp = rows.cmp
    cells, trials, succ = aggregate(cmp[:, :5], cmp[:, 5])
    n_par = 4 + S + 3
    X = np.zeros((len(cells), n_par))
    r = np.arange(len(cells))
    X[:, 0] = 1.0
    X[:, 1] = cells[:, 1] - 1
    X[:, 2] = cells[:, 2]
    X[:, 3] = cells[:, 4]
    X[r, 4 + cells[:, 0]] = 1.0
    has_c = cells[:, 3] > 0
    X[r[has_c], 4 + S + cells[has_c, 3] - 1] = 1.0
    mean = np.concatenate(
        [
            [P.COMPLAINT_BASE, P.COMPLAINT_PER_ATTEMPT, P.COMPLAINT_PER_RECENT, -0.5],
            [P.source_prior(n)[2] for n in model.sources],
            P.CHANNEL_COMPLAINT[1:],
        ]
    )
    sd = np.concatenate(
        [
            [P.SD["c_base"], P.SD["c_attempt"], P.SD["c_recent"], 1.0],
            np.full(S, P.SD["source"]),
            np.full(3, P.SD["channel"]),
        ]
    )
    beta, _, cov = fit_logistic(X, trials, succ, mean, sd)
    model.c_base, model.c_attempt, model.c_recent, model.c_engaged = (float(b) for b in beta[:4])
    src = beta[4 : 4 + S]
    n = model.source_leads[:S]
    pooled = float((src * n).sum() / n.sum()) if n.sum() else 0.0
    # variance of the complaint log-odds, for pricing annoyance cautiously (see lookahead):
    # var = q0[s, c] + a^2 s11 + r^2 s22 + 2a q1[s, c] + 2r q2[s, c] + 2ar s12,
    # a = attempts before this one, r = attempts in the 7 days before it
    w = n / n.sum() if n.sum() else np.zeros(S)
    f = np.zeros((S + 1, 4, n_par))
    f[:, :, 0] = 1.0
    f[np.arange(S), :, 4 + np.arange(S)] = 1.0
    f[S, :, 4 : 4 + S] = w[:, None].T
    for c in range(1, 4):
        f[:, c, 4 + S + c - 1] = 1.0
    model.c_q0 = np.einsum("scp,pq,scq->sc", f, cov, f)
    model.c_q1 = np.einsum("scp,p->sc", f, cov[1])
    model.c_q2 = np.einsum("scp,p->sc", f, cov[2])
    model.c_s = np.array([cov[1, 1], cov[2, 2], cov[1, 2]])

    model.c_source = np.concatenate([src, [pooled]])
    model.c_channel = np.concatenate([[0.0], beta[4 + S :]])
    kk = np.minimum(cmp[:, 1], P.K) - 1
    model.c_tried = np.bincount(kk, minlength=P.K).astype(float)[: P.K]
    model.c_events = np.bincount(kk, weights=cmp[:, 5], minlength=P.K)[: P.K]
