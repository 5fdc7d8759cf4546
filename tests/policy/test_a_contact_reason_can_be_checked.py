"""A contact's reason tells its chances as a stop's do and can be checked (eval26 finding 4):
never "0.0% of the time" on a try worth making, and the share of those who answer who buy, so
that chance x share x value is the worth it states."""

from __future__ import annotations

import re
from datetime import timedelta

from fairchase.policy import plan

from .strategies import NOW

FIGURES = re.compile(
    r"answers an? \w+ try by \w+ ([\d.]+)% of the time \([^)]*\) and ([\d.]+)% of those who"
    r" answer buy; on \$([\d,]+) that is worth \$([\d,.]+)"
)


def _silent(source: str, value: float, tries: int) -> dict:
    created = NOW - timedelta(days=7 * tries + 1)
    return {
        "id": f"{source}-{tries}",
        "source": source,
        "value": value,
        "created_at": created,
        "status": "open",
        "attempts": [
            {
                "at": created + timedelta(hours=1, days=7 * i),
                "channel": "call",
                "outcome": "no_answer",
                "minutes": 5,
            }
            for i in range(tries)
        ],
    }


def test_a_try_worth_making_on_a_slim_chance_is_not_told_as_0_0_percent():
    decision = plan(None, [_silent("purchased_list", 5e6, 16)], NOW)[0]
    assert decision["action"] == "contact" and decision["p_reply"] < 0.0005, decision
    assert "0.0%" not in decision["reason"], decision["reason"]
    assert re.search(r" 0\.0\d% of the time", decision["reason"]), decision["reason"]


def test_chance_times_share_who_buy_times_value_is_the_worth_stated():
    decision = plan(None, [_silent("referral", 2000.0, 1)], NOW)[0]
    found = FIGURES.search(decision["reason"])
    assert decision["action"] == "contact" and found, decision["reason"]
    chance, share, value, worth = (float(x.replace(",", "")) for x in found.groups())
    # the chances are rounded to whole percents above 10%: within that rounding
    assert abs(chance / 100 * share / 100 * value - worth) < 0.05 * worth, decision["reason"]


def test_at_a_margin_the_reason_names_it_and_still_multiplies_out():
    """With a 30% margin the worth is chance x share x value x margin, and the sentence
    says the margin (review23 #12: "on $10,000 that is worth $20" read as $68)."""
    margin = re.compile(
        FIGURES.pattern.replace(" that is worth", r" at your (\d+)% margin that is worth")
    )
    decision = plan(None, [_silent("referral", 10_000.0, 1)], NOW, {"margin": 0.3})[0]
    found = margin.search(decision["reason"])
    assert decision["action"] == "contact" and found, decision["reason"]
    chance, share, value, at, worth = (float(x.replace(",", "")) for x in found.groups())
    assert at == 30
    assert abs(chance / 100 * share / 100 * value * at / 100 - worth) < 0.05 * worth, decision
