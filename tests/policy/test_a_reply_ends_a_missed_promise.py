"""A promise of theirs is over once they get in touch after it (review30 #3): their reply is no
try of ours, so before, "they promised to be in touch by ... and have not" (and its try at the
end of the grace day) stayed until our next try. The record's `responded_at` ends it at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan
from fairchase.policy.plan import default_model

NOW = datetime(2026, 12, 12, 21, 0, tzinfo=UTC)  # Saturday 15:00 in Chicago
PROMISED = NOW - timedelta(days=1, hours=3)  # Friday 12:00: missed, past its grace day


def _carl(**extra):
    return {
        "id": "carl",
        "source": "referral",
        "value": 5000.0,
        "created_at": NOW - timedelta(days=5),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "attempts": [{"at": NOW - timedelta(days=4), "channel": "call", "outcome": "talked"}],
        "status": "engaged",
        "commitment": {"due": PROMISED, "by": "lead", "what": "floor plan"},
        **extra,
    }


def _decide(lead):
    return plan(default_model(), [lead], NOW, {"business_timezone": "America/Chicago"})[0]


def test_a_missed_promise_is_named_until_they_get_in_touch():
    assert "and have not" in _decide(_carl())["reason"]
    answered = _decide(_carl(responded_at=NOW - timedelta(hours=1)))
    assert "promised" not in answered["reason"], answered["reason"]


def test_a_reply_before_the_promised_time_does_not_end_it():
    early = _decide(_carl(responded_at=PROMISED - timedelta(days=2)))
    assert "and have not" in early["reason"]
