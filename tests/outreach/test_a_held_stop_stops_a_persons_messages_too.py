"""A request to stop held for a person (unvouched, from the lead's own address) stops every
message to the lead, not only the plan's: Bob clicks Send at 21:00, the message waits for
contact hours, "please stop emailing me" arrives at 23:00, and at 09:00 nothing goes to the
person who asked to stop. Nobody can write a new one either, until someone confirms the
opt-out or corrects the reading (review23 finding 2: only automatic messages were stopped)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fairchase.leads.models import Status
from fairchase.outreach import inbound, mailbox, outbox
from fairchase.outreach.models import InboundMessage, OutboundMessage
from fairchase.outreach.outbox import OutboxError
from fairchase.outreach.refusals import ASKED_TO_STOP, mark_refusals, refusal

from .test_mailbox import _reply

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]
STOP = "Please remove me from your list and stop calling me."


def _queued_by_a_person(lead, user) -> OutboundMessage:
    """A follow-up a person clicked Send on, waiting for tomorrow morning's contact hours."""
    with transaction.atomic():
        return outbox.queue(
            lead,
            "email",
            "Following up",
            "Hello Nina,\n",
            user=user,
            due_at=timezone.now() + timedelta(hours=12),
        )


def _unvouched_stop(imap_server) -> InboundMessage:
    """ "Remove me" from the lead's address, answering none of our messages, no server
    vouching for its From: held for a person."""
    imap_server.append(imap_server.folder, _reply(None, STOP, sender="nina@example.com"))
    assert mailbox.poll_mailbox() == 1
    held = InboundMessage.objects.get()
    assert inbound.held_stops().filter(pk=held.pk).exists()
    return held


def test_a_persons_queued_message_is_cancelled_when_it_falls_due(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Nina Evans", email="nina@example.com")
    waiting = _queued_by_a_person(lead, alice)
    _unvouched_stop(imap_server)
    # the morning comes: the message is due
    OutboundMessage.objects.filter(pk=waiting.pk).update(due_at=timezone.now())
    outbox.send_due()
    waiting.refresh_from_db()
    assert waiting.state == OutboundMessage.State.CANCELLED  # cancelled, not deferred
    assert waiting.error == ASKED_TO_STOP
    assert not smtp_server.received
    lead.refresh_from_db()
    assert lead.status == Status.OPEN  # held, not opted out: a person decides


def test_nobody_may_write_to_a_held_lead_on_any_channel(alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Evans", email="nina@example.com", phone="+13125550140")
    _unvouched_stop(imap_server)
    assert ASKED_TO_STOP == "Asked to stop (not yet confirmed): confirm or correct it first."
    for channel in (None, "email", "text"):
        assert refusal(lead, channel) == ASKED_TO_STOP
    with pytest.raises(OutboxError, match="confirm or correct it first"):
        _queued_by_a_person(lead, alice)
    client = Client()
    client.force_login(alice)
    compose = reverse("outreach:compose", args=[lead.pk])
    for r in (
        client.get(compose, follow=True),
        client.post(compose, {"channel": "email", "subject": "Hi", "body": "Hello"}, follow=True),
    ):
        page = r.content.decode()
        assert r.redirect_chain[-1][0] == reverse("lead_detail", args=[lead.pk])
        assert f"Nothing can be sent to Nina Evans: {ASKED_TO_STOP}" in page
    assert not OutboundMessage.objects.filter(lead=lead).exists()
    page = client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert 'id="held-stop"' in page and f'href="{compose}' not in page


def test_the_outbox_offers_no_send_anyway_for_a_held_lead(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Nina Evans", email="nina@example.com")
    waiting = _queued_by_a_person(lead, alice)
    _unvouched_stop(imap_server)
    rows = list(OutboundMessage.objects.filter(pk=waiting.pk).select_related("lead__owner"))
    rows[0].error = "Outside contact hours in the lead's zone."  # held for the hours
    mark_refusals(rows)
    assert rows[0].refused == ASKED_TO_STOP


def test_a_correction_lifts_the_hold_and_messages_can_be_written_again(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Nina Evans", email="nina@example.com")
    held = _unvouched_stop(imap_server)
    inbound.correct(held, "interested", alice)
    lead.refresh_from_db()
    assert refusal(lead, "email") == ""
    client = Client()
    client.force_login(alice)
    assert client.get(reverse("outreach:compose", args=[lead.pk])).status_code == 200
    msg = _queued_by_a_person(lead, alice)
    OutboundMessage.objects.filter(pk=msg.pk).update(due_at=timezone.now())
    outbox.send_due()
    msg.refresh_from_db()
    assert msg.state == OutboundMessage.State.SENT and len(smtp_server.received) == 1


def test_confirmed_it_is_an_opt_out(alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Evans", email="nina@example.com")
    held = _unvouched_stop(imap_server)
    inbound.correct(held, "opt_out", alice)
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT and refusal(lead, "email") == "The lead opted out."
