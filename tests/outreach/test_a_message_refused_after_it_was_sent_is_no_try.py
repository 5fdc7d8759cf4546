"""A message the receiving server refuses after accepting it (a 5.7.x bounce: the content or
our sending, not the address) failed: that goes through the one door for a message's state,
so its Outbox history says sent -> failed and why (review26 #5: a bare UPDATE left no
transition row). Nobody got it, so the "no answer" try logged when it was sent is taken
back, said on the timeline: the fit never learns a message nobody got as one nobody
answered. The address is kept."""

from __future__ import annotations

import pytest
from django.db import transaction

from fairchase.leads.models import Suppression
from fairchase.outreach import mailbox, outbox
from fairchase.outreach.models import MessageChange

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

DSN = """From: MAILER-DAEMON@mx.example
To: sales@fairchase.test
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn1@mx.example>
Date: Mon, 07 Dec 2026 13:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Policy rejection.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example

Final-Recipient: rfc822; {to}
Action: failed
Status: 5.7.1
Diagnostic-Code: smtp; 550 5.7.1 Message rejected as spam

--B
Content-Type: text/rfc822-headers

Message-ID: {mid}
To: {to}
--B--
"""


def test_a_refused_message_fails_through_a_transition_and_is_no_try(alice, make_lead, smtp_server):
    lead = make_lead(alice, email="tom@example.com")
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi Tom.\n", user=alice)
    assert outbox.send_now(msg) == "sent"
    lead.refresh_from_db()
    assert lead.attempt_count == 1
    raw = DSN.format(mid=msg.message_id, to="tom@example.com").replace("\n", "\r\n").encode()
    got = mailbox.handle_mail(raw, "INBOX:1:1")
    msg.refresh_from_db()
    assert msg.state == "failed" and "5.7.1" in msg.error
    last = MessageChange.objects.filter(message=msg).last()
    assert (last.old, last.new) == ("sent", "failed") and "5.7.1" in last.reason
    lead.refresh_from_db()
    assert lead.attempt_count == 0 and not lead.attempts.exists()
    assert lead.last_attempt_at is None
    assert lead.status_changes.filter(reason__contains="never arrived").exists()
    assert not Suppression.objects.exists() and "address is kept" in got.effect
    # the same report again changes nothing more
    assert mailbox.handle_mail(raw, "INBOX:1:1") is None
