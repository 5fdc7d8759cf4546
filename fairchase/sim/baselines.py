"""The folk rules from the articles, as policies with the same interface as `plan`.

Every policy here is an object with a `name` and `plan(leads, now)` returning
contract decisions, so the runner treats them exactly like Fairchase. Folk
rules play fair: they respect contact hours and the weekly cap like everyone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from fairchase.sim.timing import DAY, as_datetime, schedule

OPEN = ("open", "engaged")
RESPONDED = ("replied", "talked")


def _times(lead: dict) -> list[datetime]:
    return [as_datetime(a["at"]) for a in lead.get("attempts") or []]


def _stop(lead: dict, reason: str) -> dict:
    nurture = "mailing_list" in (lead.get("consents") or [])
    return {
        "id": lead["id"],
        "action": "stop",
        "channel": None,
        "due": None,
        "priority": 0.0,
        "expected_value": 0.0,
        "next_state": "nurture" if nurture else "closed",
        "revisit_at": None,
        "reason": reason,
    }


def _usable(lead: dict, channel: str) -> str | None:
    """The rule's channel if the lead has it and it never bounced, else another it has, else None."""
    channels = lead.get("channels")
    channels = ["call", "email"] if channels is None else channels
    bounced = {
        a.get("channel") for a in lead.get("attempts") or [] if a.get("outcome") == "bounced"
    }
    for c in (channel, "call", "email", "text"):
        if c in channels and c not in bounced:
            return c
    return None


@dataclass(frozen=True)
class FolkRule:
    """A rule of thumb: how many tries, how far apart, on which channels.

    `max_attempts` None means never stop; `per_value` makes the number of tries
    grow with the deal value (seed 004). Gaps are days after the previous try
    (the last one repeats); channels cycle.
    """

    name: str
    source: str
    max_attempts: int | None
    gaps: tuple[float, ...]
    channels: tuple[str, ...] = ("call",)
    per_value: bool = False
    settings: dict | None = None

    def budget(self, lead: dict) -> int | None:
        """How many attempts this rule allows for the lead."""
        if not self.per_value:
            return self.max_attempts
        value = lead.get("value") or (self.settings or {}).get("default_value") or 1000.0
        # $1,000 -> 3 tries, $10,000 -> 6, $100,000 -> 10 (capped), $300 -> 1
        return int(min(10, max(1, math.floor(2.5 + 3.5 * math.log10(max(value, 1) / 1000) + 0.5))))

    def with_settings(self, settings: dict) -> FolkRule:
        """The same rule bound to a business's settings (cap, zone, default value)."""
        return FolkRule(
            self.name,
            self.source,
            self.max_attempts,
            self.gaps,
            self.channels,
            self.per_value,
            dict(settings),
        )

    def plan(self, leads: list[dict], now: datetime) -> list[dict]:
        """One decision per open lead: next try per the rule, or stop when the rule is done."""
        s = self.settings or {}
        cap = int(s.get("max_attempts_per_week", 3))
        btz = s.get("business_timezone", "UTC")
        out = []
        for lead in leads:
            if lead.get("status") not in OPEN:
                out.append(_stop(lead, "Closed."))
                continue
            attempts = lead.get("attempts") or []
            k = len(attempts)
            if any(a.get("outcome") in RESPONDED + ("opted_out",) for a in attempts):
                out.append(_stop(lead, "They answered or opted out: the rule has nothing to add."))
                continue
            limit = self.budget(lead)
            if limit is not None and k >= limit:
                out.append(_stop(lead, f"{self.name}: {k} unanswered tries, the rule says stop."))
                continue
            channel = _usable(lead, self.channels[k % len(self.channels)])
            if channel is None:
                out.append(_stop(lead, f"{self.name}: no channel left to reach them on."))
                continue
            times = _times(lead)
            if k == 0:
                commit = (lead.get("commitment") or {}).get("due")
                target = as_datetime(commit) if commit else as_datetime(lead["created_at"])
            else:
                target = times[-1] + self.gaps[min(k - 1, len(self.gaps) - 1)] * DAY
            due = schedule(times, target, now, lead.get("timezone"), cap, btz)
            value = float(lead.get("value") or 0.0)
            out.append(
                {
                    "id": lead["id"],
                    "action": "contact",
                    "channel": channel,
                    "due": due,
                    # folk priority: new enquiries first, then bigger deals
                    "priority": 1.0 / (1 + k) + 1e-9 * value,
                    "expected_value": 0.0,
                    "next_state": None,
                    "revisit_at": None,
                    "reason": f"{self.name}: try {k + 1} of {limit or 'many'}.",
                }
            )
        out.sort(key=lambda d: -d["priority"])
        return out


BASELINES: tuple[FolkRule, ...] = (
    FolkRule("one_attempt", "seed 004: 48% give up after the first contact", 1, (2.0,)),
    FolkRule(
        "agreed_then_2d",
        "seed 000: agreed time, +2 days (call then email), stop",
        3,
        (2.0, 1.0),
        ("call", "call", "email"),
    ),
    FolkRule(
        "two_three_in_2wk",
        "seed 001: 2-3 tries in a week or two, call then text/email",
        3,
        (4.0, 6.0),
        ("call", "text", "call"),
    ),
    FolkRule(
        "weekly_plus_late",
        "seed 002: 3-4 weekly follow-ups, a late one weeks later",
        5,
        (7.0, 7.0, 7.0, 21.0),
        ("call",),
    ),
    FolkRule(
        "value_scaled",
        "seed 004: $1,000 is worth 2-3 calls, $10,000 many more",
        None,
        (2.0, 3.0, 5.0, 7.0),
        ("call", "email", "call", "text"),
        per_value=True,
    ),
    FolkRule(
        "five_plus",
        "seed 004: 80% of sales come after 5+ contacts",
        6,
        (2.0, 3.0, 4.0, 7.0),
        ("call", "email"),
    ),
    FolkRule(
        "never_stop",
        "seed 001: 'I always keep calling'",
        None,
        (2.0, 3.0, 5.0, 7.0),
        ("call", "email", "text"),
    ),
)


def baselines(settings: dict) -> list[FolkRule]:
    """The folk rules bound to a business's settings."""
    return [b.with_settings(settings) for b in BASELINES]


class Exploratory:
    """The past's haphazard follow-up, used to make a history to learn from.

    Each lead gets a random budget of 1-8 tries, random channels and random gaps,
    so the history covers many attempt numbers, channels and spacings.
    """

    name = "exploratory"
    GAPS = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 14.0])

    def __init__(self, settings: dict, seed: int = 0):
        self.settings = dict(settings)
        self.rng = np.random.default_rng([seed, 7])
        self.budget: dict[str, int] = {}

    def choose(self, lead: dict) -> tuple[str, float]:
        """A random channel the lead has and a random gap in days."""
        channels = lead.get("channels") or ["call", "email"]
        weights = np.array(
            [{"call": 0.5, "email": 0.3, "text": 0.2, "visit": 0.03}.get(c, 0.1) for c in channels]
        )
        c = channels[int(self.rng.choice(len(channels), p=weights / weights.sum()))]
        return c, float(self.rng.choice(self.GAPS))

    def limit(self, lead_id: str) -> int:
        """This lead's random budget of tries."""
        if lead_id not in self.budget:
            self.budget[lead_id] = int(self.rng.integers(1, 9))
        return self.budget[lead_id]
