"""The same mail without a Message-ID delivered twice (a redelivery: a new UID) is one
reply, keyed on its From/Date/Subject/In-Reply-To/body; two different mails without one
stay two (eval28 #8). Over real IMAP, as the worker reads it."""

from __future__ import annotations

import pytest

from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _without_id(sent, body: str) -> str:
    mail = _reply(sent.message_id, body, sender="nadia@example.com")
    return "".join(line for line in mail.splitlines(True) if not line.startswith("Message-ID:"))


def test_a_redelivery_is_counted_once(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="nadia@example.com")
    sent = _sent(lead, alice, smtp_server)
    mail = _without_id(sent, "Yes, I'm interested, please send the quote.")
    imap_server.append(imap_server.folder, mail)
    assert mailbox.poll_mailbox() == 1
    imap_server.append(imap_server.folder, mail)
    mailbox.poll_mailbox()
    assert InboundMessage.objects.filter(lead=lead).count() == 1
    imap_server.append(imap_server.folder, _without_id(sent, "And could you call me too?"))
    assert mailbox.poll_mailbox() == 1
    assert InboundMessage.objects.filter(lead=lead).count() == 2
