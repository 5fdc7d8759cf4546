"""The contract's invariants, checked on random leads and settings."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from fairchase.policy import Settings, fit, plan
from fairchase.policy.records import to_ts

from .strategies import NOW, lead_lists, settings

CONTRACT_KEYS = {
    "id",
    "action",
    "channel",
    "due",
    "priority",
    "expected_value",
    "next_state",
    "revisit_at",
    "reason",
}
EXTRA_KEYS = {"why_not_stop", "p_reply"}
KNOWN = ("call", "email", "text", "visit")
MODEL = fit([])
many = hyp_settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def zone_of(lead, conf: Settings):
    for name in (lead.get("timezone"), conf.business_timezone):
        try:
            return ZoneInfo(name)
        except Exception:
            continue
    return ZoneInfo("UTC")


def own_tries(lead, conf: Settings) -> list:
    """The lead's attempts, but the email or text sent the same day (on the lead's clock) right
    after a voicemail: that is part of the voicemail's try (seed 000: call, message, email)."""
    out, before = [], None
    for a in lead["attempts"]:
        at = to_ts(a["at"])
        day = None if at is None else datetime.fromtimestamp(at, zone_of(lead, conf)).date()
        companion = (
            before is not None
            and (before[0], before[1]) == ("call", "left_message")
            and a["channel"] in ("email", "text")
            and a["outcome"] != "bounced"
            and day is not None
            and day == before[2]
        )
        if not companion:
            out.append(a)
        before = (a["channel"], a["outcome"], day)
    return out


def reachable(lead) -> set:
    given_channels = lead.get("channels")
    if isinstance(given_channels, str):  # one channel named alone
        given_channels = [given_channels]
    if isinstance(given_channels, list):  # [] means none
        allowed = {c for c in given_channels if c in KNOWN}
    else:
        allowed = {"call", "email"} | ({"text"} if "sms" in lead.get("consents", []) else set())
        allowed |= {  # a channel used before, but never a text without the consent
            a["channel"]
            for a in lead["attempts"]
            if a["channel"] in KNOWN and a["outcome"] != "bounced" and a["channel"] != "text"
        }
    last = {}
    for a in lead["attempts"]:
        last[a["channel"]] = a["outcome"]
    return {c for c in allowed if last.get(c) != "bounced"}


def spelled(status):
    """A status as the contract spells it ('Opted out' -> 'opted_out'; '' -> 'open')."""
    if not isinstance(status, str):
        return status
    return "_".join(status.lower().replace("-", " ").split()) or "open"


def must_not_contact(lead) -> bool:
    return (
        spelled(lead["status"]) not in ("open", "engaged")
        or any(a["outcome"] == "opted_out" for a in lead["attempts"])
        or not reachable(lead)
    )


def pending_commitment(lead, now):
    """The earliest time a pending promise allows a contact: ours at the agreed time, theirs
    after it (None when there is none, or an attempt came after it)."""
    commitment = lead.get("commitment")
    if not isinstance(commitment, dict) or commitment.get("by") not in ("us", "lead"):
        return None
    due = to_ts(commitment.get("due"))
    tried = [to_ts(a["at"]) for a in lead["attempts"] if a["outcome"] != "bounced"]
    if due is None or (tried and max(t for t in tried if t is not None) > due):
        return None
    replied = to_ts(lead.get("responded_at"))
    if commitment.get("by") == "lead" and replied is not None and replied > due:
        return None  # they got in touch after it: over
    return max(due, now.timestamp())


def _answers_or_keeps_a_promise(lead, now) -> bool:
    """The contact answers their reply (our latest try was answered `replied`) or keeps a
    promise of ours: the weekly cap does not hold it back."""
    tries = [a for a in lead["attempts"] if a.get("outcome") != "bounced"]  # as the core reads
    times = [to_ts(a["at"]) or 0.0 for a in tries]
    # tries made at one instant: any of them
    latest = [a for a, t in zip(tries, times, strict=True) if t == max(times)]
    if any(a.get("outcome") == "replied" for a in latest):
        return True
    promise = lead.get("commitment") or {}
    return promise.get("by") == "us" and pending_commitment(lead, now) is not None


def check(leads, raw_settings, now=NOW, model=MODEL):
    conf = Settings.from_any(raw_settings)
    decisions = plan(model, leads, now, raw_settings)
    assert len(decisions) == len(leads)
    by_id = {lead["id"]: lead for lead in leads}
    assert {d["id"] for d in decisions} == set(by_id)
    start, end = conf.contact_hours
    for d in decisions:
        lead = by_id[d["id"]]
        assert CONTRACT_KEYS <= set(d) <= CONTRACT_KEYS | EXTRA_KEYS
        assert d["action"] in ("contact", "wait", "stop")
        assert type(d["priority"]) is float and math.isfinite(d["priority"])
        assert type(d["expected_value"]) is float and math.isfinite(d["expected_value"])
        assert isinstance(d["reason"], str) and re.search(r"\d", d["reason"]), d["reason"]
        if d["action"] == "contact":
            assert not must_not_contact(lead), (lead, d)
            assert d["channel"] in reachable(lead)
            due = d["due"]
            assert isinstance(due, datetime) and due.tzinfo is not None
            assert due >= now - timedelta(seconds=1)
            local = due.astimezone(zone_of(lead, conf))
            minute = local.hour * 60 + local.minute + local.second / 60
            assert start <= minute < end, (local, conf.contact_hours)
            assert local.weekday() in conf.contact_days
            assert local.weekday() != 6 or 6 in conf.contact_days
            # replies are not attempts: only our own tries count against the weekly cap, which
            # holds back the tries no one asked for (not an answer to a reply, nor our promise)
            week = [to_ts(a["at"]) for a in own_tries(lead, conf)]
            recent = [t for t in week if 0 <= due.timestamp() - t < 7 * 86400]
            asked = _answers_or_keeps_a_promise(lead, now)
            assert asked or len(recent) + 1 <= conf.max_attempts_per_week, (recent, due)
            paused = to_ts(lead.get("paused_until"))
            assert paused is None or paused <= now.timestamp() or due.timestamp() >= paused
            agreed = pending_commitment(lead, now)
            if agreed is not None:
                assert due.timestamp() >= agreed - 1, (lead["commitment"], due)
        else:
            assert d["channel"] is None and d["due"] is None
        if d["next_state"] == "nurture":
            assert "mailing_list" in lead.get("consents", [])
        if d["action"] == "stop":
            assert d["next_state"] in ("nurture", "revisit", "closed")
            assert (d["revisit_at"] is not None) == (d["next_state"] == "revisit")
        else:
            assert d["next_state"] is None
    priorities = [d["priority"] for d in decisions]
    assert priorities == sorted(priorities, reverse=True)
    return decisions


@many
@given(lead_lists(), settings())
def test_random_leads_keep_every_invariant(leads, raw_settings):
    check(leads, raw_settings)


@many
@given(lead_lists(max_size=6), settings(), st.integers(0, 400 * 86400))
def test_invariants_hold_at_any_moment_including_daylight_saving_changes(leads, raw, offset):
    check(leads, raw, now=NOW - timedelta(days=200) + timedelta(seconds=offset))


@hyp_settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(lead_lists(max_size=8), settings())
def test_plan_is_deterministic_and_ignores_input_order(leads, raw):
    first = plan(MODEL, leads, NOW, raw)
    assert plan(MODEL, leads, NOW, raw) == first
    assert plan(MODEL, list(reversed(leads)), NOW, raw) == first


@hyp_settings(
    max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(lead_lists(max_size=10), lead_lists(max_size=6), settings())
def test_invariants_hold_with_a_model_fitted_on_random_history(history, leads, raw):
    model = fit(history)
    check(leads, raw, model=model)


def test_a_lead_with_no_channel_is_never_contacted_and_others_only_on_their_own():
    base = {
        "source": "referral",
        "value": 50000,
        "created_at": NOW,
        "attempts": [],
        "status": "open",
        "consents": ["sms"],
    }
    leads = [
        {**base, "id": "none", "channels": []},
        {**base, "id": "text-only", "channels": ["text"]},
        {**base, "id": "visit-only", "channels": ["visit", "fax"]},
    ]
    by_id = {d["id"]: d for d in check(leads, {})}
    assert by_id["none"]["action"] != "contact"
    assert by_id["text-only"]["channel"] == "text"
    assert by_id["visit-only"]["channel"] == "visit"


def test_a_reply_is_not_an_attempt_for_the_weekly_cap():
    tries = [
        {"at": NOW - timedelta(days=d), "channel": "email", "outcome": "no_answer", "minutes": 3}
        for d in (5, 3)
    ]
    tries[-1]["outcome"] = "replied"  # they wrote back yesterday: our try of 3 days ago
    lead = {
        "id": "r",
        "source": "web_form",
        "value": 3000,
        "created_at": NOW - timedelta(days=6),
        "attempts": tries,
        "status": "engaged",
        "responded_at": NOW - timedelta(days=1),
    }
    decision = check([lead], {"max_attempts_per_week": 3})[0]
    assert decision["action"] == "contact" and decision["due"] == NOW  # answered now


@pytest.mark.parametrize("days", [(0, 1, 2, 3, 4), (5,), (2, 6)])
def test_custom_contact_days_are_respected(days):
    leads = [
        {
            "id": str(i),
            "source": "referral",
            "value": 5000,
            "created_at": NOW,
            "timezone": "America/Chicago",
            "attempts": [],
            "status": "open",
        }
        for i in range(3)
    ]
    decisions = check(leads, {"contact_days": days})
    for d in decisions:
        assert d["due"].astimezone(ZoneInfo("America/Chicago")).weekday() in days
