"""The recipient's server refusing the address itself during the SMTP session ("550 5.1.1
No such user") is the fact a bounce report with 5.1.1 carries: the address is blocked the
same way, the lead's plan offers no more email to it and its timeline says why. A refusal
for the server's own policy (5.7.1) says nothing against the address: it is kept."""

from __future__ import annotations

import pytest
from django.test import Client

from fairchase.leads.models import Suppression
from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage

State = OutboundMessage.State
pytestmark = pytest.mark.usefixtures("open_all_day")


def _send_to(alice, make_lead, address):
    lead = make_lead(alice, name="Refused Lead", email=address, phone="")
    lead.refresh_from_db()
    assert (lead.next_action, lead.next_channel) == ("contact", "email")
    msg = outbox.queue(lead, "email", "Hello", "Body", user=alice)
    assert outbox.send_now(msg) == State.FAILED
    lead.refresh_from_db()
    return lead


def test_no_such_user_blocks_the_address_and_the_plan_offers_no_email(
    alice, make_lead, smtp_server, refusing_smtp
):
    lead = _send_to(alice, make_lead, "bad5@example.com")
    assert Suppression.objects.filter(value="bad5@example.com").exists()
    assert lead.next_channel != "email"
    client = Client()
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "No such user here" in page  # the timeline says why
    assert "Respond now" not in page
    assert 'href="mailto:bad5@example.com"' not in client.get("/").content.decode()  # no card


def test_a_policy_refusal_keeps_the_address(alice, make_lead, smtp_server, policy_refusing_smtp):
    lead = _send_to(alice, make_lead, "kept5@example.com")
    assert not Suppression.objects.filter(value="kept5@example.com").exists()
    assert lead.next_channel == "email"


@pytest.mark.parametrize(
    "answer",
    [
        # Postfix checks the sender at RCPT by default: its answer names our address, not theirs
        "550 5.1.0 <sales@ourshop.example>: Sender address rejected: User unknown in local "
        "recipient table",
        "550 5.1.1 <sales@ourshop.example>: Sender address rejected: undeliverable address",
    ],
)
def test_a_refusal_of_our_sender_address_keeps_theirs(
    alice, make_lead, smtp_server, settings, answer
):
    """review31 #1: a relay refusing our own sender blocked each customer it was sent to."""
    from .conftest import _refusing

    refusing = _refusing(settings, answer)
    next(refusing)
    try:
        lead = _send_to(alice, make_lead, "good.customer@example.com")
    finally:
        next(refusing, None)
    assert not Suppression.objects.exists()
    assert lead.next_channel == "email"
