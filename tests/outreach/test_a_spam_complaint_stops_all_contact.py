"""A spam complaint (an RFC 5965 feedback report from the person's mailbox provider) is the
strongest "do not write to me" there is: about a message of ours, the person is opted out
and the address never written to again, on the timeline, with what was queued cancelled; a
report naming no message of ours holds the lead for a person; none is ever offered as a new
enquiry. Real SMTP and Dovecot (eval27 finding 1: the report was filed as mail from a
stranger, "add it as a lead", and the person stayed chased)."""

from __future__ import annotations

from email.utils import format_datetime

import pytest
from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.outreach import inbound, mailbox, outbox, strangers
from fairchase.outreach.held import held_stops
from fairchase.outreach.models import InboundMessage, OutboundMessage

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

REPORT = """From: Abuse Desk <abuse@isp.example>
To: sales@fairchase.test
Subject: FW: Sorry I missed you
Date: {date}
Message-ID: <report-{n}@isp.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"

--ARF
Content-Type: text/plain

This is an email abuse report for an email message received from IP 192.0.2.1.

--ARF
Content-Type: message/feedback-report

Feedback-Type: {kind}
User-Agent: ISP-FBL/1.0
Version: 1
Original-Rcpt-To: <{to}>

--ARF
Content-Type: message/rfc822

From: Alice <sales@fairchase.test>
To: {to}
Subject: Sorry I missed you
Message-ID: {msgid}

Hello
--ARF--
"""


def _report(to: str, msgid: str, *, kind: str = "abuse", n: int = 1) -> str:
    return REPORT.format(date=format_datetime(timezone.now()), to=to, msgid=msgid, kind=kind, n=n)


def _sent(lead, user):
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Sorry I missed you", "Hello\n", user=user)
    assert outbox.send_now(msg) == "sent"
    msg.refresh_from_db()
    return msg


def test_a_complaint_about_our_email_opts_the_person_out_and_cancels_what_waits(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="carl@example.com", phone="+13125550140")
    sent = _sent(lead, alice)
    with transaction.atomic():
        waiting = outbox.queue(lead, "email", "Following up", "Hello again\n", user=alice)
    imap_server.append(imap_server.folder, _report("carl@example.com", sent.message_id))
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="carl@example.com").exists()
    change = lead.status_changes.get(new=Status.OPTED_OUT)
    assert "Marked our email as spam (a complaint report from isp.example)" in change.reason
    got = InboundMessage.objects.get()
    assert (got.kind, got.lead_id) == (InboundMessage.Kind.OPT_OUT, lead.pk)
    assert not lead.attempts.filter(outcome="replied").exists()  # a complaint is no answer
    assert OutboundMessage.objects.get(pk=waiting.pk).state == OutboundMessage.State.CANCELLED
    assert not strangers.unmatched().exists()  # never "a new enquiry: add it as a lead"
    assert mailbox.poll_mailbox() == 0  # once


def test_a_complaint_naming_no_message_of_ours_holds_the_lead_for_a_person(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="dana@example.com")
    imap_server.append(imap_server.folder, _report("dana@example.com", "<forged@elsewhere.test>"))
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.next_action == "wait"  # held, not opted out
    assert inbound.HELD in lead.plan_reason and list(inbound.held_stops()) == [
        InboundMessage.objects.get()
    ]
    assert not Suppression.objects.exists()
    got = InboundMessage.objects.get()
    assert (got.kind, got.lead_id) == (InboundMessage.Kind.UNCLEAR, lead.pk)
    assert not strangers.unmatched().exists()


def test_a_report_about_nobody_is_kept_but_never_offered_as_an_enquiry(
    alice, make_lead, smtp_server, imap_server
):
    make_lead(alice, email="erin@example.com")
    imap_server.append(imap_server.folder, _report("someone@else.test", "<old@before.test>"))
    mailbox.poll_mailbox()
    assert "cannot find (sent to someone@else.test)" in InboundMessage.objects.get().effect
    assert not strangers.unmatched().exists()
    assert Lead.objects.get().status == Status.OPEN


def test_a_not_spam_report_changes_nothing(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="fay@example.com")
    sent = _sent(lead, alice)
    imap_server.append(
        imap_server.folder, _report("fay@example.com", sent.message_id, kind="not-spam")
    )
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and not Suppression.objects.exists()
    assert not strangers.unmatched().exists()


def test_a_complaint_about_mail_to_a_former_address_holds_the_lead_for_a_person(
    alice, make_lead, smtp_server, imap_server
):
    """The address was corrected since (the old one may have been a typo that reached a
    stranger): the old address is never written to again, and the lead is held for a person
    as the unsubscribe link of that mail holds it, never opted out by a stranger's click on
    "Report spam" (review23 #4)."""
    lead = make_lead(alice, email="hal@exmaple.com", phone="+13125550141")
    sent = _sent(lead, alice)
    actions.update_lead(Lead.objects.get(pk=lead.pk), user=alice, email="hal@example.com")
    imap_server.append(imap_server.folder, _report("hal@exmaple.com", sent.message_id))
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    assert list(Suppression.objects.values_list("value", flat=True)) == ["hal@exmaple.com"]
    got = InboundMessage.objects.get()
    assert (got.kind, got.lead_id) == (InboundMessage.Kind.UNCLEAR, lead.pk)
    assert "former address hal@exmaple.com" in got.effect
    assert held_stops().filter(lead_id=lead.pk).exists()
