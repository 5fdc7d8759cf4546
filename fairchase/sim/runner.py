"""The simulation: make a history, fit on it, then live months of daily planning.

Every day each policy is asked for decisions on its open leads; the runner
works the contacts due today in priority order until the day's minutes run
out, draws what happens from the world, and closes leads that answered,
opted out or were stopped. All policies see the same leads with the same
pre-drawn random numbers (common random numbers), so differences between
them are the policies', not luck's.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from datetime import datetime

import numpy as np

from fairchase.sim.baselines import Exploratory, baselines
from fairchase.sim.learner import Learner
from fairchase.sim.metrics import Metrics
from fairchase.sim.oracle import Oracle
from fairchase.sim.timing import DAY, as_datetime, attempts_in_week, in_contact_hours, schedule
from fairchase.sim.worlds import DEFAULT_MINUTES, REPLY_OUTCOME, LeadPool, World

# The app refits the model nightly on every finished lead; the simulator refits weekly (a
# daily refit changes little and costs minutes per run), so history grows as the run goes.
REFIT_DAYS = 7
TERMINAL = {"won": "won", "lost": "lost", "unsubscribed": "opted_out", "complaint": "opted_out"}


def record_attempt(
    pool: LeadPool,
    rec: dict,
    i: int,
    channel: str,
    t: datetime,
    times: list[datetime],
    minutes: float,
) -> str:
    """Draw lead i's next attempt, append it to the record, update status; returns the result."""
    atts = rec["attempts"]
    result = pool.attempt(i, len(atts), channel, t, times)
    if result in ("won", "lost", "unsubscribed"):
        outcome = REPLY_OUTCOME.get(channel, "replied")
    elif result == "complaint":
        outcome = "opted_out"
    else:
        outcome = result
    atts.append(
        {"at": t, "channel": channel, "outcome": outcome, "minutes": minutes, "progress": None}
    )
    times.append(t)
    if result in TERMINAL:
        rec["status"] = TERMINAL[result]
        if result == "won":
            rec["won_value"] = float(pool.value[i])
    return result


def generate_history(world: World, seed: int, days: int | None = None) -> list[dict]:
    """Finished leads worked by the exploratory policy (random 1-8 tries), before the sim starts.

    Returns contract lead records (status won/lost/opted_out) ready for `fit`.
    """
    days = days or world.history_days
    s = world.policy_settings()
    minutes = {**DEFAULT_MINUTES, **s["minutes"]}
    cap, btz = int(s["max_attempts_per_week"]), s["business_timezone"]
    # history ends four months before the simulation, so its longest chases are finished too
    pool = world.draw_leads(days, seed, first_day=-(days + 120), prefix="H")
    explore = Exploratory(s, seed)
    records = []
    for i in range(pool.n):
        rec = pool.record(i)
        times: list[datetime] = []
        target = pool.created[i] + float(explore.rng.uniform(0.01, 1.5)) * DAY
        for _ in range(explore.limit(rec["id"])):
            channel, gap = explore.choose(rec)
            if times:
                target = times[-1] + gap * DAY
            t = schedule(times, target, target, rec["timezone"], cap, btz)
            if record_attempt(pool, rec, i, channel, t, times, minutes[channel]) in TERMINAL:
                break
        if rec["status"] == "open":
            rec["status"] = "lost"  # we gave up on the silent ones
        records.append(rec)
    return records


def simulate(
    world: World,
    pool: LeadPool,
    policy,
    days: int | None = None,
    on_day: Callable[[], None] | None = None,
) -> Metrics:
    """Run one policy over the pool's arrivals (first `days` days) and the drain after them."""
    t0 = time.perf_counter()
    days = days or world.days
    run = _Run(world, pool, policy, days)
    learns = callable(getattr(policy, "learn", None))
    for d in range(days + world.drain_days):
        if learns and d and d % REFIT_DAYS == 0:
            policy.learn([r for r in run.recs if r is not None and _teaches(r)])
        run.day(d)
        if on_day:
            on_day()
    run.m.open_at_end = len(run.open_) + len(run.parked)
    run.m.seconds = time.perf_counter() - t0
    return run.m


def _teaches(rec: dict) -> bool:
    """Whether a lead of the run is learned from, as the app's `planning.training_records`
    chooses: its tries, or, never tried and still open, the value typed on it."""
    return bool(rec["attempts"]) or (
        rec["status"] in ("open", "engaged") and rec.get("value") is not None
    )


class _Run:
    """One policy's run over a pool of leads: the open leads, the parked ones, the totals."""

    def __init__(self, world: World, pool: LeadPool, policy, days: int):
        s = world.policy_settings()
        self.world, self.pool, self.policy, self.settings = world, pool, policy, s
        self.minutes = {**DEFAULT_MINUTES, **s["minutes"]}
        self.cap, self.btz = int(s["max_attempts_per_week"]), s["business_timezone"]
        self.m = Metrics(
            world.name,
            policy.name,
            float(s["margin"]),
            float(s["hourly_cost"]),
            float(s["complaint_cost"]),
            leads=int((pool.arrival_day < days).sum()),
        )
        self.arrivals: dict[int, list[int]] = {}
        for i, d in enumerate(pool.arrival_day):
            self.arrivals.setdefault(int(d), []).append(i)
        self.index = {pool.lead_id(i): i for i in range(pool.n)}
        self.recs: list[dict | None] = [None] * pool.n
        self.times: list[list[datetime]] = [[] for _ in range(pool.n)]
        # log P(type | what can be seen of the lead), for each lead that has arrived
        self.types: list[np.ndarray | None] = [None] * pool.n
        self.open_: dict[int, None] = {}  # insertion-ordered set of open leads
        self.parked: list[tuple[datetime, int]] = []  # (revisit_at, lead) heap
        self.just_closed: list[int] = []

    def day(self, d: int) -> None:
        """Day d: arrivals and revisits open, the policy decides, the day's contacts are made.

        The day is the business's local day, 08:00 to 08:00 on its clock (`World.day_start`).
        """
        now, end = self.world.day_start(d), self.world.day_start(d + 1)
        for i in self.arrivals.get(d, []):
            self.recs[i] = self.pool.record(i)
            self.types[i] = self.pool.type_prior(i)
            self.open_[i] = None
        while self.parked and self.parked[0][0] <= now:
            _, i = heapq.heappop(self.parked)
            self.open_[i] = None
        recs = self.recs
        # recently closed leads are passed too: a policy must answer them with stop or nothing
        batch = [recs[i] for i in self.open_] + [recs[i] for i in self.just_closed]
        decisions = sorted(
            self.policy.plan(batch, now), key=lambda x: -float(x.get("priority") or 0)
        )
        answered = {x.get("id") for x in decisions}
        self.m.missing += len(self.open_) - len(answered & {recs[i]["id"] for i in self.open_})
        self.just_closed = []
        left = float(self.settings["daily_minutes"])
        done: set[int] = set()
        for dec in decisions:
            i = self.index.get(dec.get("id"))
            if i is None or recs[i] is None:
                continue
            if dec.get("action") == "stop":
                self._stop(i, dec, end)
            elif dec.get("action") == "contact" and i not in done:
                used = self._contact(i, dec, now, end, left)
                if used:
                    left -= used
                    done.add(i)
        self.m.daily.append(float(self.settings["daily_minutes"]) - left)

    def _stop(self, i: int, dec: dict, end: datetime) -> None:
        rec, m = self.recs[i], self.m
        assert rec is not None
        if dec.get("next_state") == "nurture" and "mailing_list" not in rec["consents"]:
            m.violations["nurture"] += 1
        if i not in self.open_:
            return
        del self.open_[i]
        rec["status"] = "lost"
        m.stopped += 1
        revisit = as_datetime(dec.get("revisit_at"))
        if dec.get("next_state") == "revisit" and revisit is not None:
            rec["status"] = "open"
            rec["revisit_at"] = revisit
            heapq.heappush(self.parked, (max(revisit, end), i))

    def _contact(self, i: int, dec: dict, now: datetime, end: datetime, left: float) -> float:
        """Make a contact due today if it fits in the `left` minutes; the minutes it took."""
        rec, m, pool = self.recs[i], self.m, self.pool
        assert rec is not None
        due = as_datetime(dec.get("due")) or now
        if due >= end:
            return 0.0
        if i not in self.open_:
            m.violations["closed"] += 1
            return 0.0
        channel = dec.get("channel") or "call"
        need = float(self.minutes.get(channel, 6.0))
        if need > left:
            return 0.0
        t = max(due, now)
        times = self.times[i]
        if not in_contact_hours(t, rec.get("timezone"), self.btz):
            m.violations["hours"] += 1
        if attempts_in_week(times, t) + 1 > self.cap:
            m.violations["cap"] += 1
        if channel not in rec["channels"]:
            m.violations["channel"] += 1
        reply = self._expect(i, channel, t)
        result = record_attempt(pool, rec, i, channel, t, times, need)
        if result not in TERMINAL:  # silent (or bounced): what that says about the lead's type
            self.types[i] += np.log1p(-np.minimum(reply, 0.999999))
        m.attempts += 1
        m.minutes += need
        if result in TERMINAL:
            del self.open_[i]
            self.just_closed.append(i)
            m.wins += result == "won"
            m.won_value += float(pool.value[i]) if result == "won" else 0.0
            m.complaints += result == "complaint"
            m.opt_outs += result in ("complaint", "unsubscribed")
        return need

    def _expect(self, i: int, channel: str, t: datetime) -> np.ndarray:
        """Add what lead i's next attempt is worth in expectation: over the posterior of its
        hidden type (the metric) and at its true type (`typed_`, luck of the types left in).
        Returns the attempt's chance of an answer per type."""
        rec, m, pool, typ = self.recs[i], self.m, self.pool, int(self.pool.typ[i])
        assert rec is not None
        reply, win, annoy = pool.type_chances(i, len(rec["attempts"]), channel, t, self.times[i])
        post = np.exp(self.types[i] - self.types[i].max())
        post /= post.sum()
        value = float(pool.value[i])
        m.expected_won_value += float(post @ (reply * win)) * value
        m.expected_complaints += (1 - float(post @ reply)) * annoy
        m.typed_won_value += float(reply[typ] * win[typ]) * value
        m.typed_complaints += (1 - float(reply[typ])) * annoy
        return reply


def fairchase_available() -> bool:
    """True when the decision core can be imported."""
    try:
        from fairchase.policy import fit, plan  # noqa: F401
    except Exception:
        return False
    return True


class FairchasePolicy:
    """Fairchase's `fit` on a history and `plan` each day: the policy under test.

    It sees only the history and the business's settings, never the world.
    """

    name = "fairchase"

    def __init__(self, history: list[dict], settings: dict):
        from fairchase.policy import fit, plan

        self.settings = dict(settings)
        self.history = list(history)
        self._fit, self._plan = fit, plan
        t0 = time.perf_counter()
        self.model = fit(self.history, self.settings)
        self.fit_seconds = time.perf_counter() - t0

    def learn(self, finished: list[dict]) -> None:
        """Refit on the history plus the leads finished since the run began, as the app does."""
        t0 = time.perf_counter()
        self.model = self._fit(self.history + finished, self.settings)
        self.fit_seconds += time.perf_counter() - t0

    def plan(self, leads: list[dict], now: datetime) -> list[dict]:
        return self._plan(self.model, leads, now, self.settings)


def policies_for(world: World, history: list[dict], include_fairchase: bool = True) -> list:
    """The contenders in one world: folk rules, the learner, the oracle and (if importable) Fairchase."""
    s = world.policy_settings()
    out: list = [*baselines(s), Learner(history, s), Oracle(world, s)]
    if include_fairchase and fairchase_available():
        out.append(FairchasePolicy(history, s))
    return out


def run_world(
    world: World,
    seed: int = 0,
    include_fairchase: bool = True,
    only: set[str] | None = None,
    progress: Callable[[str], None] | None = None,
    on_day: Callable[[], None] | None = None,
) -> tuple[list[Metrics], dict]:
    """Every policy in one world on the same leads. Returns (metrics, extras with the fitted model)."""
    history = generate_history(world, seed)
    pool = world.draw_leads(world.days, seed)
    results, extras = [], {"history": history, "model": None}
    for policy in policies_for(world, history, include_fairchase):
        if only and policy.name not in only:
            continue
        if progress:
            progress(policy.name)
        if isinstance(policy, FairchasePolicy):
            extras["model"], extras["fit_seconds"] = policy.model, policy.fit_seconds
        results.append(simulate(world, pool, policy, on_day=on_day))
    return results, extras


def compare(
    worlds: list[World],
    seed: int = 0,
    include_fairchase: bool = True,
    on_day: Callable[[], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Metrics], dict]:
    """Every policy in every world. Returns (metrics, {world name: extras})."""
    results, extras = [], {}
    for world in worlds:
        res, ex = run_world(
            world,
            seed,
            include_fairchase,
            progress=(lambda p, w=world: progress(f"{w.name}: {p}")) if progress else None,
            on_day=on_day,
        )
        results += res
        extras[world.name] = ex
    return results, extras
