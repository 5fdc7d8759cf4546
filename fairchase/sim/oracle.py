"""The oracle: the world's true parameters plus the expected-value stopping rule.

It knows the population model (source means, signal likelihoods, attempt,
channel, spacing and decay effects, complaint risk, P(win | reply)) but NOT a
lead's hidden interest: it integrates over the interest distribution given
the lead's observable signals and its silence so far (a posterior on a grid).
For each candidate schedule (channel pattern x spacing) it runs the rule

    V_k = max(0, EV_k + (1 - h_k)(1 - c_k) V_{k+1})
    EV_k = h_k E[p_win] value margin - minutes hourly_cost / 60 - (1 - h_k) c_k complaint_cost

and contacts while the best V is positive: the practical upper bound.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from fairchase.sim.baselines import OPEN, _stop
from fairchase.sim.timing import DAY, as_datetime, schedule, zone
from fairchase.sim.worlds import DEFAULT_MINUTES, SIGNALS, World, sigmoid

PATTERNS = (("call",), ("email",), ("call", "email"), ("email", "call"), ("text", "call"))
GAPS = (2.0, 4.0)


class Oracle:
    """Expected-value optimal stopping with the world's true population parameters."""

    name = "oracle"

    def __init__(self, world: World, settings: dict | None = None, grid: int = 20, horizon: int = 8):
        self.world = world
        self.settings = dict(settings or world.policy_settings())
        mus = [s.interest for s in world.sources]
        sd = world.interest_sd
        self.grid = np.linspace(min(mus) - 4 * sd, max(mus) + 4 * sd, grid)
        self.H = horizon
        self._prior: dict = {}
        self._post: dict[str, tuple[int, np.ndarray]] = {}
        self._eff = np.array(world.attempt_effect)

    # --- beliefs ------------------------------------------------------------------
    def prior(self, src: int, signals: list[str]) -> np.ndarray:
        """Log-density of hidden interest on the grid given source and signals."""
        key = (src, frozenset(s for s in signals if s in SIGNALS))
        if key not in self._prior:
            w, z = self.world, self.grid
            lp = -0.5 * ((z - w.sources[src].interest) / w.interest_sd) ** 2
            for name, (a, g) in SIGNALS.items():
                q = sigmoid(a + g * z)
                lp = lp + np.log(q if name in key[1] else 1 - q)
            self._prior[key] = lp
        return self._prior[key]

    def posterior(self, lead: dict, src: int) -> np.ndarray:
        """Log-weights on the grid after the lead's unanswered attempts (cached per lead)."""
        attempts = lead.get("attempts") or []
        done, lw = self._post.get(lead["id"], (0, None))
        if lw is None:
            lw = self.prior(src, lead.get("signals") or []).copy()
        if done < len(attempts):
            w = self.world
            created = as_datetime(lead["created_at"])
            commit = (lead.get("commitment") or {}).get("due")
            tz = zone(lead.get("timezone"))
            prev_t, prev_c = None, None
            for j, a in enumerate(attempts):
                t = as_datetime(a["at"])
                if j >= done and a.get("outcome") != "bounced":
                    gap = (t - prev_t).total_seconds() / 86400 if prev_t else None
                    hit = (j == 0 and commit is not None
                           and t.astimezone(tz).date() == as_datetime(commit).astimezone(tz).date())
                    shift = w.reply_shift(j + 1, a["channel"], prev_c, gap, hit)
                    age = (t - created).total_seconds() / 86400
                    lw = lw + np.log1p(-sigmoid(shift + self.grid) * w.decay(age))
                prev_t, prev_c = t, a["channel"]
            self._post[lead["id"]] = (len(attempts), lw)
        return lw

    # --- planning -----------------------------------------------------------------
    def plan(self, leads: list[dict], now: datetime) -> list[dict]:
        """Decisions for all leads: contact while the best schedule's value is positive."""
        w, s = self.world, self.settings
        cap = int(s.get("max_attempts_per_week", 3))
        out, rows = [], []
        for lead in leads:
            src = w.source_index(lead.get("source"))
            if lead.get("status") not in OPEN or src < 0:
                out.append(_stop(lead, "Closed or unknown."))
                continue
            rows.append((lead, src))
        if rows:
            out.extend(self._decide(rows, now, cap))
        out.sort(key=lambda d: -d["priority"])
        return out

    def _decide(self, rows, now: datetime, cap: int) -> list[dict]:
        w, s, G = self.world, self.settings, len(self.grid)
        minutes = {**DEFAULT_MINUTES, **(s.get("minutes") or {})}
        hc, margin, cc = float(s["hourly_cost"]), float(s["margin"]), float(s["complaint_cost"])
        L = len(rows)
        lw = np.empty((L, G))
        k = np.empty(L, int)
        past = np.full((L, cap), -np.inf)  # last `cap` attempt times, days from now
        created = np.empty(L)
        commit = np.full(L, np.nan)
        value = np.empty(L)
        prev_call = np.zeros(L, bool)
        src_i = np.empty(L, int)
        ok = {c: np.ones(L, bool) for c in ("call", "email", "text")}
        for r, (lead, src) in enumerate(rows):
            lw[r] = self.posterior(lead, src)
            atts = lead.get("attempts") or []
            k[r] = len(atts)
            for i, a in enumerate(atts[-cap:]):
                past[r, cap - len(atts[-cap:]) + i] = (as_datetime(a["at"]) - now).total_seconds() / 86400
            created[r] = (as_datetime(lead["created_at"]) - now).total_seconds() / 86400
            due = (lead.get("commitment") or {}).get("due")
            if due is not None and not atts:
                commit[r] = (as_datetime(due) - now).total_seconds() / 86400
            v = lead.get("value")
            value[r] = float(v) if v else w.mean_value(src)
            prev_call[r] = bool(atts) and atts[-1].get("channel") == "call"
            src_i[r] = src
            chans = lead.get("channels") or ["call", "email"]
            bounced = {a.get("channel") for a in atts if a.get("outcome") == "bounced"}
            for c in ok:
                ok[c][r] = c in chans and c not in bounced
        post = np.exp(lw - lw.max(axis=1, keepdims=True))
        post /= post.sum(axis=1, keepdims=True)
        pwin = w.win_prob_grid(src_i, self.grid)  # (L, G)
        best_v = np.full(L, -np.inf)
        best = [None] * L
        best_ev = np.zeros(L)
        for pattern in PATTERNS:
            allowed = np.logical_and.reduce([ok[c] for c in set(pattern)])
            if not allowed.any():
                continue
            for gap in GAPS:
                v0, ev0 = self._value(pattern, gap, k, past, created, commit, value, prev_call,
                                      post, pwin, minutes, hc, margin, cc, cap)
                better = allowed & (v0 > best_v)
                best_v[better] = v0[better]
                best_ev[better] = ev0[better]
                for r in np.flatnonzero(better):
                    best[r] = (pattern[0], gap)
        out = []
        btz = s.get("business_timezone", "UTC")
        for r, (lead, _src) in enumerate(rows):
            if best[r] is None or best_v[r] <= 0:
                out.append(_stop(lead, f"Oracle: best expected value {best_v[r]:.2f} is not positive."))
                continue
            channel, gap = best[r]
            atts = lead.get("attempts") or []
            times = [as_datetime(a["at"]) for a in atts]
            if atts:
                target = times[-1] + gap * DAY
            elif not np.isnan(commit[r]) and commit[r] >= 0:
                target = as_datetime(lead["commitment"]["due"])
            else:
                target = now
            due = schedule(times, target, now, lead.get("timezone"), cap, btz)
            m = minutes.get(channel, 6.0)
            ev = best_ev[r]
            prio = ev / m if ev > 0 else 0.01 * best_v[r] / m
            out.append({"id": lead["id"], "action": "contact", "channel": channel, "due": due,
                        "priority": float(prio), "expected_value": float(ev), "next_state": None,
                        "revisit_at": None,
                        "reason": f"Oracle: value of chasing {best_v[r]:.2f}, next try {ev:.2f}."})
        return out

    def _value(self, pattern, gap, k, past, created, commit, value, prev_call, post, pwin,
               minutes, hc, margin, cc, cap):
        """Value V_0 and next-try EV_0 of following (pattern, gap) from now, per lead."""
        w, H = self.world, self.H
        L = len(k)
        T = np.concatenate([past, np.zeros((L, H))], axis=1)
        last = past[:, -1]
        first_commit = ~np.isnan(commit) & (commit >= 0)
        shift = np.empty((L, H))
        dec = np.empty((L, H))
        annoy = np.empty((L, H))
        mins = np.empty(H)
        prev_is_call = prev_call.copy()
        for h in range(H):
            c = pattern[h % len(pattern)]
            mins[h] = minutes.get(c, 6.0)
            prev_t = T[:, cap + h - 1]
            if h == 0:
                t = np.where(np.isfinite(last), np.maximum(0.0, last + gap), 0.0)
                t = np.where(first_commit, commit, t)
            else:
                t = prev_t + gap
            t = np.maximum(t, T[:, h] + 7.0)  # the attempt `cap` back must be a week old
            T[:, cap + h] = t
            j = k + h + 1
            gapd = t - prev_t
            sh = (w.base_logit + self._eff[np.minimum(j, len(self._eff)) - 1]
                  + w.channel_effect.get(c, -1.0))
            sh = sh + np.where(prev_is_call & (c in ("email", "text")), w.switch_bonus, 0.0)
            sh = sh - w.spacing_penalty * np.exp(-gapd / w.spacing_days)  # inf gap: no penalty
            if h == 0:
                sh = sh + np.where(first_commit, w.commitment_bonus, 0.0)
            shift[:, h] = sh
            dec[:, h] = w.decay(t - created)
            recent = (T[:, : cap + h] > t[:, None] - 7.0).sum(axis=1) + 1
            annoy[:, h] = w.annoy_prob(j, recent, c)
            prev_is_call = np.full(L, c == "call")
        # float32 halves the cost of the (leads, horizon, grid) arrays; plenty for a decision
        f32 = np.float32
        x = shift.astype(f32)[:, :, None] + self.grid.astype(f32)[None, None, :]
        p = (1 / (1 + np.exp(-x))) * dec.astype(f32)[:, :, None]  # (L,H,G)
        S = np.ones_like(p)
        np.cumprod(1 - p[:, :-1], axis=1, out=S[:, 1:])
        ws = post.astype(f32)[:, None, :] * S
        denom = ws.sum(axis=2)
        wp = ws * p
        hz = (wp.sum(axis=2) / denom).astype(float)
        gain = ((wp * pwin.astype(f32)[:, None, :]).sum(axis=2) / denom).astype(float)
        ev = gain * (value * margin)[:, None] - mins[None, :] * hc / 60 - (1 - hz) * annoy * cc
        return ev[:, 0] + (1 - hz[:, 0]) * (1 - annoy[:, 0]) * _tail(ev, hz, annoy), ev[:, 0]


def _tail(ev, hz, annoy):
    """Continuation value after the first step (the first step itself is not optional)."""
    L, H = ev.shape
    V = np.zeros(L)
    for h in range(H - 1, 0, -1):
        V = np.maximum(0.0, ev[:, h] + (1 - hz[:, h]) * (1 - annoy[:, h]) * V)
    return V


def true_reply_curve(world: World, source: str, attempts: int = 10, signals: tuple = (),
                     channel: str = "call", gap_days: float = 2.5,
                     first_delay_days: float = 0.02, timing: str = "fixed") -> list[float]:
    """The world's true P(answers attempt k | silent so far) for a source, k = 1..attempts.

    Averaged over hidden interest given the signals (none by default) for leads
    tried on `channel` every `gap_days` (timing="fixed"), or at the history's own
    random first delays and gaps (timing="history": what a model that does not
    track a lead's age can learn from that history).
    """
    if timing == "history":
        return _history_timing_curve(world, source, attempts, signals, channel)
    o = Oracle(world, grid=80)
    src = world.source_index(source)
    post = np.exp(o.prior(src, list(signals)))
    post /= post.sum()
    out, age, prev = [], first_delay_days, None
    for j in range(1, attempts + 1):
        shift = world.reply_shift(j, channel, prev, None if j == 1 else gap_days, False)
        p = sigmoid(shift + o.grid) * world.decay(age)
        out.append(float((post * p).sum() / post.sum()))
        post = post * (1 - p)
        age += gap_days
        prev = channel
    return out


def _history_timing_curve(world, source, attempts, signals, channel, n=4000, seed=0):
    from fairchase.sim.baselines import Exploratory

    o = Oracle(world, grid=60)
    rng = np.random.default_rng(seed)
    prior = np.exp(o.prior(world.source_index(source), list(signals)))
    surv = np.tile(prior / prior.sum(), (n, 1))  # (schedules, grid)
    age = rng.uniform(0.01, 1.5, n)  # the exploratory first delay
    out, gap = [], None
    for j in range(1, attempts + 1):
        shift = np.array([world.reply_shift(j, channel, channel if j > 1 else None, g, False)
                          for g in (gap if gap is not None else [None] * n)])
        p = sigmoid(shift[:, None] + o.grid[None, :]) * world.decay(age)[:, None]
        out.append(float((surv * p).sum() / surv.sum()))
        surv = surv * (1 - p)
        gap = rng.choice(Exploratory.GAPS, n)
        age = age + gap
    return out
