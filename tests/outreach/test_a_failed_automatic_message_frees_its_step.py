"""Automatic mode after a failed send: the failed message holds no plan step, so the worker
queues the step again (after the usual gap) and the lead is not skipped for good; while it
is failed, its owner reads it on Today. A message that may have gone (unknown) still holds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fairchase.leads.models import Lead, Profile
from fairchase.outreach import actions as message_actions
from fairchase.outreach import drafts, outbox
from fairchase.outreach.channels.email import EmailChannel
from fairchase.outreach.models import OutboundMessage
from tests.outreach.conftest import smtp_mailers

State = OutboundMessage.State
pytestmark = pytest.mark.usefixtures("open_all_day")


def _automatic_lead_due(alice, make_lead):
    Profile.objects.filter(user=alice).update(outreach_mode="automatic")
    lead = make_lead(alice, name="Autofail Lead", email="autofail@example.com")
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    return lead


def _a_day_later(lead) -> None:
    """The rows already there were queued past the automatic gap (MIN_GAP)."""
    OutboundMessage.objects.filter(lead=lead).update(
        created_at=timezone.now() - drafts.MIN_GAP - timedelta(minutes=1)
    )


def test_a_refused_first_response_is_queued_again_and_goes_once_the_server_takes_it(
    alice, make_lead, smtp_server, policy_refusing_smtp, settings
):
    lead = _automatic_lead_due(alice, make_lead)
    assert drafts.queue_plan_steps() == 1
    assert outbox.send_due() == 1
    failed = OutboundMessage.objects.get(lead=lead)
    assert failed.state == State.FAILED and failed.step.startswith("first_response@")

    client = Client()
    client.force_login(alice)
    today = client.get("/").content.decode()
    assert f'id="failed-{failed.pk}"' in today and "rejected by policy" in today

    settings.MAILERS = smtp_mailers(smtp_server.port)  # the server takes it now
    EmailChannel.shared().close()
    assert drafts.queue_plan_steps() == 0  # never twice within the gap, failed or not
    _a_day_later(lead)
    assert drafts.queue_plan_steps() == 1
    again = OutboundMessage.objects.exclude(pk=failed.pk).get(lead=lead)
    assert again.step == failed.step and again.state == State.QUEUED
    assert outbox.send_due() == 1
    assert [r.to for r in smtp_server.received] == [["autofail@example.com"]]
    # replaced by a message that went: the notice is gone
    assert f'id="failed-{failed.pk}"' not in client.get("/").content.decode()
    # the old failed row cannot be sent again beside it (the step went)
    assert not message_actions.send_again(failed, alice)
    failed.refresh_from_db()
    assert failed.state == State.FAILED


def test_a_message_that_may_have_gone_still_holds_its_step(alice, make_lead, smtp_server):
    lead = _automatic_lead_due(alice, make_lead)
    assert drafts.queue_plan_steps() == 1
    OutboundMessage.objects.filter(lead=lead).update(state=State.UNKNOWN)
    _a_day_later(lead)
    assert drafts.queue_plan_steps() == 0
    assert OutboundMessage.objects.filter(lead=lead).count() == 1
