"""A let-go card says its chance as its reason does and takes no minutes (eval22 #11): Otto
Ford's card read "Let go → mailing list · 6 min · 0% chance of a win" beside a reason's
"0.24% chance": the minutes of a call nobody is asked to make, and a chance rounded to none.
A chance under half a percent is "under 1%", on Today's cards and on the lead page alike."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.web.words import chance_text


def _card(html: str, lead: Lead) -> str:
    found = re.search(rf'<li [^>]*id="row-{lead.pk}".*?</li>', html, re.S)
    assert found, html[:3000]
    return found.group(0)


def _talked(make_lead, alice, name: str) -> Lead:
    lead = make_lead(alice, name=name, created_at=timezone.now() - timedelta(days=4))
    actions.log_attempt(lead, "call", "talked", at=timezone.now() - timedelta(days=3))
    return lead


@pytest.mark.parametrize(
    "p, said",
    [(0.0, "0%"), (0.0024, "under 1%"), (0.0049, "under 1%"), (0.005, "1%"), (0.24, "24%")],
)
def test_a_chance_is_a_whole_percent_and_a_small_one_is_under_1(p, said):
    assert chance_text(p) == said


def test_a_let_go_card_says_under_1_percent_and_no_minutes(client, alice, make_lead):
    otto = _talked(make_lead, alice, "Otto Ford")
    Lead.objects.filter(pk=otto.pk).update(
        next_action="stop",
        next_channel="",
        next_due=None,
        next_state="closed",
        p_reply=0.0024,
        plan_reason="Stop: 2 contacts without progress leave a 0.24% chance of a win.",
    )
    client.force_login(alice)
    for url in ("/today/let-go/rows/", "/today/let_go/"):
        card = _card(client.get(url).content.decode(), otto)
        assert "Let go" in card and "under 1% chance of a win" in card, card
        assert "0% chance" not in card and "min</span>" not in card, card
    page = client.get(f"/leads/{otto.pk}/").content.decode()
    assert "<dd>under 1%</dd>" in page


def test_a_follow_up_card_still_says_its_minutes(client, alice, make_lead):
    gina = _talked(make_lead, alice, "Gina Park")
    Lead.objects.filter(pk=gina.pk).update(
        next_action="contact",
        next_channel="call",
        next_due=timezone.now() - timedelta(minutes=1),
        p_reply=0.3,
    )
    client.force_login(alice)
    card = _card(client.get("/").content.decode(), gina)
    assert "· 6 min</span>" in card and "30% chance of a win" in card, card
