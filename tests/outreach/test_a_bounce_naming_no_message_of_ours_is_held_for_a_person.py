"""A delivery report that names no message of ours (an original we never sent, or none at
all) proves nothing: anyone can forge one to silence an address. So it suppresses nothing:
the lead its recipient names is held for a person, on Today and the lead page, who confirms
the bounce (then the address is not used again) or ignores it; either lifts the hold. A
bounce of our own message still blocks the address at once (newcomer and review #1)."""

from __future__ import annotations

from email.utils import format_datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fairchase.leads.models import Attempt, Lead, Status, Suppression
from fairchase.outreach import bounces, mailbox, outbox
from fairchase.outreach.held import HELD_BOUNCE, held_stops
from fairchase.outreach.models import InboundMessage, OutboundMessage

from .test_mailbox import DSN, _sent, bounce_of

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

PROSE = """From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: sales@fairchase.test
Subject: Undelivered Mail Returned to Sender
Date: {date}
Message-ID: <dsn2@mx.example.net>
Content-Type: text/plain

Your message to {to} couldn't be delivered: 550 5.1.1 user unknown.
"""


def _forged(to: str) -> str:
    return DSN.format(date=format_datetime(timezone.now()), to=to, msgid="<forged@else.test>")


def _held_lead(make_lead, owner, imap_server, report: str):
    lead = make_lead(owner, name="Olga Berg", email="olga@example.com")
    imap_server.append(imap_server.folder, report)
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    return lead, InboundMessage.objects.get()


@pytest.mark.parametrize(
    "report",
    [
        _forged("olga@example.com"),
        PROSE.format(date=format_datetime(timezone.now()), to="olga@example.com"),
    ],
    ids=["an original we never sent", "no original at all"],
)
def test_it_suppresses_nothing_and_holds_the_lead(alice, make_lead, imap_server, report):
    lead, got = _held_lead(make_lead, alice, imap_server, report)
    assert not Suppression.objects.exists()
    assert not Attempt.objects.filter(lead=lead, outcome="bounced").exists()
    assert lead.status == Status.OPEN and lead.next_action == "wait"
    assert HELD_BOUNCE in lead.plan_reason
    assert (got.kind, got.lead_id) == (InboundMessage.Kind.BOUNCE, lead.pk)
    assert "A bounce naming no message of ours: confirm or ignore" in got.effect
    assert list(held_stops()) == [got]
    assert mailbox.poll_mailbox() == 0  # once


def test_today_and_the_lead_page_ask_and_confirming_blocks_the_address(
    alice, make_lead, imap_server
):
    lead, held = _held_lead(make_lead, alice, imap_server, _forged("olga@example.com"))
    client = Client()
    client.force_login(alice)
    today = client.get(reverse("today")).content.decode()
    assert f'id="held-{held.pk}"' in today and "Confirm: it bounced" in today
    page = client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert 'id="held-bounce"' in page and 'id="held-stop"' not in page
    r = client.post(
        reverse("outreach:inbound_correct", args=[held.pk]), {"kind": "bounce", "next": "today"}
    )
    assert r.status_code == 302 and r.url == reverse("today")
    assert Suppression.objects.filter(value="olga@example.com", reason="bounce").exists()
    assert Attempt.objects.filter(lead=lead, outcome="bounced").count() == 1
    assert not held_stops().exists()
    assert HELD_BOUNCE not in Lead.objects.get(pk=lead.pk).plan_reason


def test_ignoring_it_lifts_the_hold_and_keeps_the_address(alice, make_lead, imap_server):
    lead, held = _held_lead(make_lead, alice, imap_server, _forged("olga@example.com"))
    client = Client()
    client.force_login(alice)
    client.post(reverse("outreach:inbound_correct", args=[held.pk]), {"kind": "ignore"})
    lead.refresh_from_db()
    assert not Suppression.objects.exists() and not held_stops().exists()
    assert HELD_BOUNCE not in lead.plan_reason and lead.next_action != "wait"
    assert "Ignored" in InboundMessage.objects.get().effect


def test_nothing_is_written_to_the_held_lead_and_the_refusal_says_why(
    alice, make_lead, imap_server
):
    lead, _ = _held_lead(make_lead, alice, imap_server, _forged("olga@example.com"))
    with pytest.raises(outbox.OutboxError, match="A bounce naming no message of ours .*ignore"):
        outbox.queue(lead, "email", "Hello", "Hi\n", user=alice)


def test_a_bounce_of_our_message_still_blocks_the_address_at_once(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="gone@example.com")
    imap_server.append(imap_server.folder, bounce_of(_sent(lead, alice, smtp_server), lead.email))
    mailbox.poll_mailbox()
    assert Suppression.objects.filter(value="gone@example.com", reason="bounce").exists()
    assert not held_stops().exists()


def _migrated_without_address(held: InboundMessage, ours: OutboundMessage | None = None) -> None:
    """As migration 0022 left a held bounce whose old words named no address."""
    InboundMessage.objects.filter(pk=held.pk).update(
        held_address="", evidence="A bounce naming no message of ours: 5.1.1", outbound=ours
    )


def test_confirming_one_naming_no_address_blocks_nothing_and_says_so(alice, make_lead, imap_server):
    """review27 #8: it used to suppress the empty string."""
    lead, held = _held_lead(make_lead, alice, imap_server, _forged("olga@example.com"))
    _migrated_without_address(held)
    done = bounces.settle(held, confirmed=True, user=alice)
    assert not Suppression.objects.exists()
    assert not Attempt.objects.filter(lead=lead, outcome="bounced").exists()
    assert "names no address: nothing was blocked" in done.effect
    assert not held_stops().exists()


def test_one_naming_no_address_of_our_message_to_the_lead_blocks_the_leads_email(
    alice, make_lead, imap_server
):
    lead, held = _held_lead(make_lead, alice, imap_server, _forged("olga@example.com"))
    ours = OutboundMessage.objects.create(lead=lead, channel="email", to=lead.email, body="Hi")
    _migrated_without_address(held, ours)
    bounces.settle(held, confirmed=True, user=alice)
    assert Attempt.objects.filter(lead=lead, outcome="bounced").count() == 1
    assert not Suppression.objects.filter(value="").exists()
