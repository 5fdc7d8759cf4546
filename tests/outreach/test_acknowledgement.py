"""The web form's "we got your message" is a receipt, not a first try: no attempt is logged,
it goes at once at any hour (never to an address that opted out), and the enquiry stays
"respond now" until a person responds."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Attempt, Lead, Suppression
from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage
from fairchase.web.agenda import agenda_for
from tests.outreach.test_sending import _hours_away_from_now

State = OutboundMessage.State


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Website", owner=alice, acknowledge=True)


def _enquire(client, form, name, email, message):
    response = client.post(
        f"/in/f/{form.key}/",
        {"name": name, "email": email, "message": message},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200
    return Lead.objects.get(email=email)


def _receipt(lead) -> OutboundMessage:
    """The receipt to the address the lead's post typed (it belongs to no lead)."""
    return OutboundMessage.objects.get(lead=None, to=lead.email, kind=OutboundMessage.Kind.RECEIPT)


def test_the_acknowledgement_is_not_a_first_try_and_the_enquiry_stays_respond_now(
    client, alice, form, smtp_server, open_all_day
):
    kim = _enquire(client, form, "Kim Lau", "kim@example.com", "Water heater quote please, ASAP")
    outbox.send_due()  # the same worker pass that sends the owner's alert
    assert _receipt(kim).state == State.SENT
    assert "kim@example.com" in [to for r in smtp_server.received for to in r.to]
    kim.refresh_from_db()
    assert Attempt.objects.filter(lead=kim).count() == 0 and kim.attempt_count == 0
    assert kim.next_action == "contact"
    assert kim in [r.lead for r in agenda_for(alice, timezone.now()).new]
    client.force_login(alice)
    page = client.get(f"/leads/{kim.pk}/").content.decode()
    assert "The plan says let go" not in page


def test_the_acknowledgement_goes_at_once_outside_contact_hours(client, alice, form, smtp_server):
    _hours_away_from_now()  # Saturday night for Gina: contact hours are far off
    gina = _enquire(client, form, "Gina Ruiz", "gina@example.com", "A kitchen, about $8k")
    outbox.send_due()
    receipt = _receipt(gina)
    assert (receipt.state, receipt.error) == (State.SENT, "")
    gina.refresh_from_db()
    assert gina.attempt_count == 0 and gina.next_action == "contact"
    assert gina in [r.lead for r in agenda_for(alice, timezone.now()).new]


def test_an_address_that_opts_out_before_the_send_gets_no_acknowledgement(
    client, form, smtp_server, open_all_day
):
    lead = _enquire(client, form, "Ann Lee", "ann@example.com", "Call me")
    Suppression.objects.create(value="ann@example.com", kind="email", reason="opt_out")
    outbox.send_due()
    assert _receipt(lead).state == State.CANCELLED
    assert "ann@example.com" not in [to for r in smtp_server.received for to in r.to]


def test_the_lead_page_labels_the_owner_alert_as_sent_to_the_owner(
    client, alice, form, smtp_server, open_all_day
):
    kim = _enquire(client, form, "Kim Lau", "kim@example.com", "Water heater quote please")
    outbox.send_due()
    client.force_login(alice)
    page = client.get(f"/leads/{kim.pk}/").content.decode()
    assert "Alert to the owner (alice@example.com) sent: New enquiry: Kim Lau" in page
    assert "Email sent: New enquiry" not in page


def test_a_bounced_acknowledgement_blocks_the_address_but_is_not_a_try(
    client, alice, form, smtp_server, open_all_day
):
    from fairchase.outreach import mailbox
    from tests.outreach.test_mailbox import bounce_of

    r = client.post(
        f"/in/f/{form.key}/",
        {
            "name": "Kim Lau",
            "email": "kim@typo.example",
            "phone": "+12125550140",
            "message": "call me",
        },
        REMOTE_ADDR="203.0.113.9",
    )
    assert r.status_code == 200
    kim = Lead.objects.get(email="kim@typo.example")
    outbox.send_due()
    receipt = _receipt(kim)
    assert receipt.state == State.SENT
    raw = bounce_of(receipt, kim.email)
    inbound = mailbox.handle_mail(raw.encode(), "dsn-receipt")
    assert "acknowledgement bounced" in inbound.effect
    kim.refresh_from_db()
    assert Attempt.objects.filter(lead=kim).count() == 0 and kim.attempt_count == 0
    assert kim.first_response_at is None
    assert Suppression.objects.filter(value="kim@typo.example", reason="bounce").exists()
    # still "respond now", now by phone
    assert kim in [x.lead for x in agenda_for(alice, timezone.now()).new]
    assert (kim.next_action, kim.next_channel) == ("contact", "call")


def test_a_bounced_owner_alert_changes_nothing_on_the_lead(
    client, alice, form, smtp_server, open_all_day
):
    from fairchase.outreach import mailbox
    from tests.outreach.test_mailbox import bounce_of

    kim = _enquire(client, form, "Kim Lau", "kim@example.com", "Quote please")
    outbox.send_due()
    alert = OutboundMessage.objects.get(lead=kim, kind=OutboundMessage.Kind.OWNER_ALERT)
    assert alert.state == State.SENT
    raw = bounce_of(alert, alert.to)
    inbound = mailbox.handle_mail(raw.encode(), "dsn-alert")
    assert "alert to the owner bounced" in inbound.effect
    kim.refresh_from_db()
    assert kim.attempt_count == 0 and not Suppression.objects.exists()
    assert kim in [x.lead for x in agenda_for(alice, timezone.now()).new]
