"""The Outbox never offers "Send again" or "Send now anyway" for a message to someone we may
no longer write to (opted out, or the address suppressed, since it was queued), and a click
on such a button from a page opened before says why nothing is sent. Before, the buttons
stayed, and a click said "Sending again." while the worker cancelled it behind the scenes."""

from __future__ import annotations

from fairchase.leads import actions
from fairchase.outreach import actions as message_actions
from fairchase.outreach import claiming, outbox
from fairchase.outreach.models import OutboundMessage

from .test_sending import _queue

State = OutboundMessage.State


def _unknown(lead, user) -> OutboundMessage:
    """A message the worker died sending: a person must settle it."""
    msg = _queue(lead, user)
    assert claiming.claim() == msg.pk
    assert message_actions.move(msg, State.SENDING, State.UNKNOWN, "worker died")
    return msg


def test_no_resend_is_offered_or_done_for_someone_who_opted_out_since(
    client, alice, make_lead, smtp_server
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    make_lead(alice, name="Cy Young")  # Today has a plan (its panel shows what to settle)
    msg = _unknown(lead, alice)
    client.force_login(alice)
    assert 'value="resend"' in client.get("/o/outbox/").content.decode()  # (can fail)
    actions.opt_out(lead, user=alice)
    page = client.get("/o/outbox/").content.decode()
    row = page.split(f'id="message-{msg.pk}"')[1].split("</tr>")[0]
    assert 'value="resend"' not in row and 'value="sent"' in row  # "It arrived" stays
    for url, where in (
        ("/", f'id="unknown-{msg.pk}"'),
        (f"/leads/{lead.pk}/", f'id="outbound-{msg.pk}"'),
    ):
        html = client.get(url).content.decode()
        assert where in html, url
        item = html.split(where)[1].split("</li>")[0]
        assert 'value="sent"' in item and 'value="resend"' not in item, url
    r = client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "resend"}, follow=True)
    text = r.content.decode()
    assert "Not sent: The lead opted out." in text and "Sending again" not in text
    msg.refresh_from_db()
    assert msg.state == State.UNKNOWN and smtp_server.received == []


def test_no_send_now_anyway_for_an_address_suppressed_since(client, alice, make_lead, smtp_server):
    from .test_sending import _hours_away_from_now

    _hours_away_from_now()
    lead = make_lead(alice, name="Bob Stone", email="bob@example.com")
    msg = _queue(lead, alice)
    outbox.send_now(msg)  # outside contact hours: held
    msg.refresh_from_db()
    assert msg.held
    client.force_login(alice)
    assert 'value="override"' in client.get("/o/outbox/").content.decode()  # held: offered
    actions.suppress("bob@example.com", "email", "bounce")
    assert 'value="override"' not in client.get("/o/outbox/").content.decode()
    r = client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "override"}, follow=True)
    assert "Not sent: This address asked not to be contacted (or bounced)." in r.content.decode()
    assert smtp_server.received == []


def test_the_lead_page_offers_no_resend_to_an_address_that_bounced_since(
    client, alice, make_lead, smtp_server
):
    """The lead is still reachable by phone, so the page's own refusal is empty: the row's
    Send again is decided by its message's address, as in the Outbox."""
    lead = make_lead(alice, name="Dee Moss", email="dee@example.com", phone="+13125550188")
    msg = _unknown(lead, alice)
    client.force_login(alice)
    actions.suppress("dee@example.com", "email", "bounce")
    html = client.get(f"/leads/{lead.pk}/").content.decode()
    item = html.split(f'id="outbound-{msg.pk}"')[1].split("</li>")[0]
    assert 'value="sent"' in item and 'value="resend"' not in item
