"""A reply is not an attempt (docs/decision-core.md): Replied clicked after the message it
answers was logged (Sent on Today or the lead page, or sent by the outbox) records their
reply on that try, as the mailbox does (`actions.record_reply`); it used to log a second
try, outcome replied, so the core saw one more try than was made and `fit` learned from a
try that never happened. A Replied with no message of ours waiting for its answer is still
the message and its answer, one try."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from fairchase.leads import actions
from fairchase.leads.models import Attempt, Lead, Status

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _a_stopped_clock(stop_clock):
    stop_clock(MONDAY)


@pytest.fixture
def cole(alice, make_lead):
    lead = make_lead(alice, name="Cole Diaz", created_at=MONDAY - timedelta(hours=2))
    Lead.objects.filter(pk=lead.pk).update(next_channel="email")  # the plan's: an email
    return Lead.objects.get(pk=lead.pk)


def _today_click(client, lead, outcome: str) -> str:
    return client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": outcome, "channel": "email", "row": "new"},
        HTTP_HX_REQUEST="true",
    ).content.decode()


def _lead_page_click(client, lead, outcome: str):
    """A button under "What happened?" on the lead page, as its form posts it."""
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    form = page[page.index('id="quick-outcomes"') :]
    key = re.search(r'name="once" value="([^"]+)"', form)
    channel = re.search(r'name="channel" value="([^"]*)"', form)[1]
    assert f'name="outcome" value="{outcome}"' in form
    data = {"outcome": outcome, "next": "lead", "channel": channel}
    if key:
        data["once"] = key[1]
    return client.post(f"/leads/{lead.pk}/outcome/", data)


def _answered_once(lead) -> Lead:
    lead = Lead.objects.get(pk=lead.pk)
    assert [(a.channel, a.outcome) for a in Attempt.objects.filter(lead=lead)] == [
        ("email", "replied")
    ]
    assert lead.attempt_count == 1
    assert lead.status == Status.ENGAGED and lead.responded_at == MONDAY
    return lead


def test_sent_then_replied_on_today_is_one_try_answered(client, alice, cole):
    client.force_login(alice)
    _today_click(client, cole, "sent")
    card = _today_click(client, cole, "replied")
    assert "Cole Diaz replied" in card
    _answered_once(cole)


def test_sent_then_replied_on_the_lead_page_is_one_try_answered(client, alice, cole):
    client.force_login(alice)
    assert _lead_page_click(client, cole, "sent").status_code == 302
    assert _lead_page_click(client, cole, "replied").status_code == 302
    _answered_once(cole)


def test_a_reply_to_the_outboxs_email_logged_by_hand_is_no_try(client, alice, cole):
    """README: without a mailbox to read, replies are logged on the lead page (Replied)."""
    actions.log_attempt(
        cole, "email", "no_answer", at=MONDAY - timedelta(hours=1), keeps_promise=False
    )
    client.force_login(alice)
    _lead_page_click(client, cole, "replied")
    _answered_once(cole)


def test_replied_with_no_try_logged_is_the_message_and_its_answer(client, alice, cole):
    client.force_login(alice)
    _today_click(client, cole, "replied")
    _answered_once(cole)


def test_the_undo_of_a_reply_puts_the_try_back_unanswered(client, alice, cole):
    client.force_login(alice)
    _today_click(client, cole, "sent")
    before = Lead.objects.get(pk=cole.pk)
    card = _today_click(client, cole, "replied")
    token = re.search(r'name="token" value="([^"]+)"', card)[1]
    client.post(f"/leads/{cole.pk}/undo/", {"token": token}, HTTP_HX_REQUEST="true")
    lead = Lead.objects.get(pk=cole.pk)
    assert [a.outcome for a in Attempt.objects.filter(lead=lead)] == ["no_answer"]
    assert (lead.status, lead.responded_at, lead.attempt_count) == (Status.OPEN, None, 1)
    assert (lead.next_due, lead.next_channel) == (before.next_due, before.next_channel)


def _replied_on_the_step_due_now(client, alice, lead, channel: str) -> list[tuple[str, str]]:
    """Replied on the card of `lead`'s step due now on `channel`; its tries after it."""
    Lead.objects.filter(pk=lead.pk).update(next_channel=channel, next_due=MONDAY)
    client.force_login(alice)
    client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "replied", "channel": channel, "row": "followup"},
        HTTP_HX_REQUEST="true",
    )
    return [(a.channel, a.outcome) for a in Attempt.objects.filter(lead=lead).order_by("at")]


def test_replied_on_a_call_due_now_is_the_call_they_picked_up(client, alice, cole):
    """The call card's Replied, its call due now, is that call's try (answered), even with
    our last email still unanswered: the call had not been logged."""
    actions.log_attempt(cole, "email", "no_answer", at=MONDAY - timedelta(hours=1))
    assert _replied_on_the_step_due_now(client, alice, cole, "call") == [
        ("email", "no_answer"),
        ("call", "replied"),
    ]


def test_replied_on_an_email_due_now_is_that_email_not_one_weeks_old(client, alice, cole):
    """review31 #5: three weeks after our last email, the next one due now and sent from the
    salesperson's own mail program, "Replied" on the card is that email's answer (one new
    try), not an answer to the old one."""
    Lead.objects.filter(pk=cole.pk).update(created_at=MONDAY - timedelta(days=30))
    actions.log_attempt(cole, "email", "no_answer", at=MONDAY - timedelta(days=21))
    assert _replied_on_the_step_due_now(client, alice, cole, "email") == [
        ("email", "no_answer"),
        ("email", "replied"),
    ]
