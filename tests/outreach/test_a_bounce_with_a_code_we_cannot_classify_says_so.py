"""A permanent bounce of our own message whose status code we cannot classify holds the lead
for a person, as a bounce naming no message of ours does, but it is not one: it names our
message. Every sentence about it says what we know (our message to the address bounced with
a code we cannot classify; a person decides), never "a bounce naming no message of ours"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from fairchase.leads.models import StatusChange, Suppression
from fairchase.outreach import held, refusals
from fairchase.outreach.models import InboundMessage

from .test_a_bounce_blocks_an_address_only_when_the_address_is_at_fault import _bounce, _report
from .test_mailbox import _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

NOT_OURS = "naming no message of ours"


def test_every_sentence_says_the_code_could_not_be_classified(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Otis Odd", email="odd@example.com")
    sent = _sent(lead, alice, smtp_server)
    got = _bounce(imap_server, _report(sent, "5.9.9", "550 5.9.9 Something odd"))
    lead.refresh_from_db()
    assert got.hold == InboundMessage.Hold.UNKNOWN_BOUNCE and got.held_address == sent.to
    assert not Suppression.objects.exists()
    said = [got.evidence, got.effect, lead.plan_reason, refusals.refusal(lead)]
    said.append(StatusChange.objects.filter(lead=lead).latest("pk").reason)
    assert held.HELD_UNKNOWN_BOUNCE in lead.plan_reason
    assert refusals.refusal(lead) == refusals.HELD_UNKNOWN_BOUNCE
    assert "odd@example.com bounced with a code we cannot classify (5.9.9)" in got.effect
    assert all(NOT_OURS not in s for s in said), said
    client = Client()
    client.force_login(alice)
    for page in (reverse("lead_detail", args=[lead.pk]), reverse("today")):
        text = client.get(page).content.decode()
        assert "bounced with a code we cannot classify" in text and NOT_OURS not in text, page
