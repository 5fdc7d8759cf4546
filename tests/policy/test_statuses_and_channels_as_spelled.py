"""Records as other tools spell them: a status in any case, an unknown status, one channel
named alone, a text without the consent. Nobody who said no is contacted in any spelling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fairchase.policy import plan

NOW = datetime(2024, 6, 12, 15, 0, tzinfo=UTC)  # a Wednesday


def lead(**fields):
    return {
        "id": "a",
        "source": "web_form",
        "value": 1000.0,
        "created_at": NOW - timedelta(hours=2),
        "timezone": "UTC",
        "signals": [],
        "consents": [],
        "attempts": [],
        "status": "open",
        **fields,
    }


@pytest.mark.parametrize("status", ["OPTED_OUT", "Opted out", "opted-out", "Won", " LOST "])
def test_a_closed_status_in_any_spelling_is_never_contacted(status):
    (d,) = plan(None, [lead(status=status)], NOW)
    assert d["action"] == "stop" and d["next_state"] == "closed"


@pytest.mark.parametrize("status", ["closed", "nurture", "revisit", 3, True])
def test_an_unknown_status_waits_and_says_so(status):
    (d,) = plan(None, [lead(status=status)], NOW)
    assert d["action"] == "wait"
    assert "its status" in d["reason"] and "none of open, engaged" in d["reason"]


@pytest.mark.parametrize("status", [None, "", "Open", "ENGAGED"])
def test_no_status_or_an_open_one_in_any_case_is_chased(status):
    (d,) = plan(None, [lead(status=status)], NOW)
    assert d["action"] == "contact"


def test_one_channel_named_alone_is_the_only_one():
    (d,) = plan(None, [lead(channels="email")], NOW)
    assert d["action"] == "contact" and d["channel"] == "email"


def test_a_lead_who_answered_a_text_is_not_texted_again_without_the_consent():
    answered = {"at": NOW - timedelta(days=1), "channel": "text", "outcome": "replied"}
    engaged = lead(status="engaged", attempts=[answered], created_at=NOW - timedelta(days=2))
    (d,) = plan(None, [engaged], NOW)
    assert d["action"] == "contact" and d["channel"] != "text"
    (d,) = plan(None, [{**engaged, "consents": ["sms"]}], NOW)
    assert d["channel"] == "text"  # with the consent, the channel they answered on
