"""A reply is filed when its sender wrote it (the Date header) while that is plausible; a
sender's clock running behind never files it before the message of ours it answers: it is
filed when it arrived, or a second after our message when even that is earlier (our clock
ahead of the mail server's). Against a real Dovecot, through the worker's poll."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.db import transaction
from django.utils import timezone

from fairchase.leads.models import Attempt, Lead
from fairchase.outreach import mailbox, outbox
from fairchase.outreach.models import InboundMessage, OutboundMessage

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _sent(lead, user):
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Sorry I missed you", "Hello\n", user=user)
    assert outbox.send_now(msg) == "sent"
    msg.refresh_from_db()
    return msg


def _reply(to_msg_id: str, written) -> str:
    return (
        "From: Ann Adams <ann@example.com>\nTo: sales@fairchase.test\n"
        f"Subject: Re: Sorry I missed you\nDate: {format_datetime(written)}\n"
        f"Message-ID: <r-{written.timestamp():.0f}@mail.example.com>\n"
        f"In-Reply-To: {to_msg_id}\nReferences: {to_msg_id}\n"
        "Content-Type: text/plain; charset=utf-8\n\nYes please, call me tomorrow.\n"
    )


def _our_attempt(lead):
    return Attempt.objects.get(lead=lead, channel="email")


def _sent_at(lead, sent, at):
    """Our email (and its attempt) as sent at `at`."""
    OutboundMessage.objects.filter(pk=sent.pk).update(sent_at=at)
    Attempt.objects.filter(lead=lead).update(at=at)
    Lead.objects.filter(pk=lead.pk).update(last_attempt_at=at)
    sent.sent_at = at


def test_a_reply_dated_before_our_email_is_filed_when_it_arrived(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    sent = _sent(lead, alice)
    _sent_at(lead, sent, timezone.now() - timedelta(minutes=10))
    imap_server.append(
        imap_server.folder, _reply(sent.message_id, sent.sent_at - timedelta(hours=2))
    )
    arrived = timezone.now().replace(microsecond=0)  # the mail server's time, to the second
    assert mailbox.poll_mailbox() == 1
    got = InboundMessage.objects.get(lead=lead)
    assert arrived - timedelta(seconds=5) <= got.received_at <= timezone.now()
    lead.refresh_from_db()
    assert lead.responded_at == got.received_at and lead.responded_at > sent.sent_at
    assert _our_attempt(lead).outcome == "replied"


def test_a_reply_that_arrived_before_our_email_by_our_clock_is_filed_a_second_after_it(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    sent = _sent(lead, alice)
    ahead = sent.sent_at + timedelta(days=1)  # our clock a day ahead of the mail server's
    _sent_at(lead, sent, ahead)
    imap_server.append(imap_server.folder, _reply(sent.message_id, timezone.now()))
    assert mailbox.poll_mailbox() == 1
    got = InboundMessage.objects.get(lead=lead)
    assert got.received_at == ahead + timedelta(seconds=1)
    assert Lead.objects.get(pk=lead.pk).responded_at == got.received_at
    assert _our_attempt(lead).outcome == "replied"


def test_a_plausible_date_header_is_kept_as_the_replys_time(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    sent = _sent(lead, alice)
    written = (sent.sent_at + timedelta(seconds=20)).replace(microsecond=0)
    imap_server.append(imap_server.folder, _reply(sent.message_id, written))
    assert mailbox.poll_mailbox() == 1
    assert InboundMessage.objects.get(lead=lead).received_at == written
