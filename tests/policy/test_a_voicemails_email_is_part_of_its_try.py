"""One try is a call, the voicemail left and the email after it (seed 000: "leave another
message. Then send them an email referring to your phone message"). Before, the email the app
asks for after a voicemail counted as a try of its own: the next call, "Thu 17 Dec", became
"email Thu 31 Dec ... a 4th try" (eval37 #4), and `fit` read it as a silent try that lowered
the reply rate it learned by try."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import fit, plan
from fairchase.policy.plan import default_model

SETTINGS = {"business_timezone": "America/Chicago", "daily_minutes": 600}
TUE = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # Tuesday 09:00 in Chicago
THU = TUE + timedelta(days=2)


def _try(at, channel="call", outcome="no_answer"):
    return {"at": at, "channel": channel, "outcome": outcome, "minutes": 3}


def _lead(attempts, i="pam", status="open"):
    return {
        "id": i,
        "source": "inbound_call",
        "value": 3000.0,
        "created_at": TUE - timedelta(hours=1),
        "timezone": None,
        "signals": [],
        "consents": [],
        "attempts": attempts,
        "status": status,
    }


CALLS = [_try(TUE), _try(THU, outcome="left_message")]


def _decide(attempts, now=THU + timedelta(minutes=10)):
    return plan(default_model(), [_lead(attempts)], now, SETTINGS)[0]


def test_the_email_after_a_voicemail_keeps_the_next_calls_day():
    before = _decide(CALLS)
    after = _decide([*CALLS, _try(THU + timedelta(minutes=5), "email")])
    assert before["action"] == after["action"] == "contact"
    assert after["due"] == before["due"] and after["channel"] == before["channel"]
    assert "3rd try" in after["reason"] and "4th try" not in after["reason"]


def test_an_answer_to_that_email_is_the_tries_answer():
    replied = _decide([*CALLS, _try(THU + timedelta(minutes=5), "email", "replied")])
    assert replied["action"] == "contact" and replied["channel"] == "email"
    assert "answered before" in replied["reason"]


def test_an_email_on_a_later_day_is_a_try_of_its_own():
    later = THU + timedelta(days=1)  # Friday: the voicemail's day is over
    alone = _decide([*CALLS, _try(later, "email")], now=later + timedelta(minutes=10))
    assert "4th try" in alone["reason"]


def _history(with_email: bool) -> list:
    out = []
    for n in range(60):
        start = TUE - timedelta(days=40 + n % 7, hours=n % 5)
        attempts = [_try(start, outcome="left_message")]
        if with_email:
            attempts.append(_try(start + timedelta(minutes=4), "email"))
        attempts.append(_try(start + timedelta(days=2), outcome="talked" if n % 3 else "no_answer"))
        out.append(_lead(attempts, i=f"h{n}", status="won" if n % 6 == 1 else "lost"))
    return out


def test_fit_learns_the_same_from_a_voicemail_with_or_without_its_email():
    assert fit(_history(True), SETTINGS).to_dict() == fit(_history(False), SETTINGS).to_dict()
