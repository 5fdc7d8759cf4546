"""eval24 #2: a euro business read "worth $8.76" in every reason. The settings' optional
`currency_symbol` is written before every amount of a reason (and of why_not_stop); it changes
no decision, and
without it (or with a sign that is no sign) the reasons are the dollars they always were."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan
from fairchase.policy.reasons import money

NOW = datetime(2024, 6, 11, 15, 0, tzinfo=UTC)  # a Tuesday afternoon


def _lead(i: int, tries: int, value: float | None) -> dict:
    created = NOW - timedelta(days=3 * tries + 1)
    return {
        "id": f"lead-{i}",
        "source": ("referral", "web_form", "cold_outreach")[i % 3],
        "value": value,
        "created_at": created,
        "status": "open",
        "attempts": [
            {"at": created + timedelta(days=3 * t), "channel": "call", "outcome": "no_answer"}
            for t in range(tries)
        ],
    }


LEADS = [_lead(i, i % 9, (None, 40.0, 2000.0, 25000.0)[i % 4]) for i in range(36)]


def test_a_euro_plan_decides_alike_and_writes_euros():
    dollars = plan(None, LEADS, NOW)
    euros = plan(None, LEADS, NOW, {"currency_symbol": "€"})
    assert [_figures(d) for d in dollars] == [_figures(d) for d in euros]
    assert [_words(d).replace("$", "€") for d in dollars] == [_words(d) for d in euros]
    assert sum("€" in d["reason"] for d in euros) > 20
    assert not any("$" in _words(d) for d in euros)


def _figures(decision: dict) -> dict:
    return {k: v for k, v in decision.items() if k not in ("reason", "why_not_stop")}


def _words(decision: dict) -> str:
    return decision["reason"] + decision.get("why_not_stop", "")


def test_no_sign_or_a_bad_one_is_dollars_and_the_sign_is_the_plans_alone():
    dollars = [d["reason"] for d in plan(None, LEADS, NOW)]
    for bad in ("", "   ", "12", 5, None, "TOO LONG A SIGN"):
        assert [d["reason"] for d in plan(None, LEADS, NOW, {"currency_symbol": bad})] == dollars
    plan(None, LEADS, NOW, {"currency_symbol": "£"})
    assert money(1500) == "$1,500"  # a plan's sign does not outlive its call
