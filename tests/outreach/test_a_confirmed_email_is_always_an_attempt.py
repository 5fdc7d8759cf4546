"""An email the outbox records as sent is always an attempt on its lead. The worker died
while sending it (left `unknown`), the person wrote in again through the web form, and
then someone confirmed it arrived: the enquiry must not have moved the lead's arrival
past our email (it was tried, or may have been), so the confirmed email is logged at the
time it went, counts toward the weekly cap and moves the lead on from "respond now". A
recording that still fails is logged as an error, never passed over in silence."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Attempt, Lead
from fairchase.outreach import actions as message_actions
from fairchase.outreach import claiming, outbox
from fairchase.outreach.models import OutboundMessage

State = OutboundMessage.State


def _left_unknown(lead, user, claimed_at) -> OutboundMessage:
    """An email claimed at `claimed_at` by a worker that then died: a restarted worker
    marks it unknown."""
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Your quote", "Hi Ann,\n", user=user)
    assert claiming.claim(msg.pk, now=claimed_at) == msg.pk
    assert claiming.recover_abandoned() == 1
    msg.refresh_from_db()
    assert msg.state == State.UNKNOWN
    return msg


def test_an_email_confirmed_after_the_person_wrote_in_again_is_an_attempt(
    client, alice, make_lead, smtp_server, open_all_day
):
    now = timezone.now()
    lead = make_lead(
        alice, name="Ann Lee", email="ann@lee.example", created_at=now - timedelta(hours=3)
    )
    msg = _left_unknown(lead, alice, now - timedelta(hours=2))
    form = CaptureForm.objects.create(name="Website", owner=alice)
    r = client.post(
        f"/in/f/{form.key}/",
        {"name": "Ann Lee", "email": "ann@lee.example", "message": "Any news on my quote?"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert r.status_code == 200 and b"Thank you" in r.content
    lead.refresh_from_db()
    assert Lead.objects.count() == 1  # the enquiry joined Ann's lead
    assert lead.created_at == now - timedelta(hours=3)  # our email may be out: not "from now"

    assert message_actions.confirm_arrived(msg, alice)
    msg.refresh_from_db()
    assert msg.state == State.SENT
    attempt = Attempt.objects.get(lead=lead)
    assert (attempt.channel, attempt.at) == ("email", now - timedelta(hours=2))
    lead.refresh_from_db()
    assert lead.attempt_count == 1 and lead.last_attempt_at == attempt.at


def test_a_confirmed_email_that_cannot_be_recorded_is_logged_as_an_error(
    alice, make_lead, smtp_server, caplog
):
    lead = make_lead(alice)
    # a claim dated a day before the lead came in: log_attempt refuses it
    msg = _left_unknown(lead, alice, lead.created_at - timedelta(days=1))
    with caplog.at_level(logging.ERROR):
        assert message_actions.confirm_arrived(msg, alice)
    msg.refresh_from_db()
    assert msg.state == State.SENT  # it did arrive: the message says so whatever else fails
    assert not Attempt.objects.filter(lead=lead).exists()
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert f"message {msg.pk}" in record.getMessage()
    assert "came in on" in record.getMessage()  # why it was refused
