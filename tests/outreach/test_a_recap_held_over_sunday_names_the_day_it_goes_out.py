"""A recap sent from its draft after a Sunday call is held for Monday (Sunday is not a
contact day): it goes out saying "yesterday", not "today". A message made from its template
as drafted (a click on Send, or queued by the automatic worker) is worded again at send time
when its reader's day has changed; one a person edited (Compose) keeps their words. Real
SMTP server; the clock stopped on Sunday evening in Chicago."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings
from fairchase.outreach import outbox
from fairchase.outreach.models import MessageTemplate, OutboundMessage

CHICAGO = ZoneInfo("America/Chicago")
SUNDAY_EVENING = datetime(2026, 12, 6, 18, 30, tzinfo=CHICAGO)
MONDAY_MORNING = datetime(2026, 12, 7, 8, 5, tzinfo=CHICAGO)


@pytest.fixture
def talked_on_sunday(alice, make_lead, stop_clock):
    stop_clock(SUNDAY_EVENING)
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        business_timezone="America/Chicago"
    )
    lead = make_lead(alice, name="Sam Ortiz", created_at=SUNDAY_EVENING - timedelta(days=2))
    actions.log_attempt(lead, "call", "talked", at=SUNDAY_EVENING - timedelta(minutes=20))
    actions.add_commitment(
        lead, by="us", what="Send the quote", due_at=SUNDAY_EVENING + timedelta(days=2)
    )
    client = Client()
    client.force_login(alice)
    return lead, client


def _body(received) -> str:
    return received.message.get_body().get_content().replace("\r\n", "\n")


def test_a_recap_sent_from_its_draft_on_sunday_says_yesterday_on_monday(
    talked_on_sunday, smtp_server, stop_clock
):
    lead, client = talked_on_sunday
    recap = MessageTemplate.objects.get(purpose="recap", channel="email")
    client.post(f"/o/leads/{lead.pk}/send/", {"template": recap.pk})
    msg = OutboundMessage.objects.get(lead=lead)
    assert msg.state == "queued" and "on the phone today." in msg.body
    stop_clock(MONDAY_MORNING)
    outbox.send_due()
    (got,) = smtp_server.received
    assert "Thank you for your time on the phone yesterday." in _body(got)
    msg.refresh_from_db()
    assert "on the phone yesterday." in msg.body  # the row keeps what went
    assert msg.changes.filter(reason__startswith="Worded again").exists()


def test_a_recap_a_person_edited_keeps_their_words(talked_on_sunday, smtp_server, stop_clock):
    lead, client = talked_on_sunday
    recap = MessageTemplate.objects.get(purpose="recap", channel="email")
    client.post(
        f"/o/leads/{lead.pk}/compose/",
        {
            "template": recap.pk,
            "channel": "email",
            "subject": "Our call",
            "body": "Thanks for the call {{call_day}}, Sam. The quote follows.",
        },
    )
    msg = OutboundMessage.objects.get(lead=lead)
    assert msg.state == "queued" and "call today, Sam" in msg.body
    stop_clock(MONDAY_MORNING)
    outbox.send_due()
    (got,) = smtp_server.received
    assert "Thanks for the call today, Sam." in _body(got)  # as the person sent it
