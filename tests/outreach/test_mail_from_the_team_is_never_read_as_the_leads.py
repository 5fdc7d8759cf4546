"""Mail from our own side is never read as the lead's words (review26 #1). People answer our
"New enquiry" alert by reflex ("Thanks, I'm calling her now"); its Message-ID names the
lead, and the mailbox filed the owner's answer as the lead's reply: the lead turned engaged
and "responded", its follow-ups were cancelled and the fit learnt a false answer. "Please
stop sending me these" suppressed the owner's own address and held the new enquiry. A reply
to an alert, and any mail from a team member's address (a copy of their own mail to the
lead), is kept on record, on no lead and handled, and changes nothing."""

from __future__ import annotations

import pytest
from django.db import transaction

from fairchase.leads.models import Attempt, Status, Suppression
from fairchase.outreach import mailbox, outbox, strangers
from fairchase.outreach.held import held_stops
from fairchase.outreach.models import InboundMessage, OutboundMessage

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _reply(to_msg: OutboundMessage, frm: str, body: str, n: int) -> bytes:
    return (
        f"From: Someone <{frm}>\r\nTo: sales@fairchase.test\r\nSubject: Re: {to_msg.subject}\r\n"
        f"In-Reply-To: {to_msg.message_id}\r\nReferences: {to_msg.message_id}\r\n"
        f"Message-ID: <team{n}@example.com>\r\nDate: Mon, 07 Dec 2026 13:00:00 +0000\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def _alert(lead) -> OutboundMessage:
    with transaction.atomic():
        alert = outbox.queue_owner_alert(lead, "New enquiry: Ann Lee, respond now", "Ann wrote.")
    assert outbox.send_now(alert) == "sent"
    return alert


def _unchanged(lead) -> None:
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.responded_at is None
    assert not Suppression.objects.exists()
    assert not held_stops().exists()
    assert "not yet confirmed" not in lead.plan_reason


@pytest.mark.parametrize(
    "body", ["Thanks, I'm calling her now.", "Please stop sending me these emails."]
)
def test_the_owners_answer_to_an_alert_changes_nothing_on_the_lead(
    alice, make_lead, smtp_server, body
):
    lead = make_lead(alice, name="Ann Lee", email="ann@example.com")
    alert = _alert(lead)
    got = mailbox.handle_mail(_reply(alert, alice.email, body, 1), "I:1:1")
    _unchanged(lead)
    assert got.lead_id is None and got.outbound_id == alert.pk
    assert got.effect.startswith("Mail from the team") and "Ann Lee" in got.effect
    assert not strangers.unmatched().exists()  # never offered as a new enquiry either


def test_an_answer_to_an_alert_from_an_address_not_in_the_team_is_not_the_leads(
    alice, make_lead, smtp_server
):
    # the owner answered from a phone set up with a personal address: still our side
    lead = make_lead(alice, name="Ann Lee", email="ann@example.com")
    alert = _alert(lead)
    got = mailbox.handle_mail(_reply(alert, "alice.home@example.net", "On it", 2), "I:1:2")
    _unchanged(lead)
    assert got.lead_id is None and got.kind == InboundMessage.Kind.UNMATCHED


def test_a_team_members_copy_in_the_leads_thread_is_not_the_leads_reply(
    alice, bob, make_lead, smtp_server
):
    lead = make_lead(alice, name="Ann Lee", email="ann@example.com")
    with transaction.atomic():
        ours = outbox.queue(lead, "email", "Your quote", "Hi Ann.\n", user=alice)
    assert outbox.send_now(ours) == "sent"
    got = mailbox.handle_mail(_reply(ours, bob.email.upper(), "Stop, I'll call her.", 3), "I:1:3")
    _unchanged(lead)
    assert got.lead_id is None
    assert list(Attempt.objects.filter(lead=lead).values_list("outcome", flat=True)) == [
        "no_answer"
    ]
