"""Texts are never planned nor offered when texting is not set up (no SMS provider in the
settings: `texting.configured`, the one test): the plan's channels leave text out, Today
offers no "Send text message", the worker queues no text, and a plan made for texts before
they were switched off is replanned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions, jobs, planning
from fairchase.leads.models import Lead, Profile
from fairchase.outreach import drafts, outbox
from fairchase.outreach.models import OutboundMessage

pytestmark = pytest.mark.usefixtures("open_all_day")


@pytest.fixture
def texts_set_up(settings):
    """A text provider in the settings (never reached here: nothing is sent)."""
    settings.SMS_API_URL, settings.SMS_ACCOUNT_SID = "http://127.0.0.1:9/2010-04-01", "AC1"
    settings.SMS_AUTH_TOKEN, settings.SMS_FROM = "token", "+15005550006"


def _cheap_lead_who_may_be_texted(make_lead, owner):
    """A $200 lead with the sms consent, tried once (a cheap contact: a text when it may)."""
    now = timezone.now()
    lead = make_lead(owner, value=200, consents=["sms"], created_at=now - timedelta(days=4))
    actions.log_attempt(lead, "call", "no_answer", user=owner, at=now - timedelta(days=3))
    planning.replan_all(now=now)
    return Lead.objects.get(pk=lead.pk)


def _plan_says_text(lead):
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="text", next_due=timezone.now() - timedelta(minutes=1)
    )
    return Lead.objects.get(pk=lead.pk)


def test_with_texts_set_up_a_lead_who_consented_may_be_planned_a_text(
    alice, make_lead, texts_set_up
):
    lead = _cheap_lead_who_may_be_texted(make_lead, alice)
    assert planning.reachable_channels(lead) == ["call", "text", "email"]
    assert planning.lead_record(lead)["channels"] == ["call", "text", "email"]


def test_without_a_text_provider_the_same_lead_is_never_planned_a_text(alice, make_lead):
    lead = _cheap_lead_who_may_be_texted(make_lead, alice)
    assert planning.reachable_channels(lead) == ["call", "email"]
    assert planning.lead_record(lead)["channels"] == ["call", "email"]
    assert lead.next_action == "contact" and lead.next_channel in ("call", "email")


def test_today_offers_no_text_message_without_a_text_provider(alice, make_lead):
    lead = _plan_says_text(make_lead(alice, name="Tess Text", consents=["sms"]))
    assert drafts.draft_for(lead) is None
    client = Client()
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert f'id="row-{lead.pk}"' in html and "Send text message" not in html


def test_today_offers_the_text_message_when_texts_are_set_up(alice, make_lead, texts_set_up):
    lead = _plan_says_text(make_lead(alice, name="Tess Text", consents=["sms"]))
    assert drafts.draft_for(lead).template.channel == "text"
    client = Client()
    client.force_login(alice)
    assert "Send text message" in client.get("/").content.decode()


def _automatic(user):
    Profile.objects.filter(user=user).update(outreach_mode=Profile.Mode.AUTOMATIC)


def test_the_worker_queues_no_text_without_a_text_provider(alice, make_lead):
    _automatic(alice)
    _plan_says_text(make_lead(alice, consents=["sms"]))
    assert drafts.queue_plan_steps() == 0
    assert not OutboundMessage.objects.filter(channel="text").exists()


def test_the_worker_queues_the_planned_text_when_texts_are_set_up(alice, make_lead, texts_set_up):
    _automatic(alice)
    _plan_says_text(make_lead(alice, consents=["sms"]))
    assert drafts.queue_plan_steps() == 1
    assert OutboundMessage.objects.filter(channel="text").count() == 1


def test_a_text_written_by_hand_is_refused_before_it_is_queued(alice, make_lead):
    lead = make_lead(alice, consents=["sms"])
    with pytest.raises(outbox.OutboxError, match="Texts are not configured"), transaction.atomic():
        outbox.queue(lead, "text", "", "Hi", user=alice)
    assert not OutboundMessage.objects.exists()


def test_a_plan_made_for_texts_before_they_were_switched_off_is_replanned(alice, make_lead):
    lead = _plan_says_text(_cheap_lead_who_may_be_texted(make_lead, alice))
    assert jobs.replan_stale() >= 1
    lead.refresh_from_db()
    assert lead.next_channel != "text"
