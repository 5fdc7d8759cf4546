"""Add lead picks no source for the person (eval22 #8): the source sets the plan's starting
guess of how readily a silent lead answers, and a pre-set "Web form" chased a lead who had
just phoned as a web form's. The choice is required; editing keeps the lead's own source."""

from __future__ import annotations

import re

from fairchase.leads.models import Lead

SELECTED = re.compile(r'<select name="source"[^>]*>(.*?)</select>', re.S)


def _source_select(html: str) -> str:
    return SELECTED.search(html).group(1)


def test_the_add_form_offers_a_choice_and_makes_none(client, alice):
    client.force_login(alice)
    options = _source_select(client.get("/leads/new/").content.decode())
    assert options.lstrip().startswith('<option value="" selected>Choose…</option>')
    assert options.count("selected") == 1
    assert '<option value="inbound_call">Inbound call</option>' in options


def test_a_lead_added_without_a_source_is_refused_and_says_why(client, alice):
    client.force_login(alice)
    html = client.post("/leads/new/", {"name": "Ann Parker", "phone": "(312) 555-0142"})
    assert "Choose how they reached you." in html.content.decode()
    assert not Lead.objects.exists()
    client.post(
        "/leads/new/", {"name": "Ann Parker", "phone": "+13125550142", "source": "inbound_call"}
    )
    assert Lead.objects.get().source == "inbound_call"


def test_editing_keeps_the_leads_own_source_and_offers_no_blank(client, alice, make_lead):
    lead = make_lead(alice, source="referral")
    client.force_login(alice)
    options = _source_select(client.get(f"/leads/{lead.pk}/edit/").content.decode())
    assert '<option value="referral" selected>Referral</option>' in options
    assert "Choose…" not in options
