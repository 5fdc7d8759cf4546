"""A model-free learner: what a careful analyst would do with a spreadsheet of past tries.

Reply rate by source x attempt number x channel, each cell smoothed (Beta
prior) toward the same attempt and channel over all sources, which is itself
smoothed toward the channel's overall rate; win rate by source smoothed toward
the pooled rate; complaints per silent try by channel. It contacts a lead
while the next try pays for itself:

    p x P(win | reply) x value x margin - minutes x hourly cost - (1 - p) x P(complaint) x cost > 0

on the channel with the best value per minute (only channels the lead has),
two days after the last try, and ranks the day by value per minute. It refits
on the same schedule as Fairchase (the runner calls `learn`).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from statistics import median

from fairchase.sim.baselines import OPEN, RESPONDED, _stop
from fairchase.sim.timing import DAY, as_datetime, schedule
from fairchase.sim.worlds import DEFAULT_MINUTES

MAX_J = 10  # attempt numbers from 10 on share one cell
STRENGTH = 10.0  # prior pseudo-tries of each Beta smoothing
GAP_DAYS = 2.0
CHANNELS = ("call", "email", "text", "visit")


def _smooth(hits: float, tries: float, toward: float, strength: float = STRENGTH) -> float:
    return (hits + strength * toward) / (tries + strength)


class Learner:
    """Counts and Beta smoothing, the expected-value rule, priority by value per minute."""

    name = "learner"

    def __init__(self, history: list[dict], settings: dict):
        self.settings = dict(settings)
        self.minutes = {**DEFAULT_MINUTES, **(self.settings.get("minutes") or {})}
        self.history = list(history)
        self._fit(self.history)

    def learn(self, records: list[dict]) -> None:
        """Refit on the history plus the leads tried since the run began."""
        self._fit(self.history + records)

    def _fit(self, records: list[dict]) -> None:
        tries, replies = Counter(), Counter()
        complaints, silent = Counter(), Counter()
        wins, answered = Counter(), Counter()
        values: dict[str, list[float]] = {}
        for rec in records:
            src = rec.get("source")
            if rec.get("value"):
                values.setdefault(src, []).append(float(rec["value"]))
            for j, a in enumerate(rec.get("attempts") or [], 1):
                c, out = a.get("channel"), a.get("outcome")
                if out == "bounced":
                    continue
                tries[src, min(j, MAX_J), c] += 1
                if out in RESPONDED:
                    replies[src, min(j, MAX_J), c] += 1
                    answered[src] += 1
                    wins[src] += rec.get("status") == "won"
                    break
                silent[c] += 1
                complaints[c] += out == "opted_out"
        self.tries, self.replies = tries, replies
        total_t, total_r = sum(tries.values()), sum(replies.values())
        overall = _smooth(total_r, total_t, 0.1)
        self.by_channel = {
            c: _smooth(
                sum(v for (_, _, cc), v in replies.items() if cc == c),
                sum(v for (_, _, cc), v in tries.items() if cc == c),
                overall,
            )
            for c in CHANNELS
        }
        pooled_t, pooled_r = Counter(), Counter()
        for (_, j, c), v in tries.items():
            pooled_t[j, c] += v
        for (_, j, c), v in replies.items():
            pooled_r[j, c] += v
        self.pooled = {
            (j, c): _smooth(pooled_r[j, c], pooled_t[j, c], self.by_channel[c])
            for j in range(1, MAX_J + 1)
            for c in CHANNELS
        }
        win_all = _smooth(sum(wins.values()), sum(answered.values()), 0.3)
        self.win = {s: _smooth(wins[s], answered[s], win_all) for s in answered}
        self.win_all = win_all
        all_c = _smooth(sum(complaints.values()), sum(silent.values()), 0.005, 100)
        self.complaint = {c: _smooth(complaints[c], silent[c], all_c, 100) for c in CHANNELS}
        every = [v for vs in values.values() for v in vs]
        self.default_value = median(every) if every else 1000.0
        self.value = {s: median(vs) for s, vs in values.items()}

    def reply_rate(self, source: str, j: int, channel: str) -> float:
        """Smoothed P(answer) of attempt j on `channel` for a lead of `source`."""
        key = (source, min(j, MAX_J), channel)
        return _smooth(self.replies[key], self.tries[key], self.pooled[min(j, MAX_J), channel])

    def next_try(self, lead: dict) -> tuple[str | None, float]:
        """The allowed channel with the best value per minute, and that try's expected value."""
        s = self.settings
        src, j = lead.get("source"), len(lead.get("attempts") or []) + 1
        value = float(lead.get("value") or self.value.get(src) or self.default_value)
        gain = self.win.get(src, self.win_all) * value * float(s.get("margin", 1.0))
        per_min, cc = float(s.get("hourly_cost", 50.0)) / 60, float(s.get("complaint_cost", 200.0))
        chans = lead.get("channels")
        chans = ["call", "email"] if chans is None else chans
        bounced = {
            a.get("channel") for a in lead.get("attempts") or [] if a.get("outcome") == "bounced"
        }
        best, best_ev, best_rate = None, 0.0, 0.0
        for c in chans:
            if c not in CHANNELS or c in bounced:
                continue
            p = self.reply_rate(src, j, c)
            ev = p * gain - self.minutes[c] * per_min - (1 - p) * self.complaint[c] * cc
            if ev > 0 and ev / self.minutes[c] > best_rate:
                best, best_ev, best_rate = c, ev, ev / self.minutes[c]
        return best, best_ev

    def plan(self, leads: list[dict], now: datetime) -> list[dict]:
        """Contact while the next try's expected value is positive; rank by value per minute."""
        s = self.settings
        cap, btz = int(s.get("max_attempts_per_week", 3)), s.get("business_timezone", "UTC")
        out = []
        for lead in leads:
            atts = lead.get("attempts") or []
            if lead.get("status") not in OPEN or any(
                a.get("outcome") in RESPONDED + ("opted_out",) for a in atts
            ):
                out.append(_stop(lead, "Closed, answered or opted out."))
                continue
            channel, ev = self.next_try(lead)
            if channel is None:
                out.append(_stop(lead, "Learner: no try pays for itself."))
                continue
            times = [as_datetime(a["at"]) for a in atts]
            target = times[-1] + GAP_DAYS * DAY if times else now
            due = schedule(times, target, now, lead.get("timezone"), cap, btz)
            out.append(
                {
                    "id": lead["id"],
                    "action": "contact",
                    "channel": channel,
                    "due": due,
                    "priority": ev / self.minutes[channel],
                    "expected_value": ev,
                    "next_state": None,
                    "revisit_at": None,
                    "reason": f"Learner: {channel}, expected value {ev:.2f}.",
                }
            )
        out.sort(key=lambda d: -d["priority"])
        return out
