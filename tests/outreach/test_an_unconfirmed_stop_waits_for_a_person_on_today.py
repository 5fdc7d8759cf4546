"""A request to stop that answers none of our messages and that no server vouches for
(most small mailboxes add no Authentication-Results) is held for a person, and held where
people look: Today and the Outbox ask "Asked to stop: confirm or correct" until someone
decides. It is no reply (the lead is not "Engaged", the try before it is not "replied": the
model would learn that the source answers), the plan says "asked to stop (not yet
confirmed)", never "out of office", and the hold never lapses by itself: a person who
wrote "do not contact me again" is not chased again after 90 days (eval27 finding 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fairchase.leads import actions, planning
from fairchase.leads.models import Attempt, Lead, Status, StatusChange
from fairchase.outreach import inbound, mailbox, outbox
from fairchase.outreach.models import InboundMessage, OutboundMessage
from fairchase.outreach.refusals import ASKED_TO_STOP

from .test_mailbox import _reply

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

DAY = timedelta(days=1)
STOP = "Please remove me from your list and stop calling me."


def _tried_then_stopped(make_lead, owner, imap_server):
    """A lead we called once without an answer, then an unthreaded "remove me" from them."""
    lead = make_lead(
        owner, name="Nina Evans", email="nina@example.com", created_at=timezone.now() - DAY
    )
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(hours=2))
    imap_server.append(
        imap_server.folder, _reply(None, STOP, sender="nina@example.com", subject="remove me")
    )
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    return lead, InboundMessage.objects.get()


def test_a_held_stop_is_no_reply_and_the_plan_says_what_it_is(alice, make_lead, imap_server):
    lead, _ = _tried_then_stopped(make_lead, alice, imap_server)
    assert lead.status == Status.OPEN and lead.responded_at is None
    assert Attempt.objects.get(lead=lead).outcome == "no_answer"
    assert not StatusChange.objects.filter(lead=lead, reason__startswith="Replied").exists()
    assert lead.next_action == "wait" and lead.paused_until is None
    assert "asked to stop (not yet confirmed)" in lead.plan_reason
    assert "out of office" not in lead.plan_reason
    assert StatusChange.objects.filter(lead=lead, reason__contains="Held for a person").exists()


def test_a_held_stop_never_lapses_by_itself(alice, make_lead, imap_server):
    lead, _ = _tried_then_stopped(make_lead, alice, imap_server)
    planning.replan_lead(lead, now=timezone.now() + timedelta(days=200))
    assert lead.next_action == "wait" and inbound.HELD in lead.plan_reason


def test_today_and_the_outbox_ask_to_confirm_it_and_a_click_opts_them_out(
    alice, make_lead, imap_server
):
    lead, held = _tried_then_stopped(make_lead, alice, imap_server)
    client = Client()
    client.force_login(alice)
    for url in (reverse("today"), reverse("outreach:outbox")):
        page = client.get(url).content.decode()
        assert "Asked to stop: confirm or correct" in page and f'id="held-{held.pk}"' in page
    assert 'id="held-stop"' in client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    r = client.post(
        reverse("outreach:inbound_correct", args=[held.pk]), {"kind": "opt_out", "next": "today"}
    )
    assert r.status_code == 302 and r.url == reverse("today")
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT and lead.responded_at is None  # a stop, no reply
    assert "Asked to stop: confirm" not in client.get(reverse("today")).content.decode()


def test_someone_else_sees_no_one_elses_held_stop(alice, bob, make_lead, imap_server):
    _tried_then_stopped(make_lead, alice, imap_server)
    client = Client()
    client.force_login(bob)
    assert "Asked to stop" not in client.get(reverse("today")).content.decode()


def test_read_as_a_plain_reply_it_lifts_the_hold_and_counts_as_their_answer(
    alice, make_lead, imap_server
):
    lead, held = _tried_then_stopped(make_lead, alice, imap_server)
    inbound.correct(held, "interested", alice)
    lead.refresh_from_db()
    assert lead.status == Status.ENGAGED and lead.responded_at is not None
    assert inbound.HELD not in lead.plan_reason and not inbound.held_stops().exists()


def test_an_automatic_message_queued_before_it_is_not_sent(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Nina Evans", email="nina@example.com")
    with transaction.atomic():
        waiting = outbox.queue(lead, "email", "Following up", "Hello\n")  # by the plan
    imap_server.append(imap_server.folder, _reply(None, STOP, sender="nina@example.com"))
    mailbox.poll_mailbox()
    outbox.send_now(OutboundMessage.objects.get(pk=waiting.pk))
    waiting.refresh_from_db()
    assert waiting.state == OutboundMessage.State.CANCELLED and waiting.error == ASKED_TO_STOP
    assert not smtp_server.received
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN
