"""A family of synthetic businesses drawn at random, and the leads they generate.

`draw_world(seed)` draws a business from wide ranges: its sources and their
mix, deal values over 100x, how leads differ, one of four response
mechanisms (`mechanisms.py`, three of them not the form Fairchase fits),
fading, channel effects (text and visit included), complaint risk growing
with tries and tries per week, daily minutes from 30 to 600, hourly cost and
arrivals per day. `TEST_SEEDS` are the yardstick (never tune on them);
`TUNING_SEEDS` are for tuning.

Everything random about a lead is drawn up front (common random numbers):
attempt k of lead i uses the same uniforms whichever policy makes it.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from fairchase.sim.mechanisms import CHANNELS, KINDS, Mechanism, draw_mechanism, sigmoid
from fairchase.sim.timing import attempts_in_week, zone

KMAX = 64  # uniforms drawn per lead; more than any policy can make in the horizon
TEST_SEEDS = tuple(range(1000, 1052))  # the yardstick: 52 worlds, 13 of each mechanism
TUNING_SEEDS = tuple(range(1, 41))  # tune on these, never on the test seeds

# name: (alpha, gamma): P(signal) = sigmoid(alpha + strength * gamma * score). Seed 002's signs.
SIGNALS: dict[str, tuple[float, float]] = {
    "asked_price": (-1.3, 0.8),
    "asked_details": (-1.0, 0.6),
    "stated_need": (-1.4, 0.7),
    "initiated_contact": (-0.8, 0.5),
    "vague": (-1.6, -0.7),
    "no_specific_interest": (-2.0, -0.8),
    "short_conversation": (-1.7, -0.5),
    "distracted": (-2.3, -0.4),
}
SOURCE_NAMES = (
    "referral",
    "inbound_call",
    "walk_in",
    "web_form",
    "event",
    "cold_outreach",
    "purchased_list",
)
US_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
DEFAULT_MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
SIM_START = (2025, 3, 3, 8)  # a Monday, 08:00 in the business zone
REPLY_OUTCOME = {"call": "talked", "visit": "talked"}


@dataclass(frozen=True)
class Source:
    """One kind of lead: share of arrivals, deal value, P(win | reply) at average keenness."""

    name: str
    share: float
    value_median: float
    win_logit: float


@dataclass(frozen=True)
class World:
    """A business: its sources, how its leads respond, and its settings."""

    name: str
    seed: int
    sources: tuple[Source, ...]
    mechanism: Mechanism
    arrivals_per_day: float
    settings: dict = field(default_factory=dict)
    value_sigma: float = 0.6
    value_known: float = 0.85
    signal_strength: float = 1.0
    win_score: float = 0.4  # P(win | reply) rises with the lead's keenness
    spacing: float = 0.3  # share of the reply chance lost when trying again the next day
    annoy_base: float = -6.0  # complaint logit on a first, lone attempt
    annoy_attempt: float = 0.3  # per attempt already made
    annoy_recent: float = 0.6  # per other attempt in the last 7 days
    annoy_channel: tuple[float, ...] = (0.0, -0.3, 0.3, 0.5)
    unsubscribe: float = 0.15  # a reply that is a "no" asks to be removed
    bounce_rate: float = 0.03
    phone_rate: float = 0.95
    email_rate: float = 0.9
    sms_consent: float = 0.4
    visit_rate: float = 0.0
    mailing_consent: float = 0.5
    timezones: tuple[str, ...] = ("America/Chicago",)
    days: int = 45  # days with arrivals
    drain_days: int = 25  # then no new leads: slow cadences finish their chase too
    history_days: int = 60

    @property
    def kind(self) -> str:
        return self.mechanism.kind

    @property
    def description(self) -> str:
        s = self.policy_settings()
        values = ", ".join(f"{x.name} ${x.value_median:,.0f}" for x in self.sources)
        return (
            f"{self.kind} replies; {self.arrivals_per_day:.1f} leads/day; "
            f"{s['daily_minutes']:.0f} min/day at ${s['hourly_cost']:.0f}/h; {values}"
        )

    # --- the true model -------------------------------------------------------
    def source_index(self, name: str) -> int:
        """Index of a source by name, -1 when the world has no such source."""
        for i, s in enumerate(self.sources):
            if s.name == name:
                return i
        return -1

    @staticmethod
    def spacing_factor(spacing: float, gap_days):
        """Share of the reply chance kept when trying again `gap_days` after the last try."""
        if gap_days is None:
            return 1.0
        return 1.0 - spacing * np.exp(-np.maximum(np.asarray(gap_days, dtype=float), 0.0))

    def reply_prob(self, j, chan, age, gap_days):
        """True P(answer) per type of attempt j on channel index `chan` at `age` after `gap_days`."""
        return self.mechanism.reply(j, chan, age) * self.spacing_factor(self.spacing, gap_days)

    def annoy_prob(self, j, recent7, chan):
        """Chance that a silent lead complains/opts out after attempt j with `recent7` in 7 days."""
        x = (
            self.annoy_base
            + self.annoy_attempt * (np.asarray(j) - 1)
            + self.annoy_recent * (np.asarray(recent7) - 1)
            + np.asarray(self.annoy_channel)[chan]
        )
        return sigmoid(x)

    def win_prob(self, src):
        """P(win | reply) per type (last axis) for source index/indices `src`."""
        wl = np.array([s.win_logit for s in self.sources])[np.asarray(src)]
        return sigmoid(np.asarray(wl)[..., None] + self.win_score * self.mechanism.score)

    def signal_loglik(self, signals) -> np.ndarray:
        """log P(these signals seen, the others not | type), per type."""
        out = np.zeros(self.mechanism.G)
        for name, (a, g) in SIGNALS.items():
            q = sigmoid(a + self.signal_strength * g * self.mechanism.score)
            out += np.log(q if name in signals else 1 - q)
        return out

    def mean_value(self, src: int) -> float:
        """Expected deal value of a source (lognormal mean)."""
        return self.sources[src].value_median * math.exp(self.value_sigma**2 / 2)

    def setting(self, key: str, default=None):
        """A business setting of this world, with the contract's defaults."""
        defaults = {
            "hourly_cost": 50.0,
            "margin": 1.0,
            "daily_minutes": 120.0,
            "complaint_cost": 200.0,
            "max_attempts_per_week": 3,
            "business_timezone": self.timezones[0],
            "minutes": DEFAULT_MINUTES,
        }
        return self.settings.get(key, defaults.get(key, default))

    def policy_settings(self) -> dict:
        """The settings a business would type into Fairchase (nothing about the world's truth)."""
        keys = (
            "hourly_cost",
            "margin",
            "daily_minutes",
            "complaint_cost",
            "max_attempts_per_week",
            "business_timezone",
            "minutes",
        )
        return {k: self.setting(k) for k in keys}

    @property
    def horizon(self) -> int:
        """Days simulated: arrivals, then the drain."""
        return self.days + self.drain_days

    def start(self) -> datetime:
        """Simulation start: a Monday 08:00 in the business zone, as UTC."""
        return self.day_start(0)

    def day_start(self, day: int) -> datetime:
        """When sim day `day` (0 = the start, negative = the past) begins, as UTC.

        A sim day is the business's local day: it begins at 08:00 on its clock every day,
        so the day a clock changes is 23 or 25 hours long. (Counted in 24-hour steps, the
        days after 9 March 2025 began at 09:00 EDT and the Sunday's took Monday's first hour.)
        """
        return _morning(self.setting("business_timezone"), day)

    def day_of(self, t: datetime) -> int:
        """The sim day `t` falls in: the one whose 08:00 in the business zone last began."""
        local = t.astimezone(self._zone)
        before_morning = int(local.hour < SIM_START[3])  # still the previous day's
        return (local.date() - date(*SIM_START[:3])).days - before_morning

    @property
    def _zone(self) -> ZoneInfo:
        return zone(self.setting("business_timezone"))

    def quick(self) -> World:
        """A small version of this world for tests: fewer days and leads."""
        return replace(
            self,
            days=25,
            drain_days=20,
            history_days=40,
            arrivals_per_day=min(8.0, max(2.0, self.arrivals_per_day / 3)),
        )

    # --- drawing leads ----------------------------------------------------------
    def draw_leads(self, days: int, seed: int, first_day: int = 0, prefix: str = "L") -> LeadPool:
        """Leads arriving over `days` sim days from `first_day` (default: the simulation start).

        Each lead is created in the 24 hours before its day's morning (`day_start`).
        """
        rng = np.random.default_rng(
            [seed, zlib.crc32(self.name.encode()), zlib.crc32(prefix.encode())]
        )
        per_day = rng.poisson(self.arrivals_per_day, size=days)
        n = int(per_day.sum())
        shares = np.array([s.share for s in self.sources])
        src = rng.choice(len(self.sources), size=n, p=shares / shares.sum())
        mech = self.mechanism
        cum = np.cumsum(mech.prior[src], axis=1)
        typ = np.minimum((rng.random(n)[:, None] > cum).sum(axis=1), mech.G - 1)
        med = np.array([s.value_median for s in self.sources])[src]
        value = np.maximum(
            np.round(med * np.exp(self.value_sigma * rng.standard_normal(n)), -1), 10.0
        )
        names = list(SIGNALS)
        a = np.array([SIGNALS[s][0] for s in names])
        g = np.array([SIGNALS[s][1] for s in names]) * self.signal_strength
        has = rng.random((n, len(names))) < sigmoid(
            a[None, :] + g[None, :] * mech.score[typ][:, None]
        )
        reach = rng.random((n, 6))
        pool = LeadPool(
            world=self,
            n=n,
            prefix=prefix,
            src=src,
            typ=typ,
            value=value,
            value_known=rng.random(n) < self.value_known,
            arrival_day=np.repeat(np.arange(days), per_day),
            u=rng.random((n, KMAX, 3)),
            u_win=rng.random(n),
            u_unsub=rng.random(n),
            bad_email=rng.random(n) < self.bounce_rate,
        )
        tz_idx = rng.integers(len(self.timezones), size=n)
        created_off = rng.uniform(0.02, 1.0, size=n)  # over the 24 hours before the morning
        for i in range(n):
            morning = self.day_start(first_day + int(pool.arrival_day[i]))
            pool.created.append(morning - timedelta(days=float(created_off[i])))
            pool.tz.append(self.timezones[tz_idx[i]])
            pool.signals.append([names[k] for k in np.flatnonzero(has[i])])
            consents, chans = self._reach(reach[i])
            pool.consents.append(consents)
            pool.channels.append(chans)
        return pool

    def _reach(self, u: np.ndarray) -> tuple[list[str], list[str]]:
        """A lead's consents and the channels it can be reached on, from its 6 uniforms."""
        sms, mailing = u[2] < self.sms_consent, u[4] < self.mailing_consent
        consents = (["mailing_list"] if mailing else []) + (["sms"] if sms else [])
        ok = (u[0] < self.phone_rate, u[1] < self.email_rate, sms, u[3] < self.visit_rate)
        chans = [c for c, yes in zip(CHANNELS, ok, strict=True) if yes]
        return consents, chans or ["email"]


@dataclass
class LeadPool:
    """The leads of one run, with their hidden types and pre-drawn random numbers."""

    world: World
    n: int
    prefix: str
    src: np.ndarray
    typ: np.ndarray
    value: np.ndarray
    value_known: np.ndarray
    arrival_day: np.ndarray
    u: np.ndarray
    u_win: np.ndarray
    u_unsub: np.ndarray
    bad_email: np.ndarray
    created: list = field(default_factory=list)
    tz: list = field(default_factory=list)
    signals: list = field(default_factory=list)
    consents: list = field(default_factory=list)
    channels: list = field(default_factory=list)

    def lead_id(self, i: int) -> str:
        """The public id of lead i."""
        return f"{self.prefix}{i:06d}"

    def record(self, i: int) -> dict:
        """Lead i as the contract's open lead record (no hidden fields)."""
        return {
            "id": self.lead_id(i),
            "source": self.world.sources[self.src[i]].name,
            "value": float(self.value[i]) if self.value_known[i] else None,
            "created_at": self.created[i],
            "timezone": self.tz[i],
            "signals": list(self.signals[i]),
            "consents": list(self.consents[i]),
            "channels": list(self.channels[i]),
            "attempts": [],
            "status": "open",
            "won_value": None,
        }

    def type_prior(self, i: int) -> np.ndarray:
        """log P(type) of lead i given what anyone can see of it: its source and signals."""
        w = self.world
        with np.errstate(divide="ignore"):
            prior = np.log(w.mechanism.prior[self.src[i]])
        return prior + w.signal_loglik(set(self.signals[i]))

    def type_chances(self, i: int, k: int, channel: str, t: datetime, times: list[datetime]):
        """Per hidden type (P(answer), P(win | answer)), and P(complaint | silent), of lead i's
        attempt k+1 at t."""
        w = self.world
        if channel == "email" and self.bad_email[i]:
            none = np.zeros(w.mechanism.G)
            return none, none, 0.0
        c = CHANNELS.index(channel) if channel in CHANNELS else 0
        gap = (t - times[-1]).total_seconds() / 86400 if times else None
        age = (t - self.created[i]).total_seconds() / 86400
        recent = attempts_in_week(times, t) + 1
        return (
            np.asarray(w.reply_prob(k + 1, c, age, gap), dtype=float),
            np.asarray(w.win_prob(int(self.src[i])), dtype=float),
            float(w.annoy_prob(k + 1, recent, c)),
        )

    def chances(self, i: int, k: int, channel: str, t: datetime, times: list[datetime]):
        """True (P(answer), P(win | answer), P(complaint | silent)) of lead i's attempt k+1 at t."""
        reply, win, annoy = self.type_chances(i, k, channel, t, times)
        typ = int(self.typ[i])
        return float(reply[typ]), float(win[typ]), annoy

    def attempt(self, i: int, k: int, channel: str, t: datetime, times: list[datetime]) -> str:
        """Draw the outcome of lead i's attempt number k+1 (0-based k) at time t.

        Returns one of: silent outcomes "no_answer"/"left_message", "bounced",
        "complaint" (opted out, annoyed), "won", "lost", "unsubscribed" (replied no, opted out).
        """
        if channel == "email" and self.bad_email[i]:
            return "bounced"
        reply, win, annoy = self.chances(i, k, channel, t, times)
        u = self.u[i, k % KMAX]
        if u[0] < reply:
            if self.u_win[i] < win:
                return "won"
            return "unsubscribed" if self.u_unsub[i] < self.world.unsubscribe else "lost"
        if u[1] < annoy:
            return "complaint"
        return "left_message" if channel == "call" and u[2] < 0.6 else "no_answer"


@lru_cache(maxsize=4096)  # the oracle asks for the next 15 days' mornings for every lead
def _morning(tz: str | None, day: int) -> datetime:
    """08:00 in zone `tz` on SIM_START's date + `day` days, as UTC."""
    d = date(*SIM_START[:3]) + timedelta(days=day)
    return datetime(d.year, d.month, d.day, SIM_START[3], tzinfo=zone(tz)).astimezone(UTC)


def _log_uniform(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def draw_world(seed: int) -> World:
    """A business drawn from wide ranges; the mechanism cycles with the seed (4 kinds)."""
    rng = np.random.default_rng([seed, 20_11])
    kind = KINDS[seed % len(KINDS)]
    n_src = int(rng.integers(2, 6))
    names = tuple(rng.choice(SOURCE_NAMES, size=n_src, replace=False))
    center = _log_uniform(rng, 150, 30_000)
    sources = tuple(
        Source(
            str(nm),
            float(sh),
            round(center * _log_uniform(rng, 0.1, 10), -1) or 10.0,
            float(rng.uniform(-2.0, 0.5)),
        )
        for nm, sh in zip(names, rng.dirichlet(np.full(n_src, 1.5)), strict=True)
    )
    mech = draw_mechanism(kind, rng, n_src)
    tz = "America/New_York"
    settings = {
        "hourly_cost": round(_log_uniform(rng, 15, 150)),
        "margin": round(float(rng.uniform(0.15, 0.8)), 2),
        "daily_minutes": float(round(_log_uniform(rng, 30, 600))),
        "complaint_cost": round(_log_uniform(rng, 20, 2000)),
        "max_attempts_per_week": int(rng.choice([2, 3, 3, 4])),
        "business_timezone": tz,
        "minutes": dict(DEFAULT_MINUTES),
    }
    return World(
        name=f"w{seed}-{kind}",
        seed=seed,
        sources=sources,
        mechanism=mech,
        arrivals_per_day=round(_log_uniform(rng, 2, 20), 1),
        settings=settings,
        value_sigma=float(rng.uniform(0.3, 1.2)),
        value_known=float(rng.uniform(0.6, 1.0)),
        signal_strength=float(rng.uniform(0.2, 1.5)),
        win_score=float(rng.uniform(0.0, 0.8)),
        spacing=float(rng.uniform(0.0, 0.6)),
        annoy_base=float(rng.uniform(-7.5, -4.0)),
        annoy_attempt=float(rng.uniform(0.0, 0.5)),
        annoy_recent=float(rng.uniform(0.1, 0.9)),
        annoy_channel=(
            0.0,
            float(rng.uniform(-0.6, 0.0)),
            float(rng.uniform(-0.2, 0.6)),
            float(rng.uniform(-0.5, 0.5)),
        ),
        unsubscribe=float(rng.uniform(0.05, 0.3)),
        bounce_rate=float(rng.uniform(0.0, 0.08)),
        phone_rate=float(rng.uniform(0.6, 1.0)),
        email_rate=float(rng.uniform(0.6, 1.0)),
        sms_consent=float(rng.uniform(0.0, 0.8)),
        visit_rate=float(rng.choice([0.0, 0.0, 0.1, 0.3])),
        mailing_consent=float(rng.uniform(0.2, 0.8)),
        timezones=US_ZONES[: int(rng.integers(1, 5))],
    )


def get_world(name: str | int, quick: bool = False) -> World:
    """A world by seed (`1003`, `"1003"` or its name `"w1003-..."`), optionally its quick version."""
    text = str(name)
    digits = text[1:].split("-")[0] if text.startswith("w") else text
    if not digits.isdigit():
        raise KeyError(f"unknown world {name!r}; give a seed such as {TEST_SEEDS[0]}")
    w = draw_world(int(digits))
    return w.quick() if quick else w


def yardstick_worlds(n: int | None = None, quick: bool = False) -> list[World]:
    """The yardstick's test worlds (the first `n` of them)."""
    return [get_world(s, quick) for s in TEST_SEEDS[:n]]
