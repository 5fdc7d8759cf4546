"""Folk rules stop when they say, and play by the same rules as everyone."""

from datetime import UTC, datetime, timedelta

import pytest

from fairchase.sim.baselines import baselines
from fairchase.sim.timing import in_contact_hours

NOW = datetime(2025, 3, 4, 13, 0, tzinfo=UTC)  # a Tuesday
SETTINGS = {"max_attempts_per_week": 3, "business_timezone": "America/New_York"}


def _lead(n_attempts, value=1000.0, gap_days=9, **extra):
    tries = [
        {
            "at": NOW - timedelta(days=gap_days * (n_attempts - i)),
            "channel": "call",
            "outcome": "no_answer",
            "minutes": 6,
        }
        for i in range(n_attempts)
    ]
    return {
        "id": "x",
        "source": "web_form",
        "value": value,
        "created_at": NOW - timedelta(days=90),
        "timezone": "America/Los_Angeles",
        "signals": [],
        "consents": [],
        "attempts": tries,
        "status": "open",
        "channels": ["call", "email"],
        **extra,
    }


def _rule(name):
    return {r.name: r for r in baselines(SETTINGS)}[name]


@pytest.mark.parametrize(
    "name, stops_after",
    [
        ("one_attempt", 1),
        ("agreed_then_2d", 3),
        ("two_three_in_2wk", 3),
        ("weekly_plus_late", 5),
        ("five_plus", 6),
    ],
)
def test_a_folk_rule_stops_exactly_when_it_says(name, stops_after):
    rule = _rule(name)
    for k in range(stops_after):
        assert rule.plan([_lead(k)], NOW)[0]["action"] == "contact", k
    assert rule.plan([_lead(stops_after)], NOW)[0]["action"] == "stop"


@pytest.mark.parametrize("value, tries", [(300, 1), (1000, 3), (10_000, 6), (1_000_000, 10)])
def test_value_scaled_tries_grow_with_the_deal(value, tries):
    rule = _rule("value_scaled")
    assert rule.plan([_lead(tries - 1, value)], NOW)[0]["action"] == "contact"
    assert rule.plan([_lead(tries, value)], NOW)[0]["action"] == "stop"


def test_never_stop_never_stops():
    assert _rule("never_stop").plan([_lead(40)], NOW)[0]["action"] == "contact"


def test_folk_rules_respect_contact_hours_and_the_weekly_cap():
    # three calls in the last two days: the next may only come a week after the first of them
    lead = _lead(3, value=10_000, gap_days=1)
    for rule in baselines(SETTINGS):
        d = rule.plan([lead], NOW)[0]
        if d["action"] != "contact":
            continue
        assert in_contact_hours(d["due"], "America/Los_Angeles")
        assert d["due"] >= lead["attempts"][0]["at"] + timedelta(days=7)


def test_the_agreed_time_is_honoured():
    due = NOW + timedelta(days=2, hours=3)
    lead = _lead(0, commitment={"due": due, "by": "us", "what": "call back"})
    assert _rule("agreed_then_2d").plan([lead], NOW)[0]["due"] == due


def test_closed_leads_get_stop():
    lead = _lead(0, status="won")
    assert all(r.plan([lead], NOW)[0]["action"] == "stop" for r in baselines(SETTINGS))
