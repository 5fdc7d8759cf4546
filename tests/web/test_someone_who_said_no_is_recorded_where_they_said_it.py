"""A person who just heard "stop calling me" records it where they are (eval34 #2): Today's
card and the lead page's "What happened?" offer "Asked not to be contacted", the outcome of
the try (`opted_out`, as the decision core reads it), which suppresses every address as
the lead page's Record opt-out does and says the same. It asks first (no Undo brings a
person who said no back), and the card's Stop says it only stops chasing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Attempt, Lead, Status, Suppression
from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage

pytestmark = pytest.mark.django_db

SAID = "opted out: they will not be contacted again."


def _card(html: str, lead) -> str:
    m = re.search(rf'<li class="agenda-row[^"]*" id="row-{lead.pk}".*?</li>', html, re.S)
    assert m, f"no card for {lead.name}"
    return m.group(0)


def _said_no(lead) -> None:
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.status == Status.OPTED_OUT
    assert set(Suppression.objects.values_list("value", flat=True)) == {lead.email, lead.phone}


def test_the_card_offers_the_opt_out_asks_first_and_its_stop_says_it_is_none(
    client, alice, make_lead
):
    lead = make_lead(alice, name="Ann Hill")
    client.force_login(alice)
    card = _card(client.get("/").content.decode(), lead)
    button = re.search(r'<button name="outcome" value="opted_out"[^>]*>([^<]*)<', card)
    assert button and button.group(1) == "Asked not to be contacted"
    assert 'data-confirm="They asked not to be contacted?' in button.group(0)
    stop = re.search(r'<button name="outcome" value="stop"[^>]*>([^<]*)<', card)
    assert stop.group(1) == "Stop chasing" and "Not an opt-out." in stop.group(0)


def test_an_opt_out_on_the_card_is_the_calls_outcome_and_the_lead_leaves_today(
    client, alice, make_lead
):
    lead = make_lead(alice, name="Ann Hill")
    client.force_login(alice)
    card = client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "opted_out", "channel": "call", "row": "new"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert f"Ann Hill {SAID}" in card
    assert "data-undo" not in card  # nothing to undo: they are never chased again
    attempt = Attempt.objects.get(lead=lead)
    assert (attempt.channel, attempt.outcome, attempt.user) == ("call", "opted_out", alice)
    _said_no(lead)
    assert f'id="row-{lead.pk}"' not in client.get("/").content.decode()


def test_the_lead_page_offers_it_under_what_happened_and_says_what_record_opt_out_says(
    client, alice, make_lead
):
    lead = make_lead(alice, name="Emil Hill")
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    quick = page[page.index('id="quick-outcomes"') : page.index('id="details"')]
    assert 'value="opted_out"' in quick and "data-confirm" in quick
    r = client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "opted_out", "channel": "call", "next": "lead"},
        follow=True,
    )
    assert f"Emil Hill {SAID}" in r.content.decode()
    assert Attempt.objects.get(lead=lead).outcome == "opted_out"
    _said_no(lead)


def test_an_opt_out_on_the_card_cancels_what_was_queued_as_record_opt_out_does(
    client, alice, make_lead
):
    lead = make_lead(alice, name="Ann Hill")
    outbox.queue(lead, "email", "Your quote", "Hi Ann", due_at=timezone.now() + timedelta(days=1))
    client.force_login(alice)
    client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "opted_out", "channel": "call", "row": "new"},
        HTTP_HX_REQUEST="true",
    )
    assert list(OutboundMessage.objects.values_list("state", "error")) == [
        ("cancelled", "The lead opted out.")
    ]


def test_a_promised_calls_card_offers_it_too(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Hill")
    promise = actions.add_commitment(lead, by="us", what="call back", due_at=timezone.now())
    client.force_login(alice)
    html = client.get("/").content.decode()
    card = re.search(rf'id="commitment-{promise.pk}".*?</li>', html, re.S)[0]
    assert 'name="outcome" value="opted_out"' in card and "data-confirm" in card
