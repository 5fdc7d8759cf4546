"""A reply asking us to stop is no answer (eval35 #4): the timeline read "Open -> Engaged:
Replied by email", then "Engaged -> Opted out", and our email it answered was marked
`replied`, so the fit learnt a reply where the person said no. Now the stop is one change,
Open -> Opted out, with their words as its evidence, and the email it answers gets the
outcome `opted_out` (the decision core's contract: a complaint, not a reply)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Outcome, Status, StatusChange
from fairchase.outreach import replies
from fairchase.outreach.inbound import record_inbound, record_stop_text


def _reply(lead, text: str, key: str):
    reading = replies.read_text(text, timezone.now(), "America/Chicago", channel="email")
    return record_inbound(
        key=key,
        lead=lead,
        channel="email",
        sender=lead.email,
        subject="Re: your quote",
        reading=reading,
        received_at=timezone.now(),
    )


def _changes(lead) -> list[tuple[str, str, str]]:
    """The lead's status changes after it came in (not its notes, whose old is its new)."""
    rows = StatusChange.objects.filter(lead=lead).exclude(old="").exclude(old=F("new"))
    return [(c.old, c.new, c.reason) for c in rows]


def test_a_stop_reply_opts_out_in_one_change_and_its_email_learns_an_opt_out(alice, make_lead):
    lead = make_lead(alice, name="Pat Cole", email="pat.cole@example.com")
    sent = actions.log_attempt(
        lead, "email", Outcome.NO_ANSWER, at=timezone.now() - timedelta(minutes=2)
    )
    got = _reply(lead, "stop", "<stop-1@example.com>")
    assert got.kind == "opt_out"
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
    changes = _changes(lead)
    assert [(old, new) for old, new, _ in changes] == [(Status.OPEN, Status.OPTED_OUT)]
    assert '"stop"' in changes[0][2]  # their words, the evidence of the opt-out
    sent.refresh_from_db()
    assert sent.outcome == Outcome.OPTED_OUT
    assert lead.responded_at is None  # no answer to put them on top of Today


def test_an_answer_still_marks_our_email_replied(alice, make_lead):
    """The other side: a real answer stays a reply (engaged, our email `replied`)."""
    lead = make_lead(alice, name="Ann Adams", email="ann.adams@example.com")
    sent = actions.log_attempt(
        lead, "email", Outcome.NO_ANSWER, at=timezone.now() - timedelta(minutes=2)
    )
    _reply(lead, "Yes please, send me the quote.", "<yes-1@example.com>")
    lead.refresh_from_db()
    sent.refresh_from_db()
    assert lead.status == Status.ENGAGED and sent.outcome == Outcome.REPLIED


def test_a_stop_text_teaches_the_text_it_answers_an_opt_out(alice, make_lead):
    lead = make_lead(alice, name="Tess Reed", phone="+12125550177", consents=["sms"])
    sent = actions.log_attempt(
        lead, "text", Outcome.NO_ANSWER, at=timezone.now() - timedelta(minutes=2)
    )
    record_stop_text(
        key="SM-stop-1", lead=lead, phone=lead.phone, body="STOP", received_at=timezone.now()
    )
    lead.refresh_from_db()
    sent.refresh_from_db()
    assert lead.status == Status.OPTED_OUT and sent.outcome == Outcome.OPTED_OUT
    assert [(old, new) for old, new, _ in _changes(lead)] == [(Status.OPEN, Status.OPTED_OUT)]
