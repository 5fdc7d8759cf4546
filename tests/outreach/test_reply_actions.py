"""What a reading does to the lead, and how a person's correction takes it back: a STOP
text opts out at once and cancels what is queued, with no text sent back; a corrected
reading undoes what the wrong one did and is kept as a labelled example."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from fairchase.leads.actions import ActionError
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.outreach import outbox, replies
from fairchase.outreach.channels.text import signature
from fairchase.outreach.inbound import correct, record_inbound
from fairchase.outreach.models import InboundMessage, OutboundMessage, ReadingCorrection

TOKEN = "test-auth-token"


@pytest.fixture(autouse=True)
def _texts_set_up(settings):
    """Texts come in through the provider's webhook, so a provider is set up (and texts may
    be queued: none is sent here)."""
    settings.SMS_API_URL, settings.SMS_ACCOUNT_SID = "http://127.0.0.1:9/2010-04-01", "AC1"
    settings.SMS_AUTH_TOKEN, settings.SMS_FROM = TOKEN, "+15005550006"


def _text_in(settings, body: str, sender: str, sid: str):
    settings.SMS_AUTH_TOKEN = TOKEN
    url = "http://testserver/o/sms/inbound"
    params = {"From": sender, "To": "+15005550006", "Body": body, "MessageSid": sid}
    return Client().post(
        "/o/sms/inbound", params, HTTP_X_TWILIO_SIGNATURE=signature(url, params, TOKEN)
    )


def _queue(lead, user, channel="text"):
    with transaction.atomic():
        return outbox.queue(
            lead,
            channel,
            "Following up" if channel == "email" else "",
            "Hi, following up.",
            user=user,
        )


def test_a_stop_text_opts_out_cancels_queued_messages_and_sends_nothing_back(
    alice, make_lead, settings
):
    lead = make_lead(
        alice, phone="+12125550123", email="ann@example.com", consents=["sms", "email"]
    )
    queued = [_queue(lead, alice, "text"), _queue(lead, alice, "email")]
    other = make_lead(alice, phone="+12125550999", consents=["sms"])
    theirs = _queue(other, alice)
    for sid, word in (("SM1", "Stop."), ("SM2", "STOP"), ("SM3", "opt out")):
        response = _text_in(settings, word, "+1 212 555 0123", sid)
        assert response.status_code == 200 and response.content.count(b"<Message") == 0
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="+12125550123").exists()
    assert {m.state for m in OutboundMessage.objects.filter(pk__in=[m.pk for m in queued])} == {
        "cancelled"
    }
    assert (
        OutboundMessage.objects.get(pk=theirs.pk).state == "queued"
    )  # another lead's queue is untouched
    # one confirmation at most: we queued none (the carrier sends its own)
    assert (
        not OutboundMessage.objects.filter(lead=lead)
        .exclude(pk__in=[m.pk for m in queued])
        .exists()
    )
    assert InboundMessage.objects.filter(lead=lead, kind="opt_out").count() == 3


def test_a_refusal_texted_in_another_language_opts_out_too(alice, make_lead, settings):
    lead = make_lead(alice, phone="+12125550123", consents=["sms"])
    queued = _queue(lead, alice)
    _text_in(settings, "Por favor, não me mandem mais mensagens", "+12125550123", "SM9")
    got = InboundMessage.objects.get(lead=lead)
    assert got.kind == "opt_out" and got.language == "pt"
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
    assert OutboundMessage.objects.get(pk=queued.pk).state == "cancelled"


def _record(lead, text: str, key: str, channel="email", **kw):
    reading = replies.read_text(text, timezone.now(), "Europe/Berlin", channel=channel, **kw)
    return record_inbound(
        key=key,
        lead=lead,
        channel=channel,
        sender="ann@example.com",
        subject="Re: hi",
        reading=reading,
        received_at=timezone.now(),
    )


def test_correcting_a_later_to_interested_reopens_the_lead_and_keeps_the_example(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    wrong = _record(lead, "Nicht jetzt, melden Sie sich im Juni wieder.", "<a@x>")
    assert wrong.kind == "later" and wrong.language == "de"
    lead.refresh_from_db()
    assert lead.status == Status.REVISIT and lead.revisit_at is not None
    fixed = correct(wrong, "interested", alice)
    lead.refresh_from_db()
    assert (
        fixed.kind == "interested"
        and lead.status in (Status.OPEN, Status.ENGAGED)
        and fixed.until is None
    )
    example = ReadingCorrection.objects.get(inbound=fixed)
    assert (example.wrong_kind, example.right_kind, example.language) == (
        "later",
        "interested",
        "de",
    )
    assert (
        example.text == wrong.text
        and example.wrong_until == wrong.until
        and example.corrected_by == alice
    )


def test_correcting_an_automatic_reply_lifts_the_pause(alice, make_lead):
    lead = make_lead(alice)
    day = (timezone.now() + timedelta(days=20)).date()
    wrong = _record(lead, f"I'm out of the office until {day:%d %B %Y}.", "<b2@x>")
    assert wrong.kind == "auto_reply"
    assert Lead.objects.get(pk=lead.pk).paused_until is not None
    correct(wrong, "unclear", alice)
    assert Lead.objects.get(pk=lead.pk).paused_until is None
    assert (
        ReadingCorrection.objects.filter(wrong_kind="auto_reply", right_kind="unclear").count() == 1
    )


def test_correcting_a_call_back_to_not_interested_cancels_the_call_and_closes_the_lead(
    alice, make_lead
):
    lead = make_lead(alice)
    wrong = _record(lead, "Bel me morgen om 10 uur", "<c@x>", channel="text")
    assert wrong.kind == "call_back" and lead.commitments.filter(state="pending").count() == 1
    correct(wrong, "not_interested", alice)
    lead.refresh_from_db()
    assert not lead.commitments.filter(state="pending").exists() and lead.status == Status.CLOSED


def test_an_opt_out_cannot_be_corrected_away(alice, make_lead):
    lead = make_lead(alice)
    got = _record(lead, "Please remove me from your list.", "<d@x>")
    with pytest.raises(ActionError):
        correct(got, "interested", alice)
    assert (
        Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
        and not ReadingCorrection.objects.exists()
    )


def test_a_later_whose_day_has_come_leaves_the_lead_on_the_agenda(alice, make_lead):
    """A revisit must be ahead (`actions.check_revisit`): a "later" applied after the day it
    named (a correction of an old reply) parks nothing, and the correction is not refused."""
    lead = make_lead(alice)
    got = _record(lead, "I'm out of the office until next Monday.", "<e@x>")
    assert got.kind == "auto_reply"
    InboundMessage.objects.filter(pk=got.pk).update(until=timezone.now() - timedelta(days=2))
    fixed = correct(InboundMessage.objects.get(pk=got.pk), "later", alice)
    lead.refresh_from_db()
    assert lead.status in (Status.OPEN, Status.ENGAGED) and lead.revisit_at is None
    assert "has come; the lead stays on the agenda" in fixed.effect


def test_a_corrected_reading_names_the_day_in_the_leads_zone(alice, make_lead, stop_clock):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    stop_clock(datetime(2027, 1, 5, tzinfo=ZoneInfo("UTC")))
    lead = make_lead(alice, email="kiri@example.co.nz")
    lead.timezone = "Pacific/Auckland"
    lead.save()
    until = datetime(2027, 1, 14, 9, 0, tzinfo=ZoneInfo("Pacific/Auckland"))  # 13 Jan in UTC
    reading = replies.Reading(
        InboundMessage.Kind.AUTO_REPLY, until, "out of office", "I am away until 14 January."
    )
    with transaction.atomic():
        got = record_inbound(
            key="k1",
            lead=lead,
            channel="email",
            sender=lead.email,
            subject="Away",
            reading=reading,
            received_at=timezone.now(),
        )
    assert got.effect == "Automatic reply: chase paused until 2027-01-14."
    fixed = correct(got, InboundMessage.Kind.LATER, alice)
    assert fixed.effect.endswith("Later: revisit on 2027-01-14.")
