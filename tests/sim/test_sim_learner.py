"""The model-free learner counts, smooths, and contacts only on channels the lead has."""

from datetime import UTC, datetime, timedelta

import pytest

from fairchase.sim.baselines import baselines
from fairchase.sim.learner import Learner

NOW = datetime(2025, 3, 4, 13, 0, tzinfo=UTC)  # a Tuesday
SETTINGS = {
    "hourly_cost": 60.0,
    "margin": 1.0,
    "complaint_cost": 100.0,
    "max_attempts_per_week": 3,
    "business_timezone": "UTC",
}


def _past(lid, source, outcomes, status, value=1000.0, channel="call"):
    atts = [
        {"at": NOW - timedelta(days=60 - 2 * i), "channel": channel, "outcome": o, "minutes": 6}
        for i, o in enumerate(outcomes)
    ]
    return {
        "id": lid,
        "source": source,
        "value": value,
        "created_at": NOW - timedelta(days=61),
        "signals": [],
        "consents": [],
        "attempts": atts,
        "status": status,
        "won_value": value if status == "won" else None,
    }


def _open(channels, attempts=0, source="web_form", value=5000.0):
    atts = [
        {
            "at": NOW - timedelta(days=3 * (attempts - i)),
            "channel": "call",
            "outcome": "no_answer",
            "minutes": 6,
        }
        for i in range(attempts)
    ]
    return {
        "id": "o",
        "source": source,
        "value": value,
        "created_at": NOW - timedelta(days=20),
        "timezone": "UTC",
        "signals": [],
        "consents": ["sms"],
        "attempts": atts,
        "status": "open",
        "channels": channels,
    }


# referral: 10 leads, 5 answer the first call, 4 of them buy; web_form: 20 leads never answer
HISTORY = (
    [_past(f"r{i}", "referral", ["talked"], "won" if i < 4 else "lost") for i in range(5)]
    + [_past(f"s{i}", "referral", ["no_answer"] * 3, "lost") for i in range(5)]
    + [_past(f"w{i}", "web_form", ["no_answer"] * 4, "lost") for i in range(20)]
)


def test_reply_rates_are_counts_smoothed_toward_the_pooled_rate():
    m = Learner(HISTORY, SETTINGS)
    # first calls: 5 of 10 referrals answered, 0 of 20 web forms; pooled 5 of 30
    pooled = m.pooled[1, "call"]
    assert m.reply_rate("referral", 1, "call") == pytest.approx((5 + 10 * pooled) / (10 + 10))
    assert m.reply_rate("web_form", 1, "call") == pytest.approx((0 + 10 * pooled) / (20 + 10))
    assert m.reply_rate("referral", 1, "call") > pooled > m.reply_rate("web_form", 1, "call")
    # a source never seen falls back to the pooled rate
    assert m.reply_rate("walk_in", 1, "call") == pytest.approx(pooled)


def test_win_rate_by_source_is_smoothed_toward_the_pooled_rate():
    m = Learner(HISTORY, SETTINGS)
    assert m.win["referral"] == pytest.approx((4 + 10 * m.win_all) / (5 + 10))
    assert 0.3 < m.win_all < 0.8


def test_it_stops_when_no_try_pays_and_chases_when_one_does():
    m = Learner(HISTORY, SETTINGS)
    rich = _open(["call", "email"], source="referral", value=50_000.0)
    poor = _open(["call", "email"], source="web_form", value=20.0)
    assert m.plan([rich], NOW)[0]["action"] == "contact"
    assert m.plan([poor], NOW)[0]["action"] == "stop"


@pytest.mark.parametrize("channels", [["email"], ["text"], ["call"], ["visit"], []])
def test_the_learner_and_the_folk_rules_use_only_the_leads_channels(channels):
    lead = _open(channels, attempts=1, source="referral", value=1e6)
    for policy in [Learner(HISTORY, SETTINGS), *baselines(SETTINGS)]:
        for d in policy.plan([lead], NOW):
            if d["action"] == "contact":
                assert d["channel"] in channels, (policy.name, d)
            else:
                assert d["action"] == "stop"
    if not channels:
        assert all(p.plan([lead], NOW)[0]["action"] == "stop" for p in baselines(SETTINGS))


def test_a_bounced_channel_is_not_used_again():
    lead = _open(["call", "email"], source="referral", value=1e6)
    lead["attempts"] = [
        {"at": NOW - timedelta(days=3), "channel": "call", "outcome": "bounced", "minutes": 6}
    ]
    for policy in [Learner(HISTORY, SETTINGS), *baselines(SETTINGS)]:
        d = policy.plan([lead], NOW)[0]
        assert d["action"] == "stop" or d["channel"] == "email", policy.name
