"""A promise of ours that names a channel (`commitment["channel"]`: a call back, as they
asked) is kept on it, within the lead's channels. Before, Otto Khan, who wrote "Yes please,
call me tomorrow at 10", was planned an email at 10:00: it answered by email, and email is
cheaper."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

SUNDAY_EVENING = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # Sunday 6 Dec 19:00 in Chicago
MONDAY_TEN = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # Monday 7 Dec 10:00 in Chicago
SETTINGS = {"business_timezone": "America/Chicago"}


def otto(**commitment):
    """Emailed on Friday, answered by email asking for a call Monday at 10."""
    return {
        "id": "otto",
        "source": "web_form",
        "value": 1170.0,
        "created_at": SUNDAY_EVENING - timedelta(days=3),
        "timezone": "America/Chicago",
        "signals": ["asked_details"],
        "consents": [],
        "attempts": [
            {
                "at": SUNDAY_EVENING - timedelta(days=2),
                "channel": "email",
                "outcome": "replied",
                "minutes": 3,
            }
        ],
        "status": "engaged",
        "responded_at": SUNDAY_EVENING - timedelta(days=1),
        "commitment": {"due": MONDAY_TEN, "by": "us", "what": "Call back, as they asked"}
        | commitment,
    }


def decide(lead):
    (decision,) = plan(None, [lead], SUNDAY_EVENING, SETTINGS)
    return decision


def test_a_call_back_they_asked_for_is_a_call_at_the_time_agreed():
    d = decide(otto(channel="call"))
    assert (d["action"], d["channel"], d["due"]) == ("contact", "call", MONDAY_TEN), d["reason"]


def test_a_promise_naming_no_channel_leaves_the_channel_to_the_plan():
    assert decide(otto())["channel"] == "email"  # they answered by email


def test_a_channel_the_lead_cannot_be_reached_on_is_not_forced():
    d = decide({**otto(channel="call"), "channels": ["email"]})
    assert d["channel"] == "email"
    assert decide(otto(channel="pigeon"))["channel"] == "email"  # unknown: no channel named


def test_a_silent_leads_promised_call_is_a_call():
    """A lead that asked for a call before it ever answered a try of ours (it called in)."""
    lead = {**otto(channel="call"), "status": "open", "attempts": [], "responded_at": None}
    d = decide(lead)
    assert (d["action"], d["channel"]) == ("contact", "call"), d["reason"]
