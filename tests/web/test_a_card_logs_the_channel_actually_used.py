"""A card's outcome is logged on the channel actually used (eval34 #3): a card planned as
an email logged a call made from its ☎ link as an email ("Talked with Cole Diaz (email)"),
and its No answer and Left message as emails, skewing the per-channel reply rates the
model learns. Now a message card offers Sent and Replied for its message, and the call
outcomes under "Called them instead?", logged as a call; a call outcome is never logged
on an email or a text, whatever is posted."""

from __future__ import annotations

import re

import pytest

from fairchase.leads.models import Attempt, Lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def cole(alice, make_lead):
    lead = make_lead(alice, name="Cole Diaz")
    Lead.objects.filter(pk=lead.pk).update(next_channel="email")  # the plan's: an email
    return Lead.objects.get(pk=lead.pk)


def _click(client, lead, **data) -> str:
    data.setdefault("row", "new")
    return client.post(f"/leads/{lead.pk}/outcome/", data, HTTP_HX_REQUEST="true").content.decode()


def _logged(lead) -> tuple[str, str]:
    a = Attempt.objects.get(lead=lead)
    return a.channel, a.outcome


def test_an_email_card_offers_sent_and_the_call_outcomes_as_a_call(client, alice, cole):
    client.force_login(alice)
    html = client.get("/").content.decode()
    card = re.search(rf'<li class="agenda-row[^"]*" id="row-{cole.pk}".*?</li>', html, re.S)[0]
    assert 'name="outcome" value="sent"' in card
    assert 'name="outcome" value="no_answer"' not in card
    assert 'name="outcome" value="left_message"' not in card
    called = card[card.index("Called them instead?") :]
    for outcome in ("no_answer", "left_message", "talked", "opted_out"):
        assert f'name="called" value="{outcome}"' in called


def test_a_talk_from_an_email_cards_phone_link_is_logged_as_a_call(client, alice, cole):
    client.force_login(alice)
    card = _click(client, cole, called="talked", channel="email")
    assert "Talked with Cole Diaz (call): logged." in card
    assert _logged(cole) == ("call", "talked")


def test_sent_is_the_emails_try(client, alice, cole):
    client.force_login(alice)
    card = _click(client, cole, outcome="sent", channel="email")
    assert "Sent to Cole Diaz (email): logged." in card
    assert _logged(cole) == ("email", "no_answer")


@pytest.mark.parametrize("outcome", ["no_answer", "left_message"])
def test_a_call_outcome_posted_for_an_email_is_logged_as_a_call(client, alice, cole, outcome):
    client.force_login(alice)
    _click(client, cole, outcome=outcome, channel="email")
    assert _logged(cole) == ("call", outcome)


def test_sent_is_refused_for_a_call(client, alice, make_lead):
    lead = make_lead(alice, name="Gina Park")
    client.force_login(alice)
    card = _click(client, lead, outcome="sent", channel="call")
    assert "Sent is for an email or a text, not a call." in card
    assert not Attempt.objects.filter(lead=lead).exists()


def test_a_lead_with_no_phone_is_never_logged_as_called(client, alice, make_lead):
    """review29 #7: the lead page offered No answer, Left message and Talked on an email-only
    lead planned for an email, and logged them as calls nobody made."""
    lead = make_lead(alice, name="Emma Mailonly", phone="")
    Lead.objects.filter(pk=lead.pk).update(next_channel="email")
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    box = page[page.index('id="quick-outcomes"') :][:3000]
    assert 'name="outcome" value="sent"' in box
    for outcome in ("no_answer", "left_message", "talked"):
        assert f'name="outcome" value="{outcome}"' not in box
    answer = client.post(f"/leads/{lead.pk}/outcome/", {"outcome": "talked", "channel": "email"})
    assert answer.status_code in (200, 302, 400)
    assert not Attempt.objects.filter(lead=lead).exists()
