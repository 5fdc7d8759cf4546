"""A read receipt (multipart/report; report-type=disposition-notification) is the mail
program's, not the person's: no kind that changes the lead, no promise, no reply counted.
A vacation(1) notice marked Precedence: bulk is an automatic reply, pausing the chase
until the day it names (eval28 #4, #7: the mails as they came from a Dovecot inbox)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fairchase.leads.models import Status
from fairchase.outreach import mailbox, replies
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _sent

MAILS = Path(__file__).parent / "eval28"
RECEIVED = datetime(2026, 12, 7, 10, tzinfo=UTC)


def _as_answer_to(sent, name: str) -> bytes:
    """An eval28 mail, its In-Reply-To and References naming our message instead."""
    raw = (MAILS / name).read_bytes().replace(b"\r\n", b"\n")
    head, _, body = raw.partition(b"\n\n")
    lines = [
        ln
        for ln in head.split(b"\n")
        if not ln.lower().startswith((b"in-reply-to:", b"references:"))
    ]
    ours = sent.message_id.encode()
    lines += [b"In-Reply-To: " + ours, b"References: " + ours]
    return b"\n".join(lines) + b"\n\n" + body


@pytest.mark.parametrize("name", ["mdn.eml", "mdn2.eml"])
def test_a_read_receipt_is_read_as_no_answer(name):
    reading = replies.read_message((MAILS / name).read_bytes(), "Europe/Berlin", RECEIVED)
    assert (reading.kind, reading.until) == ("auto_reply", None)
    assert "read receipt" in reading.evidence


def test_a_vacation_notice_marked_bulk_is_an_automatic_reply_with_its_date():
    reading = replies.read_message((MAILS / "ooo_bulk.eml").read_bytes(), "Europe/Berlin", RECEIVED)
    assert reading.kind == "auto_reply"
    assert reading.until == datetime(2027, 1, 14, 8, tzinfo=UTC)


@pytest.mark.servers
@pytest.mark.usefixtures("open_all_day")
def test_a_read_receipt_pins_no_call_and_counts_no_reply(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="rhea@example.com", phone="+49305550001")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(imap_server.folder, _as_answer_to(sent, "mdn2.eml").decode())
    assert mailbox.poll_mailbox() == 1
    got = InboundMessage.objects.get()
    lead.refresh_from_db()
    assert got.kind == "auto_reply"
    assert not lead.commitments.exists()
    assert lead.responded_at is None and lead.status != Status.ENGAGED


@pytest.mark.servers
def test_a_bulk_vacation_notice_pauses_the_chase(
    open_all_day, alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="bea@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(imap_server.folder, _as_answer_to(sent, "ooo_bulk.eml").decode())
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    assert lead.responded_at is None and lead.status != Status.ENGAGED
    assert lead.paused_until is not None  # the business's day, not UTC's
    assert lead.paused_until.astimezone(ZoneInfo(open_all_day)).date() == date(2027, 1, 14)
