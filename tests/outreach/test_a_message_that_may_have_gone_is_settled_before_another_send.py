"""While a message to a lead may have gone (the worker stopped mid-send: unknown), Today and the
lead page offer no one-click Send of its draft: the card says an earlier message may have gone
and asks to settle it first (It arrived / Send again); a Send from a page opened before sends
nothing."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from fairchase.leads.models import Lead
from fairchase.outreach import outbox
from fairchase.outreach.models import MessageTemplate, OutboundMessage

State = OutboundMessage.State
pytestmark = pytest.mark.usefixtures("open_all_day")


def _card(page: str, lead) -> str:
    return page.split(f'id="draft-{lead.pk}"')[1].split("</div>")[0]


def test_a_lead_whose_message_may_have_gone_asks_to_settle_it_before_any_send(
    alice, make_lead, smtp_server
):
    lead = make_lead(alice, name="Workerk Test", email="wk@example.com")
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )  # respond now by email: its first response is drafted
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "k msg 0033", "Hello\n", user=alice)
    OutboundMessage.objects.filter(pk=msg.pk).update(state=State.UNKNOWN, claimed_at=timezone.now())
    client = Client()
    client.force_login(alice)
    for page in (client.get("/"), client.get(f"/leads/{lead.pk}/")):
        card = _card(page.content.decode(), lead)
        assert f'id="unsettled-{lead.pk}"' in card and "may have gone" in card
        assert "send-draft" not in card
        assert f'action="/o/outbox/{msg.pk}/settle/"' in card and 'value="sent"' in card

    template = MessageTemplate.objects.get(purpose="first_response", channel="email")
    page = client.post(
        f"/o/leads/{lead.pk}/send/",
        {"template": template.pk, "owner": alice.pk},
        follow=True,
    ).content.decode()
    assert "Nothing sent: an earlier message to wk@example.com may have gone" in page
    assert OutboundMessage.objects.filter(lead=lead).count() == 1
    assert smtp_server.received == []

    client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "sent", "next": "today"})
    assert 'id="unsettled-' not in client.get(f"/leads/{lead.pk}/").content.decode()
