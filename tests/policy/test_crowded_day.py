"""A crowded day: when today's contacts need more minutes than there are, minutes get a price."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

NOW = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)  # Wednesday 10:30 in Chicago
SOURCES = ("referral", "web_form", "inbound_call", "cold_outreach")


def backlog(n=300, seed=5):
    """Silent leads tried once or twice, all due today, values from $200 to $20,000."""
    rng = random.Random(seed)
    leads = []
    for i in range(n):
        tries = rng.randint(1, 2)
        leads.append(
            {
                "id": f"L{i:03d}",
                "source": rng.choice(SOURCES),
                "value": float(rng.choice((200, 500, 1000, 3000, 8000, 20000))),
                "created_at": NOW - timedelta(days=12),
                "timezone": "America/Chicago",
                "signals": [],
                "consents": ["sms"] if i % 2 else [],
                "channels": ["call", "email", "text"] if i % 2 else ["call", "email"],
                "attempts": [
                    {
                        "at": NOW - timedelta(days=10 - 3 * t),
                        "channel": "call",
                        "outcome": "no_answer",
                        "minutes": 6,
                    }
                    for t in range(tries)
                ],
                "status": "open",
            }
        )
    return leads


def decide(daily_minutes):
    settings = {"daily_minutes": daily_minutes, "business_timezone": "America/Chicago"}
    return {d["id"]: d for d in plan(None, backlog(), NOW, settings)}


def test_a_quiet_day_prices_nothing():
    ample = decide(100000)
    assert not any("Stop for now" in d["reason"] for d in ample.values())
    assert not any(d["action"] == "wait" for d in ample.values())


def test_a_crowded_day_keeps_the_best_leads_and_the_others_wait_for_their_turn():
    ample, crowded = decide(100000), decide(20)
    wings = [d for d in crowded.values() if d["action"] == "wait"]
    assert wings, "20 minutes for 300 leads must leave some out"
    for d in wings:
        assert ample[d["id"]]["action"] == "contact"  # only the crowd holds it back
        # a day of this year, written as the app writes days: "comes around Thu 13 Jun."
        assert re.search(r"turn comes around \w{3} \d{1,2} \w{3}\.", d["reason"]), d["reason"]
    # nothing is stopped that a quiet day would keep: the crowd only delays
    for lead_id, d in crowded.items():
        if d["action"] == "stop":
            assert ample[lead_id]["action"] == "stop"
    # today's contacts fit in today's minutes
    minutes = {"call": 6, "email": 3, "text": 2, "visit": 45}
    today = [
        d
        for d in crowded.values()
        if d["action"] == "contact" and d["due"] < NOW + timedelta(hours=12)
    ]
    assert 20 - 2 <= sum(minutes[d["channel"]] for d in today) <= 20
    # the most valuable contacts of a quiet day are still contacts
    best = sorted(ample.values(), key=lambda d: -d["expected_value"])[:3]
    assert all(crowded[d["id"]]["action"] == "contact" for d in best)


def test_a_backlog_whose_turn_is_months_off_still_waits_for_it():
    """20 minutes a day for 300 leads: some turns come months from now (after any revisit
    would), and they still wait in the wings with their day, never stopped for the crowd."""
    settings = {"daily_minutes": 20, "business_timezone": "America/Chicago", "revisit_days": 14}
    ample = decide(100000)
    crowded = {d["id"]: d for d in plan(None, backlog(), NOW, settings)}
    far = [
        d
        for d in crowded.values()
        if d["action"] == "wait"
        and re.search(r"comes around \w{3} \d+ (?!Jun)\w{3}\.", d["reason"])
    ]
    assert far, "300 leads at 20 minutes a day reach beyond June"
    for lead_id, d in crowded.items():
        if ample[lead_id]["action"] == "contact":
            assert d["action"] in ("contact", "wait"), d["reason"]
            assert "Stop" not in d["reason"]


def test_a_crowded_day_prefers_cheaper_channels():
    ample, crowded = decide(100000), decide(20)

    def share_of_calls(decisions):
        contacts = [d for d in decisions.values() if d["action"] == "contact"]
        return sum(d["channel"] == "call" for d in contacts) / len(contacts)

    assert share_of_calls(crowded) < share_of_calls(ample)


def test_a_crowded_day_reports_contacts_at_your_own_cost():
    ample, crowded = decide(100000), decide(20)
    for lead_id, d in crowded.items():
        if d["action"] == "contact" and d["channel"] == ample[lead_id]["channel"]:
            assert abs(d["expected_value"] - ample[lead_id]["expected_value"]) < 1e-6
            assert d["reason"] == ample[lead_id]["reason"]


def test_endless_minutes_are_a_quiet_day():
    endless = decide(float("inf"))
    assert not any(d["action"] == "wait" for d in endless.values())
    assert {k: d["action"] for k, d in endless.items()} == {
        k: d["action"] for k, d in decide(100000).items()
    }


def _waiting_for_its_gap(i):
    """A referral tried three times, the last two weeks ago: its schedule's next try (three
    weeks after the last) is a week away, though a try now would do as well."""
    return {
        "id": f"Y{i}",
        "source": "referral",
        "value": 8000.0,
        "created_at": NOW - timedelta(days=40),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "attempts": [
            {"at": NOW - timedelta(days=d), "channel": "call", "outcome": "no_answer", "minutes": 6}
            for d in (30, 25, 14.5)
        ],
        "status": "open",
    }


def test_a_quiet_day_brings_forward_a_follow_up_that_gains_by_coming_sooner():
    settings = {"business_timezone": "America/Chicago"}
    scheduled = plan(None, [_waiting_for_its_gap(0)], NOW, {**settings, "daily_minutes": 1})[0]
    assert scheduled["action"] == "contact" and scheduled["due"] > NOW + timedelta(days=5)
    quiet = plan(None, [_waiting_for_its_gap(0)], NOW, {**settings, "daily_minutes": 600})[0]
    assert quiet["action"] == "contact" and quiet["due"] < NOW + timedelta(hours=12)


def test_a_quiet_day_brings_forward_only_what_its_spare_minutes_hold():
    leads = [_waiting_for_its_gap(i) for i in range(10)]
    settings = {"business_timezone": "America/Chicago", "daily_minutes": 13}
    decisions = plan(None, leads, NOW, settings)
    today = [
        d for d in decisions if d["action"] == "contact" and d["due"] < NOW + timedelta(hours=12)
    ]
    minutes = {"call": 6, "email": 3, "text": 2, "visit": 45}
    assert today and sum(minutes[d["channel"]] for d in today) <= 13
    assert len(today) < len(leads)  # the others keep their schedule


def _in_conversation(i):
    """An engaged lead whose next call is due today (it talked a week ago and things moved)."""
    return {
        "id": f"E{i:03d}",
        "source": "referral",
        "value": 20000.0,
        "created_at": NOW - timedelta(days=20),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "attempts": [
            {
                "at": NOW - timedelta(days=7),
                "channel": "call",
                "outcome": "talked",
                "minutes": 12,
                "progress": True,
            }
        ],
        "status": "engaged",
    }


def test_a_day_full_of_conversations_puts_the_silent_off_to_later_days_not_for_ever():
    settings = {"daily_minutes": 60, "business_timezone": "America/Chicago"}
    silent = backlog(40)
    alone = {d["id"]: d for d in plan(None, silent, NOW, settings)}
    talks = [_in_conversation(i) for i in range(20)]  # 20 calls due today: 120 of 60 minutes
    crowded = {d["id"]: d for d in plan(None, silent + talks, NOW, settings)}
    assert all(crowded[t["id"]]["action"] == "contact" for t in talks)
    for lead in silent:
        d = crowded[lead["id"]]
        if alone[lead["id"]]["action"] == "contact":
            assert "Stop for now" not in d["reason"], d["reason"]
            assert d["action"] in ("contact", "wait")
            if d["action"] == "wait":
                assert "turn comes around" in d["reason"]


def test_no_minutes_a_day_puts_every_turn_off_and_says_why():
    """No selling minutes at all (0 a day; a minute left today): the leads due wait, and the
    reason says no minutes a day are set rather than dating a turn that never comes."""
    settings = {"daily_minutes": 0, "minutes_left_today": 1, "business_timezone": "America/Chicago"}
    decisions = plan(None, backlog(n=60), NOW, settings)
    wings = [d for d in decisions if d["action"] == "wait"]
    assert wings
    no_minutes = "Wait: no selling minutes a day are set (Settings: daily minutes 0)"
    assert all(d["reason"].startswith(no_minutes) for d in wings), wings[0]["reason"]


def test_an_owner_who_left_is_why_there_are_no_minutes():
    """`no_minutes_because: owner_left`: the same decisions as with no minutes set, but the
    leads waiting say their owner left and to reassign them (no name: the core knows none),
    with what their next tries are worth; an unknown why, or minutes to spare, change nothing."""
    settings = {"daily_minutes": 0, "business_timezone": "America/Chicago"}
    leads = backlog(n=60)
    unset = plan(None, leads, NOW, settings)
    left = plan(None, leads, NOW, {**settings, "no_minutes_because": "owner_left"})
    assert [{**d, "reason": ""} for d in left] == [{**d, "reason": ""} for d in unset]
    wings = [(d, u) for d, u in zip(left, unset, strict=True) if d["action"] == "wait"]
    assert wings
    gone = (
        "Wait: its owner no longer works here, so no one's minutes are planned for it; reassign"
        " it and it is planned on its new owner's minutes. Its next tries are worth $"
    )
    for d, u in wings:
        assert d["reason"].startswith(gone), d["reason"]
        assert d["reason"].partition(". ")[2] == u["reason"].partition(". ")[2]  # the worth
    for odd in ("holiday", ["owner_left"], 7):
        assert plan(None, leads, NOW, {**settings, "no_minutes_because": odd}) == unset
    spare = {"daily_minutes": 60, "business_timezone": "America/Chicago"}
    assert plan(None, leads, NOW, {**spare, "no_minutes_because": "owner_left"}) == plan(
        None, leads, NOW, spare
    )


def test_a_revisit_of_any_length_is_a_date():
    """`revisit_days` beyond any date (or infinite) falls back to one that is a date."""
    lost = {**backlog(n=1)[0], "status": "lost", "timezone": "Asia/Tokyo"}
    for days in (1e7, float("inf"), "inf"):
        settings = {"revisit_days": days, "business_timezone": "Asia/Tokyo"}
        assert plan(None, [lost, *backlog(n=5)], NOW, settings)


def test_the_wings_turn_is_a_day_written_as_the_app_writes_days():
    """'its turn comes around Wed 25 Dec', as every screen writes a day ('Mon 7 Dec 09:00'),
    the year only when it is not this one: 'Fri 3 Jan 2025' from Friday 20 Dec 2024."""
    friday = datetime(2024, 12, 20, 16, 30, tzinfo=UTC)  # Friday 20 Dec 10:30 in Chicago
    shift = friday - NOW
    leads = [
        {
            **lead,
            "created_at": lead["created_at"] + shift,
            "attempts": [{**a, "at": a["at"] + shift} for a in lead["attempts"]],
        }
        for lead in backlog()
    ]
    settings = {"daily_minutes": 60, "business_timezone": "America/Chicago"}
    wings = [d["reason"] for d in plan(None, leads, friday, settings) if d["action"] == "wait"]
    turns = {reason.split("comes around ")[1].split(".")[0] for reason in wings}
    assert "Wed 25 Dec" in turns and "Fri 3 Jan 2025" in turns, sorted(turns)
    for turn in turns:
        written = turn if turn.endswith("2025") else f"{turn} 2024"
        day = datetime.strptime(written, "%a %d %b %Y")
        assert f"{day:%a}" == turn.split()[0], turn  # the weekday is that date's
        assert day.year == 2024 or turn.endswith(" 2025"), turn  # this year's has none
