"""A delivery report is read by its RFC 3463 status code (eval28 #3, #10): only a fault of the
address (5.1.x no such mailbox or domain, 5.2.1 disabled) blocks it for good. A refusal for
our sending IP, our content or a policy (5.7.x, 5.4.x, 5.3.x) fails our message with the
reason on the Outbox and keeps the address; a full mailbox (5.2.2) is kept and tried again,
dropped only after repeated full-mailbox bounces over days; a code we cannot place is held
for a person. Each report is read over real IMAP, as the worker reads it."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.utils import timezone

from fairchase.leads.models import Attempt, Status, Suppression
from fairchase.outreach import mailbox
from fairchase.outreach.held import held_stops
from fairchase.outreach.models import InboundMessage, OutboundMessage

from .test_mailbox import _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

REPORT = """From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: sales@fairchase.test
Subject: Undelivered Mail Returned to Sender
Date: {date}
Message-ID: <dsn-{n}@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BND"

--BND
Content-Type: text/plain

{note}

--BND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {to}
Original-Recipient: rfc822;{to}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--BND
Content-Type: text/rfc822-headers

From: Alice <sales@fairchase.test>
To: {to}
Subject: Sorry I missed you
Message-ID: {msgid}

--BND--
"""


def _report(sent, status, diagnostic, *, n=1, action="failed", note="") -> str:
    return REPORT.format(
        date=format_datetime(timezone.now()),
        note=note or diagnostic,
        n=n,
        to=sent.to,
        msgid=sent.message_id,
        status=status,
        diagnostic=diagnostic,
        action=action,
    )


def _bounce(imap_server, report: str) -> InboundMessage:
    imap_server.append(imap_server.folder, report)
    assert mailbox.poll_mailbox() == 1
    return InboundMessage.objects.latest("pk")


@pytest.mark.parametrize(
    "status,diagnostic,why",
    [
        ("5.7.606", "550 5.7.606 Access denied, banned sending IP [203.0.113.9]", "sending IP"),
        ("5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering.", "content"),
        ("5.4.1", "550 5.4.1 Recipient address rejected: Access denied", "policy"),
        ("5.0.0", "550 5.7.1 Service unavailable; client host blocked using Spamhaus", "IP"),
    ],
)
def test_a_refusal_of_ours_fails_the_message_and_keeps_the_address(
    alice, make_lead, smtp_server, imap_server, status, diagnostic, why
):
    lead = make_lead(alice, email="ivy@example.com")
    sent = _sent(lead, alice, smtp_server)
    got = _bounce(imap_server, _report(sent, status, diagnostic))
    assert not Suppression.objects.exists()
    assert not Attempt.objects.filter(lead=lead, outcome="bounced").exists()
    sent.refresh_from_db()
    assert sent.state == OutboundMessage.State.FAILED
    assert sent.error.startswith("Refused by the receiving server") and why in sent.error
    assert "the address is kept" in got.effect
    lead.refresh_from_db()
    assert lead.status != Status.OPTED_OUT


@pytest.mark.parametrize("status", ["5.1.1", "5.1.2", "5.1.10", "5.2.1"])
def test_a_bad_address_is_blocked(alice, make_lead, smtp_server, imap_server, status):
    lead = make_lead(alice, email="gone@example.com")
    sent = _sent(lead, alice, smtp_server)
    got = _bounce(imap_server, _report(sent, status, f"550 {status} User unknown"))
    assert Suppression.objects.filter(value="gone@example.com", reason="bounce").exists()
    assert Attempt.objects.filter(lead=lead, outcome="bounced").count() == 1
    assert "will not be used again" in got.effect


def test_a_full_mailbox_is_kept_until_it_stays_full_for_days(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="fiona@example.com")
    sent = _sent(lead, alice, smtp_server)
    full = "552-5.2.2 The recipient's inbox is out of storage space."
    start = timezone.now() - timedelta(days=4)
    for n, days in enumerate((0, 2), start=1):
        got = _bounce(imap_server, _report(sent, "5.2.2", full, n=n))
        InboundMessage.objects.filter(pk=got.pk).update(received_at=start + timedelta(days=days))
        assert "is kept and tried again later" in got.effect
        assert not Suppression.objects.exists()
        assert not Attempt.objects.filter(lead=lead, outcome="bounced").exists()
    got = _bounce(imap_server, _report(sent, "5.2.2", full, n=3))
    assert "will not be used again" in got.effect
    assert Attempt.objects.filter(lead=lead, outcome="bounced").count() == 1


def test_full_mailbox_bounces_within_a_day_block_nothing(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="mia@example.com")
    sent = _sent(lead, alice, smtp_server)
    for n in (1, 2, 3):
        _bounce(imap_server, _report(sent, "5.2.2", "552 5.2.2 Mailbox full", n=n))
    assert not Suppression.objects.exists()
    assert not Attempt.objects.filter(lead=lead, outcome="bounced").exists()


def test_a_code_we_cannot_place_is_held_for_a_person(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="odd@example.com")
    sent = _sent(lead, alice, smtp_server)
    got = _bounce(imap_server, _report(sent, "5.9.9", "550 5.9.9 Something odd"))
    assert not Suppression.objects.exists()
    assert "confirm or ignore" in got.effect and "5.9.9" in got.effect
    assert list(held_stops()) == [got]


def test_a_delay_notice_names_its_code(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="tim@example.com")
    sent = _sent(lead, alice, smtp_server)
    note = "There was a temporary problem delivering your message. Gmail will retry."
    report = _report(sent, "4.4.1", "421-4.4.1 Timed out", action="delayed", note=note)
    got = _bounce(imap_server, report)
    assert got.effect == "Temporary delivery problem (4.4.1): nothing changed."
    assert not Suppression.objects.exists()
