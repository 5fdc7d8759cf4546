"""A message card folds the call outcomes under "Called them instead?" only when the lead has
a phone we may call: one the person opted out on, or on the suppression list, is offered no
☎ link, and was still offered the fold of outcomes of a call nobody may make. The same rule
(`reach.address_refusal`) decides both; the lead page's "What happened?" follows it too."""

from __future__ import annotations

import re

import pytest

from fairchase.leads import actions
from fairchase.leads.models import Lead

pytestmark = pytest.mark.django_db

PHONE = "+12125550177"


def _planned_for_email(lead) -> Lead:
    Lead.objects.filter(pk=lead.pk).update(next_channel="email")  # the plan's: an email
    return Lead.objects.get(pk=lead.pk)


def _card(client, lead) -> str:
    html = client.get("/").content.decode()
    return re.search(rf'<li class="agenda-row[^"]*" id="row-{lead.pk}".*?</li>', html, re.S)[0]


def test_a_suppressed_phone_folds_no_call_outcomes_under_the_email_card(client, alice, make_lead):
    lead = make_lead(alice, name="Sal Quiet", email="sal@example.com", phone=PHONE)
    actions.suppress(PHONE, "phone", "opt-out")
    lead = _planned_for_email(lead)
    client.force_login(alice)
    card = _card(client, lead)
    assert 'name="outcome" value="sent"' in card  # the email card is there
    assert "tel:" not in card
    assert "Called them instead?" not in card and 'name="called"' not in card


def test_a_phone_we_may_call_still_folds_them(client, alice, make_lead):
    lead = _planned_for_email(make_lead(alice, name="Cal Open", phone="+12125550178"))
    client.force_login(alice)
    card = _card(client, lead)
    assert "tel:" in card and "Called them instead?" in card


def test_the_lead_page_offers_no_call_outcomes_for_a_suppressed_phone(client, alice, make_lead):
    lead = make_lead(alice, name="Sal Quiet", email="sal@example.com", phone=PHONE)
    actions.suppress(PHONE, "phone", "opt-out")
    lead = _planned_for_email(lead)
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    form = page[page.index('id="quick-outcomes"') :].split("</form>", 1)[0]
    offered = set(re.findall(r'name="outcome" value="(\w+)"', form))
    assert "sent" in offered and not offered & {"no_answer", "left_message", "talked"}
