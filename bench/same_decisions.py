"""Did a change to the decision core change any decision? `python -m bench.same_decisions OUT`

Writes every field of every decision `plan` makes (and every learned number of `fit`) on fixed
inputs to OUT: six simulated worlds' histories (tuning seeds 1-6) fitted, then planned on open
leads cut from them (fitted, from the stored model, cold start, a tight day, odd records);
three of them again on the day-shaped paths (a follow-up carried to a later age, spare minutes,
a crowded day, no minutes, later hours, a backlog on another clock: `write_days`); a
backlog of 2,000 old leads; 40,000 leads (two chunks) as one digest; `stop_attempt` and the
send-time window. Run it before and after a refactor (e.g. in a second git worktree) and
compare the two files with `cmp`: a refactor that keeps behaviour leaves them byte for byte
equal. About 15 s on one core.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import random
import sys
from datetime import UTC, datetime, timedelta

import numpy as np

from fairchase.insights.learned import summary
from fairchase.policy import fit, plan, stop_attempt
from fairchase.policy.window import next_contact_time
from fairchase.sim.runner import generate_history
from fairchase.sim.worlds import get_world

SEEDS = (1, 2, 3, 4, 5, 6)
NOW = datetime(2024, 6, 10, 13, 0, tzinfo=UTC)  # Monday 08:00 in Chicago
BACKLOG_SETTINGS = {"daily_minutes": 120, "business_timezone": "America/Chicago"}
BACKLOG_SOURCES = ("referral", "web_form", "inbound_call", "event", "cold_outreach")


@dataclasses.dataclass
class DataclassLead:
    """A lead given as a dataclass instead of a dict (the contract allows both)."""

    id: str
    source: str
    value: float | None
    created_at: str
    timezone: str | None
    signals: list
    consents: list
    attempts: list
    status: str


def text(value) -> str:
    """A value written exactly: floats by repr, times in ISO-8601, dicts in their order."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(text(item) for item in value) + "]"
    return repr(value)


def open_leads(history: list[dict], rng: random.Random, n: int, now: datetime) -> list[dict]:
    """Finished leads cut back to a random number of tries, open again (some engaged), with
    their latest event moved to 0-10 days before `now`."""
    leads = []
    for rec in rng.sample(history, min(n, len(history))):
        lead = copy.deepcopy(rec)
        k = rng.randint(0, len(lead["attempts"]))
        lead["attempts"] = lead["attempts"][:k]
        for attempt in lead["attempts"]:
            if attempt["outcome"] in ("replied", "talked"):
                attempt["outcome"] = "no_answer"
        lead["status"] = "open"
        lead.pop("won_value", None)
        if k and rng.random() < 0.15:
            lead["attempts"][-1]["outcome"] = "replied" if rng.random() < 0.5 else "talked"
            lead["attempts"][-1]["progress"] = rng.choice([True, False, None])
            lead["status"] = "engaged"
        latest = max([lead["created_at"]] + [a["at"] for a in lead["attempts"]])
        shift = now - latest - timedelta(days=rng.uniform(0, 10))
        lead["created_at"] += shift
        for attempt in lead["attempts"]:
            attempt["at"] += shift
        leads.append(lead)
    return leads


def odd_leads(now: datetime) -> list:
    """One lead for each optional field and each kind of bad input."""
    base = {
        "source": "web_form",
        "value": 900.0,
        "created_at": now - timedelta(days=3),
        "timezone": "Europe/Paris",
        "signals": ["asked_price"],
        "consents": ["sms", "mailing_list"],
        "attempts": [
            {"at": now - timedelta(days=2), "channel": "call", "outcome": "no_answer", "minutes": 6}
        ],
        "status": "open",
    }
    tries = [
        {"at": now - timedelta(hours=h), "channel": "text", "outcome": "no_answer", "minutes": 2}
        for h in (100, 50, 20)
    ]
    bounced = [
        {"at": now - timedelta(days=d), "channel": "email", "outcome": "bounced", "minutes": 3}
        for d in (3, 2)
    ]
    replied = [
        {"at": now - timedelta(days=1), "channel": "email", "outcome": "replied", "minutes": 3}
    ]
    variants = [
        {"channels": []},
        {"channels": ["text"]},
        {"channels": ["visit", "bogus"]},
        {"commitment": {"due": now + timedelta(hours=5), "by": "us", "what": "call"}},
        {"commitment": {"due": now - timedelta(days=1), "by": "lead", "what": "call back"}},
        {"paused_until": now + timedelta(days=4)},
        {"revisit_at": now + timedelta(days=40)},
        {"revisit_at": now - timedelta(days=1)},
        {"status": "won", "won_value": 1000.0},
        {"status": "opted_out"},
        {"source": "martian", "signals": ["weird", "vague"], "value": None, "timezone": None},
        {"created_at": (now - timedelta(days=1)).isoformat(), "attempts": [], "extra": 3},
        {"timezone": "Not/AZone"},
        {"attempts": bounced},
        {"attempts": replied, "status": "engaged", "responded_at": now - timedelta(hours=3)},
        {"value": "abc", "signals": None, "consents": None},
        {"attempts": tries},
        {"status": "lost"},
        {"value": -5.0, "created_at": now + timedelta(days=2)},
    ]
    leads: list = [{**copy.deepcopy(base), "id": f"O{i}", **v} for i, v in enumerate(variants)]
    created = (now - timedelta(days=1)).isoformat()
    zone = "America/New_York"
    leads.append(DataclassLead("D0", "referral", 5000.0, created, zone, [], ["sms"], [], "open"))
    leads += [42, {"id": "X1"}, {"id": "X2", "status": "open", "attempts": "no", "created_at": "?"}]
    return leads


def backlog(n: int, seed: int) -> list[dict]:
    """An import of old silent leads, all due now, tried 0 to 2 times weeks ago."""
    rng = random.Random(seed)
    leads = []
    for i in range(n):
        created = NOW - timedelta(days=rng.randint(15, 60))
        attempts = [
            {
                "at": created + timedelta(days=1 + 4 * t),
                "channel": "call",
                "outcome": "no_answer",
                "minutes": 6,
            }
            for t in range(rng.randint(0, 2))
        ]
        leads.append(
            {
                "id": f"B{i:05d}",
                "source": rng.choice(BACKLOG_SOURCES),
                "value": float(rng.choice((300, 800, 2000, 5000, 15000))),
                "created_at": created,
                "timezone": "America/Chicago",
                "signals": [],
                "consents": ["sms"] if i % 3 else [],
                "attempts": attempts,
                "status": "open",
            }
        )
    return leads


def write_world(out, seed: int) -> object:
    """Fit and plan on one world's history; returns the model."""
    world = get_world(seed)
    settings = world.policy_settings()
    history = generate_history(world, seed, days=world.history_days * (1 if seed % 2 else 3))
    model = fit(history, settings)
    stored = model.to_dict()
    out.write(f"# world {seed}: {len(history)} finished leads\n")
    out.write("model " + json.dumps(stored, sort_keys=True, default=str) + "\n")
    out.write("summary " + text(summary(model)) + "\n")
    now = world.start()
    leads = open_leads(history, random.Random(seed), 2500, now)
    cases = {
        "fitted": plan(model, leads, now, settings),
        "stored model": plan(stored, leads[:300], now + timedelta(hours=7), settings),
        "cold start": plan(None, leads[:400], now, settings),
        "tight day": plan(model, leads[:1500], now, {**settings, "daily_minutes": 30}),
        "odd records": plan(model, odd_leads(now), now, settings),
    }
    for name, decisions in cases.items():
        write_decisions(out, f"world {seed} {name}", decisions)
    for source in ("referral", "web_form", "martian"):
        out.write(f"stop_attempt {source} {stop_attempt(model, source, 1500.0, settings)}\n")
    irregular = [dict(rec) for rec in history[:300]]
    for rec in irregular[::7]:
        rec["created_at"] = rec["created_at"].isoformat()
    refit = fit([*irregular, 42, {"id": "z"}], settings)
    out.write("irregular model " + json.dumps(refit.to_dict(), sort_keys=True, default=str) + "\n")
    return model


def write_days(out, seed: int) -> None:
    """The planner's day-shaped paths the worlds above rarely reach: a learned age curve that
    rises at about five weeks (a follow-up carried to a later age, `_Silent._carry`), a day with
    minutes to spare (follow-ups brought forward), a crowded day with little left, no minutes at
    all, later hours and days of the week, and a backlog on another clock."""
    world = get_world(seed)
    settings = world.policy_settings()
    history = generate_history(world, seed, days=world.history_days)
    model = fit(history, settings)
    now = world.start()
    leads = open_leads(history, random.Random(seed + 10), 1200, now)
    leads += odd_leads(now)
    days = np.expm1(np.arange(11) * 0.45)  # the age curve's knots (priors.AGE_STEP apart)
    comeback = dataclasses.replace(model, age_curve=2.0 * np.exp(-(((days - 35.6) / 12.0) ** 2)))
    cold_comeback = dataclasses.replace(fit([]), age_curve=comeback.age_curve)
    cases = {
        "come-back": plan(comeback, leads, now, settings),
        "come-back cold": plan(cold_comeback, leads[:300], now),
        "spare minutes": plan(model, leads, now, {**settings, "daily_minutes": 100000}),
        "spare later": plan(
            model, leads[:200], now + timedelta(hours=3), {**settings, "daily_minutes": 2000}
        ),
        "crowded": plan(
            model, leads, now, {**settings, "daily_minutes": 45, "minutes_left_today": 10}
        ),
        "no minutes": plan(model, leads[:300], now, {**settings, "daily_minutes": 0}),
    }
    for hours in (0, 30, 100, 130):
        cases[f"{hours} h later"] = plan(model, leads[:500], now + timedelta(hours=hours), settings)
    paris = {"daily_minutes": 60, "business_timezone": "Europe/Paris"}
    cases["Paris backlog"] = plan(model, backlog(600, seed), NOW + timedelta(days=seed), paris)
    for name, decisions in cases.items():
        write_decisions(out, f"world {seed} days: {name}", decisions)


def write_decisions(out, name: str, decisions: list[dict]) -> None:
    out.write(f"## {name}: {len(decisions)} decisions\n")
    for decision in decisions:
        out.write(text(decision) + "\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__)
        return 2
    with open(argv[0], "w") as out:
        for seed in SEEDS:
            model = write_world(out, seed)
        for seed in (1, 2, 4):
            write_days(out, seed)
        old = backlog(2000, seed=3)
        write_decisions(out, "backlog cold", plan(None, old, NOW, BACKLOG_SETTINGS))
        write_decisions(out, "backlog fitted", plan(model, old, NOW, BACKLOG_SETTINGS))
        write_decisions(out, "empty", plan(None, [], NOW))
        odd_settings = {"contact_hours": [9, 17], "minutes": {"text": 1}, "hourly_cost": 10}
        write_decisions(out, "cold odd", plan(None, odd_leads(NOW), NOW, odd_settings))
        for zone in ("Europe/Paris", None, "Bad/Zone"):
            times = [NOW - timedelta(days=d) for d in (1, 2, 3)]
            chicago = {"business_timezone": "America/Chicago"}
            out.write(f"window {zone} {text(next_contact_time(NOW, times, zone, chicago))}\n")
            later = NOW + timedelta(hours=9)
            out.write(f"window later {zone} {text(next_contact_time(later, times[:1], zone))}\n")
        stops = (stop_attempt(None, "referral", 2000.0), stop_attempt(None, "cold_outreach", 100.0))
        out.write(f"cold stop_attempt {stops}\n")
        digest = hashlib.sha256()
        for decision in plan(None, backlog(40000, seed=5), NOW, BACKLOG_SETTINGS):
            digest.update(text(decision).encode())
        out.write(f"40,000 leads {digest.hexdigest()}\n")
    print(f"wrote {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
