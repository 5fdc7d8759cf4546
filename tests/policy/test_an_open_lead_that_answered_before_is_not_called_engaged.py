"""eval37 finding 6: a lead back from a revisit comes back `open`, but a lead who answered
before is planned as a conversation, and its reason read "engaged lead" while its status
said Open. The reason names the state the lead is in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

NOW = datetime(2027, 3, 29, 14, 0, tzinfo=UTC)


def _mia(status: str) -> dict:
    talk = {"channel": "email", "outcome": "replied", "minutes": 3, "progress": True}
    return {
        "id": "mia",
        "source": "referral",
        "value": 20000.0,
        "created_at": NOW - timedelta(days=120),
        "status": status,
        "revisit_at": NOW - timedelta(hours=6),
        "attempts": [{**talk, "at": NOW - timedelta(days=110)}],
    }


def test_an_open_lead_that_answered_before_is_not_called_engaged():
    decision = plan(None, [_mia("open")], NOW)[0]
    assert decision["action"] == "contact", decision
    assert "engaged lead" not in decision["reason"], decision["reason"]
    assert "open lead who answered before" in decision["reason"], decision["reason"]


def test_an_engaged_lead_is_still_called_engaged():
    decision = plan(None, [_mia("engaged")], NOW)[0]
    assert "engaged lead" in decision["reason"], decision["reason"]
