"""jürgen@müller.de: sent over SMTPUTF8 when the server offers it, else failed in words
(nothing went, so never "unknown: the worker stopped"); info@bücher.de goes out punycoded."""

from __future__ import annotations

from django.db import transaction

from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage

State = OutboundMessage.State


def _queue(lead, user):
    with transaction.atomic():
        return outbox.queue(lead, "email", "Hallo Jürgen", "Grüße.\n", user=user)


def test_a_server_without_smtputf8_fails_it_in_words_and_receives_nothing(
    alice, make_lead, ascii_only_smtp, open_all_day
):
    lead = make_lead(alice, name="Jürgen Müller", email="jürgen@müller.de")
    msg = _queue(lead, alice)
    assert outbox.send_now(msg) == State.FAILED
    msg.refresh_from_db()
    assert "letters outside ASCII before the @" in msg.error
    assert "SMTPUTF8" in msg.error and "ValueError" not in msg.error
    assert ascii_only_smtp.received == []


def test_a_server_offering_smtputf8_takes_it_as_written(
    alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Jürgen Müller", email="jürgen@müller.de")
    msg = _queue(lead, alice)
    assert outbox.send_now(msg) == State.SENT
    [got] = smtp_server.received
    assert got.to == ["jürgen@müller.de"]
    assert got.message["To"] == "jürgen@müller.de"
    assert got.message["Subject"] == "Hallo Jürgen"
    assert got.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_domain_outside_ascii_still_goes_out_punycoded_to_any_server(
    alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Buch Laden", email="info@bücher.de")
    assert outbox.send_now(_queue(lead, alice)) == State.SENT
    [got] = smtp_server.received
    assert got.to == ["info@xn--bcher-kva.de"]
    assert "info@xn--bcher-kva.de" in got.message["To"]
