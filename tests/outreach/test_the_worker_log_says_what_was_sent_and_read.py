"""The worker's log says what it did: each send and each failure with the message, its
lead, channel, recipient and Message-ID (what an operator greps the mail server's log
with), each reply read with its lead and kind; the Outbox shows the Message-ID."""

from __future__ import annotations

import logging

from django.db import transaction
from django.test import Client

from fairchase.outreach import mailbox, outbox
from fairchase.outreach.channels.email import EmailChannel
from tests.outreach.conftest import smtp_mailers


def _queue(lead, user):
    with transaction.atomic():
        return outbox.queue(lead, "email", "Hello", "Hi there.\n", user=user)


def _said(caplog, level) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno == level)


def test_a_send_and_a_reply_read_are_logged_with_what_identifies_them(
    alice, make_lead, smtp_server, open_all_day, caplog
):
    lead = make_lead(alice, email="ann@example.com")
    msg = _queue(lead, alice)
    caplog.set_level(logging.INFO, logger="fairchase")
    assert outbox.send_now(msg) == "sent"
    said = _said(caplog, logging.INFO)
    assert (
        f"sent message {msg.pk} (lead {lead.pk}, email to ann@example.com, "
        f"Message-ID {msg.message_id})" in said
    ), said
    raw = (
        f"From: ann@example.com\r\nTo: sales@example.com\r\nSubject: Re: Hello\r\n"
        f"In-Reply-To: {msg.message_id}\r\nMessage-ID: <r1@example.com>\r\n\r\n"
        "Please call me back tomorrow at 10.\r\n"
    )
    got = mailbox.handle_mail(raw.encode(), "r-1")
    said = _said(caplog, logging.INFO)
    assert f"read email {got.pk} from lead {lead.pk}: {got.kind}" in said, said
    assert f"Message-ID {msg.message_id}" in said.split("read email")[1]

    client = Client()
    client.force_login(alice)
    row = client.get("/o/outbox/").content.decode().split(f'id="message-{msg.pk}"')[1]
    assert "Message-ID <code>&lt;" in row.split("</tr>")[0]


def test_a_failed_send_is_logged_with_the_same_identifiers(
    alice, make_lead, smtp_server, settings, open_all_day, caplog
):
    lead = make_lead(alice, email="bo@example.com")
    msg = _queue(lead, alice)
    settings.MAILERS = smtp_mailers(1)  # nothing listens: it waits and retries
    EmailChannel.shared().close()
    with caplog.at_level(logging.WARNING, logger="fairchase"):
        outbox.send_now(msg)
    said = _said(caplog, logging.WARNING)
    assert (
        f"message {msg.pk} (lead {lead.pk}, email to bo@example.com, "
        f"Message-ID {msg.message_id}) waits" in said
    ), said
