"""A backlog is worked over the following days: every day's minutes used, nobody closed for
the crowd, the best leads first."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

START = datetime(2024, 6, 10, 13, 0, tzinfo=UTC)  # Monday 08:00 in Chicago
SETTINGS = {"daily_minutes": 120, "business_timezone": "America/Chicago"}
MINUTES = {"call": 6.0, "email": 3.0, "text": 2.0, "visit": 45.0}
SOURCES = ("referral", "web_form", "inbound_call", "event", "cold_outreach")


def old_leads(n=2000, seed=3):
    """An import of old silent leads: all due now, tried 0 to 2 times weeks ago."""
    rng = random.Random(seed)
    leads = []
    for i in range(n):
        created = START - timedelta(days=rng.randint(15, 60))
        leads.append(
            {
                "id": f"B{i:04d}",
                "source": rng.choice(SOURCES),
                "value": float(rng.choice((300, 800, 2000, 5000, 15000))),
                "created_at": created,
                "timezone": "America/Chicago",
                "signals": [],
                "consents": ["sms"] if i % 3 else [],
                "attempts": [
                    {
                        "at": created + timedelta(days=1 + 4 * t),
                        "channel": "call",
                        "outcome": "no_answer",
                        "minutes": 6,
                    }
                    for t in range(rng.randint(0, 2))
                ],
                "status": "open",
            }
        )
    return leads


def work_one_day(leads, now, rng):
    """Plan, then make today's contacts top-down while minutes last (as a person would)."""
    decisions = plan(None, leads, now, SETTINGS)
    by_id = {lead["id"]: lead for lead in leads}
    left, used, contacted = 120.0, 0.0, []
    for d in decisions:
        if d["action"] != "contact" or d["due"] >= now + timedelta(hours=12):
            continue
        need = MINUTES[d["channel"]]
        if need > left:
            continue
        left -= need
        used += need
        contacted.append(d["id"])
        lead = by_id[d["id"]]
        outcome = "replied" if rng.random() < 0.05 else "no_answer"
        lead["attempts"].append(
            {"at": max(d["due"], now), "channel": d["channel"], "outcome": outcome, "minutes": need}
        )
        if outcome == "replied":
            lead["status"] = "lost"  # out of the backlog either way
    return decisions, used, contacted


def test_a_backlog_of_2000_leads_uses_every_minute_of_every_day():
    leads, rng = old_leads(), random.Random(1)
    now = START
    for day in range(10):
        open_leads = [lead for lead in leads if lead["status"] == "open"]
        decisions, used, _ = work_one_day(open_leads, now, rng)
        waiting = [d for d in decisions if d["action"] == "wait" and d["expected_value"] != 0]
        assert waiting, "2,000 leads do not fit in 10 days of 120 minutes"
        assert used >= 120 - 2, (day, used)  # at most one text's minutes left over
        now += timedelta(days=1 if now.weekday() < 5 else 2)  # Sunday is not a contact day


def test_nobody_is_closed_for_the_crowd_and_the_wings_know_their_day():
    leads = old_leads()
    crowded = {d["id"]: d for d in plan(None, leads, START, SETTINGS)}
    ample = {d["id"]: d for d in plan(None, leads, START, {**SETTINGS, "daily_minutes": 1e9})}
    for lead_id, d in crowded.items():
        if ample[lead_id]["action"] == "contact" and d["action"] != "contact":
            assert d["action"] == "wait" and "turn comes around" in d["reason"], d["reason"]
        if ample[lead_id]["action"] == "stop":
            assert d["action"] == "stop"  # the crowd never revives a lead not worth chasing


def test_the_best_leads_come_first():
    leads = old_leads()
    _, _, contacted = work_one_day(leads, START, random.Random(1))
    value = {lead["id"]: lead["value"] for lead in leads}
    today = sorted(value[i] for i in contacted)
    everyone = sorted(value.values())
    assert today[len(today) // 2] >= everyone[int(0.8 * len(everyone))]
    top = [i for i in value if value[i] == everyone[-1]]
    assert len(set(contacted) & set(top)) >= 0.9 * min(len(contacted), len(top))


def test_a_call_centre_handed_20000_leads_at_once_stops_none_of_them_for_the_crowd():
    """The default 120 minutes a day for 20,000 fresh leads: a few are called today, every other
    one worth a call waits for its turn (years off at this pace, which the reason says), none is
    stopped before its first call that ample minutes would make."""
    leads = old_leads(n=20_000, seed=4)
    for lead in leads:
        lead["attempts"] = []
    tz = {"business_timezone": "America/Chicago"}
    crowded = plan(None, leads, START, tz)
    ample = {d["id"]: d for d in plan(None, leads, START, {**tz, "daily_minutes": 1e9})}
    actions = Counter(d["action"] for d in crowded)
    assert 0 < actions["contact"] <= 120 // 2, actions  # the day holds at most 60 texts
    assert actions["wait"] > 15_000, actions
    for d in crowded:
        if d["action"] == "stop":
            assert ample[d["id"]]["action"] == "stop", d["reason"]  # stopped for its worth alone
    years = Counter(
        # the year is written only when it is not this one (2024)
        re.search(r"comes around \w{3} \d+ \w{3}(?: (\d{4}))?\.", d["reason"]).group(1) or "2024"
        for d in crowded
        if d["action"] == "wait"
    )
    assert min(years) == "2024" and max(years) > "2025", years
