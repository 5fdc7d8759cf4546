"""With no history, the articles' advice decides (seeds 000, 001, 004)."""

from __future__ import annotations

from datetime import timedelta

from fairchase.policy import fit, plan, stop_attempt

from .strategies import NOW


def silent_lead(source, value, n_attempts, signals=(), **extra):
    created = NOW - timedelta(days=40)
    attempts = [
        {
            "at": created + timedelta(days=1 + 9 * i),
            "channel": "call" if i % 2 == 0 else "email",
            "outcome": "left_message" if i % 2 == 0 else "no_answer",
            "minutes": 5,
        }
        for i in range(n_attempts)
    ]
    lead = {
        "id": f"{source}-{value}-{n_attempts}",
        "source": source,
        "value": value,
        "created_at": created,
        "timezone": "America/Chicago",
        "signals": list(signals),
        "consents": [],
        "attempts": attempts,
        "status": "open",
    }
    lead.update(extra)
    return lead


def test_a_1000_web_form_lead_is_stopped_after_2_or_3_unanswered_attempts():
    model = fit([])
    assert stop_attempt(model, "web_form", 1000) in (3, 4)
    actions = [plan(model, [silent_lead("web_form", 1000, n)], NOW)[0]["action"] for n in range(6)]
    assert actions[:2] == ["contact", "contact"]
    assert actions[3:] == ["stop", "stop", "stop"]


def test_a_10000_referral_that_asked_the_price_is_still_chased_at_attempt_5():
    model = fit([])
    decision = plan(model, [silent_lead("referral", 10000, 4, ["asked_price"])], NOW)[0]
    assert decision["action"] == "contact"
    stop = stop_attempt(model, "referral", 10000, signals=["asked_price"])
    assert stop is None or stop > 5


def test_plan_without_a_model_uses_the_priors():
    assert plan(None, [silent_lead("web_form", 1000, 0)], NOW) == plan(
        fit([]), [silent_lead("web_form", 1000, 0)], NOW
    )


def test_value_raises_the_budget():
    model = fit([])
    stops = [stop_attempt(model, "web_form", v) or 99 for v in (500, 2000, 10000)]
    assert stops == sorted(stops) and stops[0] < stops[-1]


def test_referrals_get_more_persistence_than_cold_lists():
    model = fit([])
    order = [stop_attempt(model, s, 2000) or 99 for s in ("purchased_list", "web_form", "referral")]
    assert order == sorted(order) and order[0] < order[-1]


def test_the_stop_reason_says_prior_and_gives_the_numbers():
    decision = plan(None, [silent_lead("web_form", 1000, 5)], NOW)[0]
    assert decision["action"] == "stop"
    assert (
        "a starting guess: no history yet" in decision["reason"]
        and "%" in decision["reason"]
        and "$" in decision["reason"]
    )


def test_a_new_enquiry_is_called_now_and_tops_the_agenda():
    old = silent_lead("referral", 50000, 1)
    new = silent_lead("web_form", 800, 0, created_at=NOW - timedelta(minutes=20))
    first, second = plan(None, [old, new], NOW)
    assert first["id"] == new["id"] and first["action"] == "contact"
    assert first["due"] == NOW and "new enquiry" in first["reason"]
    assert "waiting 20 min" in first["reason"]
