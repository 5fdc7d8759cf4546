"""The oracle: the world's true parameters, dynamic programming over each lead's chase.

It knows everything about the world except each lead's hidden type, which it
integrates out: the posterior over the type grid given the lead's source,
signals and every silent attempt so far (exact, since the truth lives on the
grid). While a lead stays silent the only thing observed is that silence, so
a chase is a sequence of (channel, gap) steps; the oracle finds it by backward
induction over (attempts made, day) with every channel the lead has and every
gap of 1 to 14 days at each step. Each state keeps the per-type value vector
of its best continuation (so the value of the chosen chase is exact for every
type); the choice at a state is scored with the belief expected there.

The day's minutes are shared across leads: every lead whose best first step
is today is a candidate, ranked by what its chase loses if it starts later
instead, per minute of the contact, and the day is filled from the top (the
runner does the filling). When the day is oversubscribed, minutes get a
shadow price: what the first contact that does not fit loses per minute by
waiting, in the same ranking (smoothed over days). Later steps of every chase
pay it, and today's channel is the one worth most net of it, so plans prefer
the channels that spare minutes and only chases worth scarce minutes are
begun. (The price is the ranking's own measure: priced at the chase's whole
value per minute instead, a minute looked many times dearer than what it
buys, and the oracle chased too briefly and by email.) A candidate crowded
out keeps its valuation for a few days before it is valued again (its state
only aged).

It takes every email as delivered, though an untried address bounces at the
world's rate (up to 8%). Counting that at the first step (bounced: its minutes
lost, the plan going on) moved the oracle's profit by -0.8% to +0.7% over
3 runs of 4 worlds bouncing 6.8-7.9%, noise; counting a bounce as the chase's end
lost 1-2% in 3 of those worlds (one run each). So it is left out.
"""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from fairchase.sim.baselines import OPEN, _stop
from fairchase.sim.mechanisms import CHANNELS
from fairchase.sim.timing import as_datetime, attempts_in_week, cap_time, schedule
from fairchase.sim.worlds import DEFAULT_MINUTES, World

GAPS = np.arange(1, 15)  # every gap of 1..14 days
HORIZON_DAYS = 49  # the chase is planned this far ahead (fading makes later tries worth little)
MAX_STEPS = 6  # attempts planned ahead (re-planned after each one)
CROWDED_DAYS = 3  # a candidate crowded out is valued again after this (the price moves)
RECHECK_DAYS = 7  # a lead not worth the scarce minutes is looked at again after this


class Oracle:
    """Upper bound: true parameters, posterior over hidden types, DP over the chase."""

    name = "oracle"

    def __init__(self, world: World, settings: dict | None = None):
        self.world = world
        self.settings = dict(settings or world.policy_settings())
        self.minutes = {**DEFAULT_MINUTES, **(self.settings.get("minutes") or {})}
        self._belief: dict[str, tuple[int, np.ndarray]] = {}
        self._cache: dict[
            str, tuple[int, int, dict]
        ] = {}  # id -> (attempts, day to recheck, decision)
        self.price = 0.0  # shadow price of a future selling minute, currency per minute

    # --- beliefs ------------------------------------------------------------------
    def belief(self, lead: dict, src: int) -> np.ndarray:
        """Posterior weights over the type grid (sums to 1), updated by each silent attempt."""
        w = self.world
        attempts = lead.get("attempts") or []
        done, lw = self._belief.get(lead["id"], (0, None))
        if lw is None:
            lw = np.log(w.mechanism.prior[src]) + w.signal_loglik(set(lead.get("signals") or []))
        created = as_datetime(lead["created_at"])
        prev = as_datetime(attempts[done - 1]["at"]) if done else None
        for j in range(done, len(attempts)):
            a = attempts[j]
            t = as_datetime(a["at"])
            if a.get("outcome") != "bounced":
                gap = (t - prev).total_seconds() / 86400 if prev else None
                age = (t - created).total_seconds() / 86400
                p = w.reply_prob(j + 1, _chan(a.get("channel")), age, gap)
                lw = lw + np.log1p(-np.minimum(p, 0.999999))
            prev = t
        self._belief[lead["id"]] = (len(attempts), lw)
        post = np.exp(lw - lw.max())
        return post / post.sum()

    # --- planning -----------------------------------------------------------------
    def plan(self, leads: list[dict], now: datetime) -> list[dict]:
        """Decisions for every lead: contact today by value per minute, wait, or stop."""
        today = self.world.day_of(now)
        out, todo = [], []
        for lead in leads:
            src = self.world.source_index(lead.get("source"))
            k = len(lead.get("attempts") or [])
            if lead.get("status") not in OPEN or src < 0 or not self._channels(lead):
                out.append(_stop(lead, "Closed, unknown or unreachable."))
                continue
            cached = self._cache.get(lead["id"])
            if cached and cached[0] == k and cached[1] > today:
                out.append(self._refresh(cached[2], lead, now))
            else:
                todo.append((lead, src))
        for start in range(0, len(todo), 128):
            out.extend(self._decide(todo[start : start + 128], now, today))
        end = self.world.day_start(today + 1)
        self._update_price(
            [d for d in out if d["action"] == "contact" and as_datetime(d["due"]) < end]
        )
        out.sort(key=lambda d: -d["priority"])
        return out

    def _update_price(self, contacts: list[dict]) -> None:
        """The clearing price of a minute: the priority (what it loses per minute by waiting)
        of the first of today's contacts, in the runner's order, that does not fit in the day;
        0 when all fit. Half of it is yesterday's price: one day's marginal contact is noisy,
        but a longer memory lags the load (0.8 of yesterday's did worse in busy worlds)."""
        left, clearing = float(self.settings.get("daily_minutes", 120.0)), 0.0
        for d in sorted(contacts, key=lambda d: -d["priority"]):
            need = self.minutes[d["channel"]]
            if need > left:
                clearing = max(d["priority"], 0.0)
                break
            left -= need
        self.price = 0.5 * self.price + 0.5 * clearing

    def _channels(self, lead: dict) -> list[int]:
        chans = lead.get("channels")
        chans = ["call", "email"] if chans is None else chans
        bounced = {
            a.get("channel") for a in lead.get("attempts") or [] if a.get("outcome") == "bounced"
        }
        return [CHANNELS.index(c) for c in chans if c in CHANNELS and c not in bounced]

    def _decide(self, rows: list[tuple[dict, int]], now: datetime, today: int) -> list[dict]:
        """Decisions for a batch of leads: the DP over their chases, then each first step."""
        bt = _Batch(self, rows, now, today)
        alpha = self._steps(bt, self._tail(bt))
        return [self._root(bt, r, now, today, alpha) for r in range(len(rows))]

    def _steps(self, bt: _Batch, alpha: np.ndarray) -> np.ndarray:
        """Backward induction over the planned steps: per type, the value of the best chase
        from each (attempts of the plan made, day) state, given the value after the last."""
        w, L, T, ng = self.world, bt.L, bt.T, len(GAPS)
        inside = (np.arange(T + 1)[:, None] + GAPS[None, :] <= T)[None]  # next try within the plan
        for n in range(MAX_STEPS - 1, 0, -1):  # state: n attempts of the plan made, at day t
            tn = min(T, ng * n) + 1  # days reachable in n steps from today
            surv = bt.survs[n][:, :tn]
            norm = surv.sum(axis=2)[:, :, None]
            # [l, t, g, gap-1]: alpha at t+gap
            nxt = sliding_window_view(alpha[:, 1:], ng, axis=1)[:, :tn]
            best_score = np.zeros((L, tn))
            best = np.zeros((L, tn, w.mechanism.G), np.float32)
            for c in np.flatnonzero(bt.allowed.any(axis=0)):
                p = sliding_window_view(bt.p_at(n, c)[:, 1:], ng, axis=1)[:, :tn] * bt.spacing
                cm = bt.annoy(n, c)[:, None, None, :]
                # value of trying: p (gain - keep + cm cc) + keep - cm cc - minutes' cost,
                # keep = (1 - cm) x the continuation's value if still silent
                keep = (1 - cm) * nxt
                cost = cm * bt.cc + np.float32(bt.mins[c] * bt.per_min)
                cand = p * (bt.gain[..., None] - keep + cm * bt.cc) + (keep - cost)
                score = np.einsum("ltg,ltgd->ltd", surv, cand) / norm
                score = np.where(inside[:, :tn] & bt.allowed[:, c][:, None, None], score, -np.inf)
                gi = score.argmax(axis=2)
                top = np.take_along_axis(score, gi[:, :, None], axis=2)[:, :, 0]
                better = top > best_score
                best_score = np.where(better, top, best_score)
                chosen = np.take_along_axis(cand, gi[:, :, None, None], axis=3)[..., 0]
                best = np.where(better[:, :, None], chosen, best)
            pad = np.zeros((L, T + 1 + ng - tn, w.mechanism.G), np.float32)
            alpha = np.concatenate([best, pad], axis=1)
        return alpha

    def _tail(self, bt: _Batch) -> np.ndarray:
        """Value per type of chasing on from day t after the planned steps, as many tries as pay.

        A DP over days alone (each try moves time on by its gap), with the chance of the
        last planned attempt number: without it a limited number of steps would make a
        try now look like it spends a try better kept for later.
        """
        w, ng, n, L, T = self.world, len(GAPS), MAX_STEPS - 1, bt.L, bt.T
        surv = bt.survs[-1]
        tail = np.zeros((L, T + 1 + ng, w.mechanism.G), np.float32)
        chans = np.flatnonzero(bt.allowed.any(axis=0))
        pc = {c: bt.p_at(n, c) for c in chans}  # (L, days, G), before spacing
        cms = {c: bt.annoy(n, c)[:, :, None] for c in chans}  # (L, gaps, 1)
        sp = bt.spacing[None, :, None]
        for t in range(T - 1, -1, -1):
            belief = surv[:, t, :] / surv[:, t, :].sum(axis=1, keepdims=True)
            hi = min(ng, T - t)  # gaps that stay inside the plan
            nx = tail[:, t + 1 : t + 1 + hi, :]
            best_score, best = np.zeros(L), np.zeros((L, w.mechanism.G), np.float32)
            for c in chans:
                p = pc[c][:, t + 1 : t + 1 + hi, :] * sp[:, :hi]
                cm = cms[c][:, :hi]
                keep = (1 - cm) * nx
                cost = cm * bt.cc + np.float32(bt.mins[c] * bt.per_min)
                cand = p * (bt.gain - keep + cm * bt.cc) + keep - cost
                score = np.einsum("lg,ldg->ld", belief, cand)
                score = np.where(bt.allowed[:, c][:, None], score, -np.inf)
                gi = score.argmax(axis=1)
                top = score[np.arange(L), gi]
                better = top > best_score
                best_score = np.where(better, top, best_score)
                best = np.where(better[:, None], cand[np.arange(L), gi], best)
            tail[:, t] = best
        return tail

    def _root(self, bt: _Batch, r: int, now: datetime, today: int, alpha: np.ndarray) -> dict:
        """Best first step for lead r: which day (0 = today) and channel, with the chase's value."""
        lead = bt.rows[r][0]
        times = [as_datetime(a["at"]) for a in lead.get("attempts") or []]
        g0, chans, v = self._first_steps(bt, r, now, today, times, alpha)
        if not v.size or v.max() <= 0:
            if self.price > 0.01:  # not worth the scarce minutes now: look again later
                reason = f"Oracle: not worth minutes at {self.price:.2f} a minute now."
                return self._remember(lead, today + RECHECK_DAYS, _wait(lead, reason))
            return self._remember(lead, 10**9, _stop(lead, "Oracle: no chase is worth its cost."))
        d, ci = np.unravel_index(int(np.argmax(v)), v.shape)
        best_v, first, c = float(v[d, ci]), int(g0[d]), int(chans[ci])
        if first > 0:
            reason = f"Oracle: {CHANNELS[c]} in {first} days (chase worth {best_v:.2f})."
            return self._remember(lead, today + first, _wait(lead, reason))
        # today's minute is worth what the chase loses if it starts later instead
        later = max(float(v[g0 > 0].max()) if (g0 > 0).any() else 0.0, 0.0)
        # today's channel: the most value net of the minutes' price (a text may beat a call)
        ci = int(np.argmax(np.where(v[0] > 0, v[0] - self.price * bt.mins[chans], -np.inf)))
        c, best_v = int(chans[ci]), float(v[0, ci])
        channel = CHANNELS[c]
        due = schedule(times, now, now, lead.get("timezone"), bt.cap, bt.btz)
        dec = {
            "id": lead["id"],
            "action": "contact",
            "channel": channel,
            "due": due,
            "priority": (best_v - later + 1e-3 * best_v) / bt.mins[c],
            "expected_value": best_v,
            "next_state": None,
            "revisit_at": None,
            "reason": f"Oracle: {channel} now, chase worth {best_v:.2f}.",
        }
        return self._remember(lead, today + CROWDED_DAYS, dec)

    def _first_steps(self, bt: _Batch, r, now, today, times, alpha):
        """The chase's value per day the first step may take (0..14) and channel: (g0, chans, v)."""
        w, lead, k = self.world, bt.rows[r][0], int(bt.k[r])
        start = (cap_time(times, now, bt.cap) - now).total_seconds() / 86400
        g0 = np.arange(max(0, math.ceil(start - 1e-9)), 15)
        age = bt.age0[r] + g0
        last_age = None
        if times:
            last_age = (times[-1] - as_datetime(lead["created_at"])).total_seconds() / 86400
        gap = None if last_age is None else np.maximum(age - last_age, 0.0)[:, None, None]
        days = [max(now, w.day_start(today + int(g))) for g in g0]
        recent = np.array([attempts_in_week(times, t) + 1 for t in days])[:, None]
        chans = np.flatnonzero(bt.allowed[r])
        p = w.reply_prob(k + 1, chans[None, :, None], age[:, None, None], gap)  # (days, chans, G)
        p = p * (g0 < w.horizon - today)[:, None, None]
        cm = w.annoy_prob(k + 1, recent, chans[None, :])[:, :, None]
        # today's minutes are shared out by the ranking; a later first step pays the scarce price
        minute = bt.today_per_min + self.price * (g0 > 0)[:, None, None]
        cand = (
            p * bt.gain[r, 0]
            - bt.mins[chans][None, :, None] * minute
            - (1 - p) * cm * bt.cc
            + (1 - p) * (1 - cm) * alpha[r, g0][:, None, :]
        )
        return g0, chans, cand @ bt.b0[r]  # v: (days, chans)

    def _refresh(self, decision: dict, lead: dict, now: datetime) -> dict:
        """A cached decision; a contact is moved to today's first allowed moment."""
        if decision["action"] != "contact":
            return decision
        s = self.settings
        times = [as_datetime(a["at"]) for a in lead.get("attempts") or []]
        due = schedule(
            times,
            now,
            now,
            lead.get("timezone"),
            int(s.get("max_attempts_per_week", 3)),
            s.get("business_timezone", "UTC"),
        )
        return {**decision, "due": due}

    def _remember(self, lead: dict, until: int, decision: dict) -> dict:
        self._cache[lead["id"]] = (len(lead.get("attempts") or []), until, decision)
        return decision


class _Batch:
    """A batch of leads the oracle plans together: their state, beliefs and the economics."""

    def __init__(self, oracle: Oracle, rows: list[tuple[dict, int]], now: datetime, today: int):
        w, s = oracle.world, oracle.settings
        self.world, self.rows = w, rows
        self.cap, self.btz = (
            int(s.get("max_attempts_per_week", 3)),
            s.get("business_timezone", "UTC"),
        )
        self.L, self.T = len(rows), HORIZON_DAYS
        self.k = np.array([len(lead.get("attempts") or []) for lead, _ in rows])
        self.age0 = np.array(
            [(now - as_datetime(lead["created_at"])).total_seconds() / 86400 for lead, _ in rows]
        )
        src = np.array([sr for _, sr in rows])
        value = np.array(
            [float(lead["value"]) if lead.get("value") else w.mean_value(sr) for lead, sr in rows]
        )
        self.allowed = np.zeros((self.L, len(CHANNELS)), bool)
        for r, (lead, _) in enumerate(rows):
            self.allowed[r, oracle._channels(lead)] = True
        self.b0 = np.array([oracle.belief(lead, sr) for lead, sr in rows], dtype=np.float32)
        margin = float(s["margin"])
        self.gain = (w.win_prob(src) * (value * margin)[:, None])[:, None, :].astype(np.float32)
        # future minutes: scarce ones cost more; today's are shared out by the ranking
        self.today_per_min = float(s["hourly_cost"]) / 60
        self.per_min = self.today_per_min + oracle.price
        self.mins = np.array([oracle.minutes[c] for c in CHANNELS])
        self.cc = float(s["complaint_cost"])
        self.ages = self.age0[:, None] + np.arange(self.T + 1 + len(GAPS))[None, :]
        # the run is judged up to its last day: a try after it earns nothing
        self.live = (np.arange(self.ages.shape[1]) < w.horizon - today)[None, :, None]
        self.spacing = w.spacing_factor(w.spacing, GAPS).astype(np.float32)
        self.recent = np.minimum(self.cap, 1 + (GAPS < 7) + (GAPS < 3.5))
        # the belief's reference channel, and the belief expected after n silent tries by day t
        ref = np.argmax(self.allowed * np.array([1.0, 0.8, 0.7, 0.1]), axis=1)
        self.survs = [self.b0[:, None, :]]  # unnormalised
        for m in range(MAX_STEPS - 1):
            p = self.p_at(m, ref[:, None, None])[:, : self.T + 1]
            self.survs.append(self.survs[-1] * (1 - p))

    def p_at(self, n, c) -> np.ndarray:
        """Reply chance before spacing of step n (attempt k+n+1) on channel c, per day: (L, days, G)."""
        j = (self.k + n + 1)[:, None, None]
        return (self.world.mechanism.reply(j, c, self.ages[:, :, None]) * self.live).astype(
            np.float32
        )

    def annoy(self, n, c) -> np.ndarray:
        """Complaint chance of step n on channel c after each gap: (L, gaps)."""
        return self.world.annoy_prob((self.k + n + 1)[:, None], self.recent[None, :], c).astype(
            np.float32
        )


def _chan(name) -> int:
    return CHANNELS.index(name) if name in CHANNELS else 0


def _wait(lead: dict, reason: str) -> dict:
    return {
        "id": lead["id"],
        "action": "wait",
        "channel": None,
        "due": None,
        "priority": 0.0,
        "expected_value": 0.0,
        "next_state": None,
        "revisit_at": None,
        "reason": reason,
    }


def true_reply_curve(
    world: World,
    source: str,
    attempts: int = 10,
    channel: str = "call",
    gap_days: float = 3.0,
    first_delay_days: float = 0.05,
) -> list[float]:
    """The world's true P(answers attempt j | silent so far) for a source, j = 1..attempts.

    Averaged over the hidden types (prior of the source, signals ignored) for
    leads tried on `channel` every `gap_days`.
    """
    src = world.source_index(source)
    post = world.mechanism.prior[src].copy()
    out, age, c = [], first_delay_days, _chan(channel)
    for j in range(1, attempts + 1):
        p = world.reply_prob(j, c, age, None if j == 1 else gap_days)
        out.append(float(post @ p / post.sum()))
        post = post * (1 - p)
        age += gap_days
    return out
