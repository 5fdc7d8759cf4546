"""A let-go card's goodbye never goes within a day of our last message to the person (eval29
#4: the worker's "Following up" at 11:05, then "I'll leave it here" at 11:05 from Today's
one-click Send; seed 000: resist the urge to write again within hours). It is held to a day
after that message, in the lead's contact hours, and the page says when it goes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.contrib.messages import get_messages
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status
from fairchase.outreach import outbox
from fairchase.outreach.models import MessageTemplate, OutboundMessage
from tests.conftest import open_all_day_now

THURSDAY = datetime(2027, 1, 14, 17, 5, tzinfo=UTC)


def _click_goodbye(alice, lead) -> list[str]:
    door_open = MessageTemplate.objects.get(purpose="breakup", channel="email", is_active=True)
    c = Client()
    c.force_login(alice)
    response = c.post(f"/o/leads/{lead.pk}/send/", {"template": door_open.pk})
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_goodbye_after_this_mornings_email_waits_until_tomorrow(
    alice, make_lead, smtp_server, stop_clock
):
    stop_clock(THURSDAY)
    open_all_day_now()
    lead = make_lead(
        alice, name="Web Wendy", source="web_form", created_at=THURSDAY - timedelta(days=5)
    )
    actions.log_attempt(lead, "call", "no_answer", at=THURSDAY - timedelta(days=3))
    # the worker's automatic follow-up went a minute ago (no user: automatic)
    actions.log_attempt(lead, "email", "no_answer", at=THURSDAY - timedelta(minutes=1))
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed")

    said = _click_goodbye(alice, lead)

    assert smtp_server.received == []
    goodbye = OutboundMessage.objects.get(lead=lead, template__purpose="breakup")
    assert goodbye.state == OutboundMessage.State.QUEUED
    assert goodbye.due_at == THURSDAY - timedelta(minutes=1) + timedelta(days=1)
    assert any("A goodbye waits a day after our last message" in s for s in said), said
    assert any("Fri 15 Jan" in s for s in said), said
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN  # the stop waits for it
    # a day later it goes
    stop_clock(THURSDAY + timedelta(days=1))
    outbox.send_due()
    assert len(smtp_server.received) == 1


def test_a_goodbye_a_day_after_our_last_message_goes_at_once(
    alice, make_lead, smtp_server, stop_clock
):
    stop_clock(THURSDAY)
    open_all_day_now()
    lead = make_lead(
        alice, name="Web Walt", source="web_form", created_at=THURSDAY - timedelta(days=5)
    )
    actions.log_attempt(lead, "email", "no_answer", at=THURSDAY - timedelta(days=1, minutes=1))
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed")
    _click_goodbye(alice, lead)
    assert len(smtp_server.received) == 1
    assert Lead.objects.get(pk=lead.pk).status == Status.CLOSED
