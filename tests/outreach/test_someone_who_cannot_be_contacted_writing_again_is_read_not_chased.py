"""A reply from someone nobody may contact (they opted out, or every address of theirs is
suppressed) is never "Interested: answer them first": it is filed for a person to read
("Olga Vega opted out; they wrote again: read before you do anything."), with no call back
pinned, no reply recorded that would make them engaged, and nothing reopened. Matched by
address, it goes to the record that said no, not to a newer record of the same person
(opted out for matching them). A real Dovecot; the opt-out through the one action."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Commitment, Lead, Status
from fairchase.outreach import mailbox, outbox
from fairchase.outreach.models import InboundMessage

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]
SAID = "Olga Vega opted out; they wrote again: read before you do anything."
ASKS = "Hello, I'm interested again, can you call me? Olga"


def _mail(sender: str, body: str, refs: str = "", msg_id: str = "<again@mail.example>") -> str:
    headers = f"In-Reply-To: {refs}\nReferences: {refs}\n" if refs else ""
    return (
        f"From: Olga Vega <{sender}>\nTo: sales@fairchase.test\nSubject: Hello again\n"
        f"Date: {format_datetime(timezone.now())}\nMessage-ID: {msg_id}\n{headers}"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}\n"
    )


def _olga_said_no(alice, make_lead, smtp_server):
    """Olga (614 in the report) got our email and opted out; a newer record of hers (692)
    came in since, opted out for matching her."""
    olga = make_lead(
        alice,
        name="Olga Vega",
        email="olga@example.com",
        created_at=timezone.now() - timedelta(days=30),
    )
    with transaction.atomic():
        ours = outbox.queue(olga, "email", "Your enquiry", "Hello Olga\n", user=alice)
    assert outbox.send_now(ours) == "sent"
    actions.opt_out(olga, reason="Unsubscribed")
    newer = make_lead(alice, name="Olga Vega", email="olga@example.com")
    assert newer.pk > olga.pk and newer.status == Status.OPTED_OUT
    ours.refresh_from_db()
    return olga, newer, ours


@pytest.mark.parametrize("threaded", [False, True])
def test_an_opted_out_persons_reply_is_for_a_person_to_read_on_the_record_that_said_no(
    alice, make_lead, smtp_server, imap_server, threaded
):
    olga, newer, ours = _olga_said_no(alice, make_lead, smtp_server)
    imap_server.append(
        imap_server.folder, _mail("olga@example.com", ASKS, ours.message_id if threaded else "")
    )
    assert mailbox.poll_mailbox() == 1
    inbound = InboundMessage.objects.get()
    assert inbound.lead_id == olga.pk  # the record that said no, not the newer one
    assert inbound.effect == SAID
    for lead in (olga, newer):
        lead.refresh_from_db()
        assert lead.status == Status.OPTED_OUT and lead.responded_at is None
        assert not lead.commitments.filter(state=Commitment.State.PENDING).exists()
    client = Client()
    client.force_login(alice)
    page = client.get(f"/leads/{olga.pk}/").content.decode()
    assert "answer them first" not in page and SAID in page


def test_a_reply_from_a_lead_whose_every_address_is_suppressed_is_read_not_answered(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Bo Lund", email="bo@example.com", phone="")
    actions.suppress("bo@example.com", "email", "bounce")
    imap_server.append(imap_server.folder, _mail("bo@example.com", "Interested, call me please."))
    mailbox.poll_mailbox()
    inbound = InboundMessage.objects.get()
    assert inbound.lead_id == lead.pk
    assert inbound.effect == (
        "Nobody may contact Bo Lund (every address of theirs is suppressed); "
        "they wrote again: read before you do anything."
    )
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.status == Status.OPEN and lead.responded_at is None
    assert not lead.commitments.exists()
