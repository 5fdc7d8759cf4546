"""Synthetic worlds with known parameters, and the leads they generate.

Each lead carries a HIDDEN interest `z` (logit scale). Its chance to answer
attempt j is

    sigmoid(base + z + attempt_effect[j] + channel + switch + spacing + agreed_time)
        * (floor + (1 - floor) * exp(-age / decay_days))

so the population's reply rate falls with attempts even where one lead's
does not: the responsive leads answer early and leave the silent pool.
Observable signals are drawn with probabilities that depend on `z`, so they
carry information the policies can learn. Everything random about a lead is
drawn up front (common random numbers): attempt k of lead i uses the same
uniforms whichever policy makes it.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import numpy as np

from fairchase.sim.timing import DAY, attempts_in_week, zone

KMAX = 64  # uniforms drawn per lead; more than any policy can make in the horizon

# name: (alpha, gamma): P(signal) = sigmoid(alpha + gamma * z). Seed 002's good and poor signs.
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
US_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
DEFAULT_MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
SIM_START = (2025, 3, 3, 8)  # a Monday, 08:00 in the business zone


def sigmoid(x):
    """Logistic function for floats or arrays."""
    if isinstance(x, np.ndarray):
        return 1.0 / (1.0 + np.exp(-x))
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class Source:
    """How one kind of lead behaves: share of arrivals, mean interest, value, P(win | reply)."""

    name: str
    share: float
    interest: float  # mean hidden interest (logit)
    value_median: float
    win_logit: float  # P(win | reply) at the source's mean interest, logit
    commitment_rate: float = 0.0  # share whose first conversation fixed a callback time


@dataclass(frozen=True)
class World:
    """A business: its lead sources, how leads respond, and its settings."""

    name: str
    description: str
    sources: tuple[Source, ...]
    arrivals_per_day: float
    settings: dict = field(default_factory=dict)
    base_logit: float = -1.2
    interest_sd: float = 1.0
    attempt_effect: tuple[float, ...] = (0.0, -0.1, -0.2, -0.3, -0.4, -0.5, -0.6, -0.7, -0.8)
    channel_effect: dict = field(default_factory=lambda: {"call": 0.0, "email": -0.5, "text": -0.2})
    switch_bonus: float = 0.6  # email or text after an unanswered call ("after voicemails")
    spacing_penalty: float = 1.0  # logit lost when trying again too soon
    spacing_days: float = 1.0
    commitment_bonus: float = 0.8  # first follow-up on the agreed day
    decay_days: float = 40.0
    decay_floor: float = 0.3
    value_sigma: float = 0.6
    value_known: float = 0.85
    win_interest: float = 0.3
    annoy_base: float = -6.0  # complaint/opt-out logit on a first, lone attempt
    annoy_attempt: float = 0.3  # per attempt already made
    annoy_recent: float = 0.6  # per other attempt in the last 7 days
    annoy_channel: dict = field(default_factory=lambda: {"call": 0.0, "email": -0.3, "text": 0.3})
    unsubscribe: float = 0.15  # a reply that is a "no" asks to be removed
    bounce_rate: float = 0.03
    sms_consent: float = 0.4
    mailing_consent: float = 0.5
    timezones: tuple[str, ...] = ("America/Chicago",)
    days: int = 120  # days with arrivals
    drain_days: int = 60  # then no new leads: slow cadences finish their chase too
    history_days: int = 90

    # --- the true model -------------------------------------------------------
    def source_index(self, name: str) -> int:
        """Index of a source by name, -1 when the world has no such source."""
        for i, s in enumerate(self.sources):
            if s.name == name:
                return i
        return -1

    def decay(self, age_days):
        """Interest left after `age_days` (leads cool off; a floor keeps late tries possible)."""
        f, tau = self.decay_floor, self.decay_days
        if isinstance(age_days, np.ndarray):
            return f + (1 - f) * np.exp(-np.maximum(age_days, 0) / tau)
        return f + (1 - f) * math.exp(-max(age_days, 0.0) / tau)

    def reply_shift(self, j: int, channel: str, prev_channel: str | None,
                    gap_days: float | None, commit_hit: bool) -> float:
        """Logit shift of attempt j (1-based) from the attempt number, channel and timing."""
        eff = self.attempt_effect
        x = self.base_logit + eff[min(j, len(eff)) - 1] + self.channel_effect.get(channel, -1.0)
        if prev_channel == "call" and channel in ("email", "text"):
            x += self.switch_bonus
        if gap_days is not None:
            x -= self.spacing_penalty * math.exp(-gap_days / self.spacing_days)
        if commit_hit:
            x += self.commitment_bonus
        return x

    def reply_prob(self, z: float, j: int, channel: str, prev_channel: str | None,
                   gap_days: float | None, age_days: float, commit_hit: bool) -> float:
        """True chance that a lead with interest z answers this attempt."""
        shift = self.reply_shift(j, channel, prev_channel, gap_days, commit_hit)
        return sigmoid(shift + z) * self.decay(age_days)

    def annoy_prob(self, j, recent7, channel: str):
        """Chance that a silent lead complains/opts out after attempt j with `recent7` in 7 days."""
        x = (self.annoy_base + self.annoy_attempt * (j - 1) + self.annoy_recent * (recent7 - 1)
             + self.annoy_channel.get(channel, 0.0))
        return sigmoid(x)

    def win_prob(self, src: int, z):
        """P(win | the lead replied): higher for more interested leads."""
        s = self.sources[src]
        return sigmoid(s.win_logit + self.win_interest * (z - s.interest))

    def win_prob_grid(self, src: np.ndarray, grid: np.ndarray) -> np.ndarray:
        """P(win | reply) for each lead's source (rows) at each interest on the grid (columns)."""
        wl = np.array([s.win_logit for s in self.sources])[src]
        mu = np.array([s.interest for s in self.sources])[src]
        return sigmoid(wl[:, None] + self.win_interest * (grid[None, :] - mu[:, None]))

    def mean_value(self, src: int) -> float:
        """Expected deal value of a source (lognormal mean)."""
        return self.sources[src].value_median * math.exp(self.value_sigma**2 / 2)

    def setting(self, key: str, default=None):
        """A business setting of this world, with the contract's defaults."""
        defaults = {"hourly_cost": 50.0, "margin": 1.0, "daily_minutes": 120.0,
                    "complaint_cost": 200.0, "max_attempts_per_week": 3,
                    "business_timezone": self.timezones[0], "minutes": DEFAULT_MINUTES}
        return self.settings.get(key, defaults.get(key, default))

    def policy_settings(self) -> dict:
        """The settings a business would type into Fairchase (nothing about the world's truth)."""
        keys = ("hourly_cost", "margin", "daily_minutes", "complaint_cost",
                "max_attempts_per_week", "business_timezone", "minutes")
        return {k: self.setting(k) for k in keys}

    @property
    def horizon(self) -> int:
        """Days simulated: arrivals, then the drain."""
        return self.days + self.drain_days

    def start(self) -> datetime:
        """Simulation start: a Monday 08:00 in the business zone, as UTC."""
        return datetime(*SIM_START, tzinfo=zone(self.setting("business_timezone"))).astimezone(UTC)

    def quick(self) -> World:
        """A small version of this world for tests: fewer days and leads."""
        return replace(self, days=30, drain_days=20, history_days=40,
                       arrivals_per_day=max(2.0, self.arrivals_per_day / 4))

    # --- drawing leads ----------------------------------------------------------
    def draw_leads(self, days: int, seed: int, start: datetime | None = None,
                   prefix: str = "L") -> LeadPool:
        """Leads arriving over `days` days from `start` (default: the simulation start)."""
        start = start or self.start()
        rng = np.random.default_rng([seed, zlib.crc32(self.name.encode()), zlib.crc32(prefix.encode())])
        per_day = rng.poisson(self.arrivals_per_day, size=days)
        n = int(per_day.sum())
        day = np.repeat(np.arange(days), per_day)
        shares = np.array([s.share for s in self.sources])
        src = rng.choice(len(self.sources), size=n, p=shares / shares.sum())
        mu = np.array([s.interest for s in self.sources])[src]
        z = mu + self.interest_sd * rng.standard_normal(n)
        med = np.array([s.value_median for s in self.sources])[src]
        value = np.round(med * np.exp(self.value_sigma * rng.standard_normal(n)), -1)
        value = np.maximum(value, 10.0)
        known = rng.random(n) < self.value_known
        names = list(SIGNALS)
        a = np.array([SIGNALS[s][0] for s in names])
        g = np.array([SIGNALS[s][1] for s in names])
        has = rng.random((n, len(names))) < sigmoid(a[None, :] + g[None, :] * z[:, None])
        tz_idx = rng.integers(len(self.timezones), size=n)
        sms = rng.random(n) < self.sms_consent
        mailing = rng.random(n) < self.mailing_consent
        bad_email = rng.random(n) < self.bounce_rate
        # arrivals spread over the 24 hours before the morning they are first planned
        created_off = rng.uniform(0.02, 1.0, size=n)
        commit_rate = np.array([s.commitment_rate for s in self.sources])[src]
        has_commit = rng.random(n) < commit_rate
        commit_days = rng.integers(1, 4, size=n)
        commit_hour = rng.integers(9, 17, size=n)
        pool = LeadPool(world=self, n=n, prefix=prefix)
        pool.src, pool.z, pool.value, pool.value_known = src, z, value, known
        pool.arrival_day = day
        pool.u = rng.random((n, KMAX, 3))
        pool.u_win, pool.u_unsub = rng.random(n), rng.random(n)
        pool.bad_email = bad_email
        for i in range(n):
            created = start + int(day[i]) * DAY - timedelta(days=float(created_off[i]))
            tz = self.timezones[tz_idx[i]]
            commit = None
            if has_commit[i]:
                local = created.astimezone(zone(tz)) + int(commit_days[i]) * DAY
                if local.weekday() == 6:  # nobody agrees to a Sunday call
                    local += DAY
                commit = local.replace(hour=int(commit_hour[i]), minute=0, second=0,
                                       microsecond=0).astimezone(UTC)
            pool.created.append(created)
            pool.tz.append(tz)
            pool.commitment.append(commit)
            pool.signals.append([names[k] for k in np.flatnonzero(has[i])])
            pool.consents.append((["mailing_list"] if mailing[i] else []) + (["sms"] if sms[i] else []))
            pool.channels.append(["call", "email"] + (["text"] if sms[i] else []))
        return pool


@dataclass
class LeadPool:
    """The leads of one run, with their hidden interest and pre-drawn random numbers."""

    world: World
    n: int
    prefix: str = "L"
    src: np.ndarray = None
    z: np.ndarray = None
    value: np.ndarray = None
    value_known: np.ndarray = None
    arrival_day: np.ndarray = None
    u: np.ndarray = None
    u_win: np.ndarray = None
    u_unsub: np.ndarray = None
    bad_email: np.ndarray = None
    created: list = field(default_factory=list)
    tz: list = field(default_factory=list)
    commitment: list = field(default_factory=list)
    signals: list = field(default_factory=list)
    consents: list = field(default_factory=list)
    channels: list = field(default_factory=list)

    def lead_id(self, i: int) -> str:
        """The public id of lead i."""
        return f"{self.prefix}{i:06d}"

    def record(self, i: int) -> dict:
        """Lead i as the contract's open lead record (no hidden fields)."""
        w = self.world
        rec = {
            "id": self.lead_id(i),
            "source": w.sources[self.src[i]].name,
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
        if self.commitment[i] is not None:
            rec["commitment"] = {"due": self.commitment[i], "by": "us", "what": "call back"}
        return rec

    def attempt(self, i: int, k: int, channel: str, t: datetime, times: list[datetime],
                prev_channel: str | None) -> str:
        """Draw the outcome of lead i's attempt number k+1 (0-based k) at time t.

        Returns one of: silent outcomes "no_answer"/"left_message", "bounced",
        "complaint" (opted out, annoyed), "won", "lost", "unsubscribed" (replied no, opted out).
        """
        w = self.world
        if channel == "email" and self.bad_email[i]:
            return "bounced"
        u = self.u[i, k % KMAX]
        gap = (t - times[-1]).total_seconds() / 86400 if times else None
        age = (t - self.created[i]).total_seconds() / 86400
        commit = self.commitment[i]
        hit = (k == 0 and commit is not None
               and t.astimezone(zone(self.tz[i])).date() == commit.astimezone(zone(self.tz[i])).date())
        p = w.reply_prob(float(self.z[i]), k + 1, channel, prev_channel, gap, age, hit)
        if u[0] < p:
            if self.u_win[i] < w.win_prob(int(self.src[i]), float(self.z[i])):
                return "won"
            return "unsubscribed" if self.u_unsub[i] < w.unsubscribe else "lost"
        recent = attempts_in_week(times, t) + 1
        if u[1] < w.annoy_prob(k + 1, recent, channel):
            return "complaint"
        return "left_message" if channel == "call" and u[2] < 0.6 else "no_answer"


REPLY_OUTCOME = {"call": "talked", "visit": "talked"}


def _src(name, share, interest, value, win, commit=0.0) -> Source:
    return Source(name, share, interest, value, win, commit)


WORLDS: dict[str, World] = {w.name: w for w in (
    World(
        "local_contractor", "Home-improvement contractor: inbound calls, referrals, walk-ins.",
        (_src("inbound_call", 0.35, 0.5, 2500, 0.0, 0.6), _src("referral", 0.25, 0.9, 4000, 0.6, 0.3),
         _src("walk_in", 0.15, 0.4, 1500, -0.2, 0.7), _src("web_form", 0.25, -0.7, 2000, -0.6)),
        arrivals_per_day=8, base_logit=-1.0, interest_sd=1.1,
        settings={"hourly_cost": 50, "margin": 0.35, "daily_minutes": 120, "complaint_cost": 200}),
    World(
        "b2b_persistence", "High-value B2B: slow buyers, replies spread out, persistence pays.",
        (_src("event", 0.3, -0.3, 20000, -0.8), _src("cold_outreach", 0.25, -1.2, 15000, -1.0),
         _src("referral", 0.15, 0.6, 40000, -0.2), _src("web_form", 0.2, -0.4, 12000, -0.9),
         _src("inbound_call", 0.1, 0.5, 25000, -0.4, 0.5)),
        arrivals_per_day=3, base_logit=-2.0, interest_sd=0.7,
        attempt_effect=(0.0, 0.0, 0.0, -0.05, -0.1, -0.15, -0.2, -0.25, -0.3),
        decay_days=120, decay_floor=0.5, value_sigma=0.8, timezones=US_ZONES,
        annoy_base=-7.0, annoy_attempt=0.2, annoy_recent=0.5,
        # a complaint from a named account in a small market costs more than a consumer's
        settings={"hourly_cost": 80, "margin": 0.4, "daily_minutes": 150, "complaint_cost": 1000,
                  "business_timezone": "America/New_York"}),
    World(
        "web_form_flood", "Cheap web-form leads by the dozen and 90 minutes a day to work them.",
        (_src("web_form", 0.7, -0.8, 350, -0.3), _src("purchased_list", 0.2, -1.8, 300, -0.8),
         _src("event", 0.1, -0.2, 500, 0.0)),
        arrivals_per_day=40, base_logit=-1.2, interest_sd=1.2, value_sigma=0.5,
        decay_days=15, decay_floor=0.1, timezones=US_ZONES,
        settings={"hourly_cost": 30, "margin": 0.6, "daily_minutes": 90, "complaint_cost": 100,
                  "business_timezone": "America/New_York"}),
    World(
        "late_repliers", "Busy buyers: replies keep coming up to the 6th attempt, then dry up.",
        (_src("inbound_call", 0.3, 0.0, 5000, 0.0, 0.4), _src("referral", 0.2, 0.3, 6000, 0.3),
         _src("web_form", 0.3, -0.5, 4000, -0.4), _src("event", 0.2, -0.3, 5000, -0.2)),
        arrivals_per_day=6, base_logit=-2.2, interest_sd=0.5,
        attempt_effect=(-0.4, -0.2, 0.0, 0.1, 0.2, 0.2, -0.8, -1.2, -1.5),
        decay_days=90, decay_floor=0.5, timezones=US_ZONES[:2],
        settings={"hourly_cost": 50, "margin": 0.3, "daily_minutes": 120, "complaint_cost": 200,
                  "business_timezone": "America/New_York"}),
    World(
        "wide_values", "Deal values spread over two orders of magnitude (lognormal, sigma 1.5).",
        (_src("web_form", 0.4, -0.5, 1500, -0.4), _src("referral", 0.2, 0.7, 4000, 0.4),
         _src("inbound_call", 0.2, 0.4, 3000, 0.0, 0.5), _src("cold_outreach", 0.2, -1.3, 2000, -0.8)),
        arrivals_per_day=10, base_logit=-1.1, interest_sd=1.0, value_sigma=1.5, value_known=0.9,
        timezones=US_ZONES[:2],
        settings={"hourly_cost": 50, "margin": 0.3, "daily_minutes": 120, "complaint_cost": 200,
                  "business_timezone": "America/New_York"}),
    World(
        "complaint_prone", "A consumer audience quick to complain when chased.",
        (_src("web_form", 0.5, -0.4, 800, -0.2), _src("purchased_list", 0.3, -1.4, 600, -0.6),
         _src("event", 0.2, 0.0, 1000, 0.0)),
        arrivals_per_day=15, base_logit=-1.0, interest_sd=1.0,
        annoy_base=-4.6, annoy_attempt=0.45, annoy_recent=0.8, unsubscribe=0.3,
        annoy_channel={"call": 0.2, "email": -0.4, "text": 0.5}, timezones=US_ZONES,
        settings={"hourly_cost": 40, "margin": 0.5, "daily_minutes": 120, "complaint_cost": 300,
                  "business_timezone": "America/New_York"}),
)}


def get_world(name: str, quick: bool = False) -> World:
    """A world by name (KeyError lists the names), optionally its quick version."""
    if name not in WORLDS:
        raise KeyError(f"unknown world {name!r}; choose from {', '.join(WORLDS)}")
    w = WORLDS[name]
    return w.quick() if quick else w
