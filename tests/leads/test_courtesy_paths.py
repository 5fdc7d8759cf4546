"""Courtesy on the side paths: an opt-out said in person, a second opt-out by another
channel, the calendar feed, the API's agenda, a confirmed message on a closed lead, a reply
to a won lead. Each once let someone who said no be offered or reopened."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from fairchase.intake.calendar import calendar_secret
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Attempt, Lead, Profile, Status, Suppression
from fairchase.outreach import outbox
from fairchase.outreach.actions import confirm_arrived
from fairchase.outreach.inbound import apply
from fairchase.outreach.models import InboundMessage, OutboundMessage
from fairchase.outreach.tokens import make_token


def _blocked() -> set[str]:
    return set(Suppression.objects.values_list("value", flat=True))


def test_an_opt_out_said_on_a_visit_or_a_call_blocks_every_address(alice, make_lead):
    visited = make_lead(alice, email="vi@example.com", phone="+12125550171")
    actions.log_attempt(visited, "visit", "opted_out")
    called = make_lead(alice, email="ca@example.com", phone="+12125550172")
    actions.log_attempt(called, "call", "opted_out")
    assert _blocked() == {"vi@example.com", "+12125550171", "ca@example.com", "+12125550172"}
    # the same person coming back on another record is not offered
    again = make_lead(alice, email="vi@example.com", phone="+12125550171")
    assert again.next_action != "contact"


def test_an_unsubscribe_link_after_a_stop_text_still_blocks_the_email(client, alice, make_lead):
    lead = make_lead(alice, email="st@example.com", phone="+12125550173")
    Lead.objects.filter(pk=lead.pk).update(status=Status.OPTED_OUT)  # opted out before the fix
    token = make_token(lead, "email")
    changes = lead.status_changes.count()
    assert client.post(f"/o/unsubscribe/{token}").status_code == 200
    assert "st@example.com" in _blocked()
    # no second transition: only a row saying she asked again (her own "no", which an
    # owner's "this opt-out was our mistake" must never take back)
    new_rows = list(lead.status_changes.order_by("pk")[changes:])
    assert [(r.old, r.new) for r in new_rows] == [(Status.OPTED_OUT, Status.OPTED_OUT)]
    assert new_rows[0].reason.startswith(actions.ASKED_AGAIN)


def test_the_calendar_feed_offers_no_opted_out_lead_and_no_blocked_address(
    client, alice, make_lead
):
    due = timezone.now() + timedelta(days=1)
    gone = make_lead(alice, name="Gone Person", phone="+12125550174")
    actions.add_commitment(gone, by="lead", what="Call back", due_at=due)
    actions.opt_out(gone)
    customer = make_lead(alice, name="Won Customer", phone="+12125550176")
    actions.mark_won(customer, 900)
    actions.add_commitment(customer, by="us", what="Call about the extras", due_at=due)
    kept = make_lead(alice, name="Kept Person", email="kp@example.com", phone="+12125550175")
    actions.add_commitment(kept, by="us", what="Send the quote", due_at=due)
    actions.suppress("+12125550175", Suppression.Kind.PHONE, "bounce")
    r = client.get(f"/in/calendar/{calendar_secret(Profile.objects.get(user=alice))}.ics")
    events = Calendar.from_ical(r.content).walk("VEVENT")
    text = r.content.decode()
    assert "Gone Person" not in text and "+12125550174" not in text
    assert any("Kept Person" in str(ev["SUMMARY"]) for ev in events)
    assert any("Won Customer" in str(ev["SUMMARY"]) for ev in events)  # a promise still kept
    assert "+12125550175" not in text and "mailto:kp@example.com" in text


def test_confirming_a_message_arrived_never_reopens_a_closed_lead(alice, make_lead):
    lead = make_lead(alice)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi there.\n", user=alice)
    # the worker died mid-send; meanwhile the lead was closed
    OutboundMessage.objects.filter(pk=msg.pk).update(
        state=OutboundMessage.State.UNKNOWN, claimed_at=timezone.now()
    )
    actions.stop_chasing(lead, Status.CLOSED, user=alice, reason="Not interested")
    assert confirm_arrived(OutboundMessage.objects.get(pk=msg.pk), alice)
    lead.refresh_from_db()
    assert lead.status == Status.CLOSED and not Attempt.objects.filter(lead=lead).exists()
    assert OutboundMessage.objects.get(pk=msg.pk).state == OutboundMessage.State.SENT


def test_a_not_interested_reply_from_a_customer_keeps_the_sale(alice, make_lead):
    lead = make_lead(alice)
    actions.mark_won(lead, 2500)
    inbound = InboundMessage.objects.create(
        key="won-1",
        lead=lead,
        channel="email",
        sender=lead.email,
        text="Not interested in the extras, thanks.",
        received_at=timezone.now(),
        kind=InboundMessage.Kind.NOT_INTERESTED,
    )
    said = apply(inbound, alice)
    lead.refresh_from_db()
    assert lead.status == Status.WON and lead.won_value == 2500
    assert "nothing changed" in said


def test_a_capture_webhook_sent_as_plain_text_with_broken_unicode_is_a_400(client, alice):
    form = CaptureForm.objects.create(name="Website", owner=alice)
    r = client.post(
        f"/in/f/{form.webhook_key}/json/",
        '{"name": "\\ud800x", "email": "a@b.co"}',
        content_type="text/plain",
        REMOTE_ADDR="203.0.113.9",
    )
    assert r.status_code == 400 and "Unicode" in r.json()["error"]


def test_a_subject_with_a_newline_is_queued_on_one_line(alice, make_lead):
    lead = make_lead(alice)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Your quote\r\nBcc: x@evil.test", "Hi.\n", user=alice)
    assert msg.subject == "Your quote Bcc: x@evil.test"
