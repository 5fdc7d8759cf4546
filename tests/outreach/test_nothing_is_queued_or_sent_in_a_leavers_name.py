"""Someone who leaves (deactivated) sends nothing more: the automatic step queues nothing
for their leads, what was queued before they left is cancelled at send time, a reassigned
lead's automatic messages (signed by the former owner) are cancelled, and nobody else sends
to a leaver's lead (it would be signed with the leaver's name) until it is reassigned. A
new-enquiry alert queued for someone who then left goes to the business owner instead."""

from __future__ import annotations

from django.db import transaction
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Profile, StatusChange
from fairchase.outreach import drafts, outbox, refusals
from fairchase.outreach.models import MessageChange, MessageTemplate, OutboundMessage

State = OutboundMessage.State


def _automatic(user):
    Profile.objects.filter(user=user).update(outreach_mode="automatic")


def _due_now(lead):
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )


def _leaves(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def test_the_automatic_step_queues_nothing_for_a_deactivated_owner(alice, make_lead):
    _automatic(alice)
    lead = make_lead(alice)
    _due_now(lead)
    _leaves(alice)
    assert drafts.queue_plan_steps() == 0
    assert not OutboundMessage.objects.exists()


def test_a_leavers_left_message_queues_no_voicemail_email(alice, make_lead):
    _automatic(alice)
    lead = make_lead(alice)
    _leaves(alice)
    actions.log_attempt(lead, "call", "left_message")
    assert not OutboundMessage.objects.exists()


def test_a_message_queued_before_the_owner_left_is_cancelled_by_the_worker_not_sent(
    alice, make_lead, smtp_server, open_all_day
):
    _automatic(alice)
    lead = make_lead(alice)
    _due_now(lead)
    assert drafts.queue_plan_steps() == 1
    _leaves(alice)
    assert outbox.send_due() == 1
    msg = OutboundMessage.objects.get()
    assert msg.state == State.CANCELLED
    assert "no longer works here" in msg.error
    assert smtp_server.received == []


def test_a_send_scheduled_by_a_person_who_then_left_is_cancelled(
    alice, boss, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi, Alice here.\n", user=alice)
    _leaves(alice)
    assert outbox.send_due() == 1
    assert OutboundMessage.objects.get(pk=msg.pk).state == State.CANCELLED
    assert smtp_server.received == []
    # once the lead is someone's who still works here, they write to it
    lead = actions.reassign(Lead.objects.get(pk=lead.pk), boss, user=boss)
    with transaction.atomic():
        mine = outbox.queue(lead, "email", "Hello", "Boss here.\n", user=boss)
    assert outbox.send_now(mine) == State.SENT


def test_reassigning_a_lead_cancels_the_automatic_messages_queued_in_the_former_owners_name(
    alice, bob, make_lead
):
    _automatic(alice)
    lead = make_lead(alice)
    _due_now(lead)
    assert drafts.queue_plan_steps() == 1
    actions.reassign(Lead.objects.get(pk=lead.pk), bob)
    assert OutboundMessage.objects.get().state == State.CANCELLED


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_nobody_sends_to_a_leavers_lead_in_the_leavers_name_until_it_is_reassigned(
    alice, boss, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, created_at=timezone.now())  # a new enquiry: answer it now
    _due_now(lead)  # by email
    today = f"/?owner={alice.pk}"
    assert "Send email" in _client(boss).get(today).content.decode()  # while alice is here
    _leaves(alice)
    html = _client(boss).get(today).content.decode()  # her Today: no day, her leads to hand on
    assert "Send email" not in html
    assert "Alice no longer works here: reassign their 1 lead." in html
    html = _client(boss).get("/?owner=all").content.decode()  # her lead among everyone's
    assert "Send email" not in html
    assert "Alice no longer works here: reassign the lead first." in html
    assert f'href="/#leaver-{alice.pk}"' in html  # the bulk reassign of her leads
    page = _client(boss).get(f"/leads/{lead.pk}/").content.decode()
    assert "Not contacted: Alice no longer works here: reassign the lead first." in page
    assert 'href="#reassign"' in page and 'id="reassign"' in page
    assert not refusals.previewable(Lead.objects.all(), "email").exists()  # pickers skip it
    template = MessageTemplate.objects.filter(purpose="first_response", channel="email").first()
    r = _client(boss).post(f"/o/leads/{lead.pk}/send/", {"template": template.pk})
    assert r.status_code == 302
    assert smtp_server.received == [] and not OutboundMessage.objects.exists()
    compose = _client(boss).get(f"/o/leads/{lead.pk}/compose/", follow=True)
    assert "reassign the lead first" in compose.content.decode()
    # reassigned to boss: the draft is back, signed by boss
    actions.reassign(Lead.objects.get(pk=lead.pk), boss, user=boss)
    r = _client(boss).post(f"/o/leads/{lead.pk}/send/", {"template": template.pk})
    assert OutboundMessage.objects.get().state == State.SENT
    body = smtp_server.received[0].message.get_body().get_content()
    assert "Boss" in body and "Alice" not in body


def test_the_worker_cancels_a_persons_send_to_a_lead_whose_owner_then_left(
    alice, boss, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi, from Alice's team.\n", user=boss)
    _leaves(alice)
    assert outbox.send_due() == 1
    msg.refresh_from_db()
    assert msg.state == State.CANCELLED
    assert msg.error == "Alice no longer works here: reassign the lead first."
    assert smtp_server.received == []
    outbox_page = _client(boss).get("/o/outbox/").content.decode()
    assert "Alice no longer works here: reassign the lead first." in outbox_page


def test_a_new_enquiry_alert_for_an_owner_who_then_left_goes_to_the_business_owner(
    alice, boss, make_lead, smtp_server
):
    lead = make_lead(alice)
    with transaction.atomic():
        alert = outbox.queue_owner_alert(lead, "New enquiry: Lead", "Respond now.\n")
    assert alert.to == "alice@example.com"
    _leaves(alice)
    assert outbox.send_due() == 1
    alert.refresh_from_db()
    assert alert.state == State.SENT and alert.to == "boss@example.com"
    assert [m.to for m in smtp_server.received] == [["boss@example.com"]]
    said = "New-enquiry alert sent to Boss instead: Alice no longer works here."
    assert StatusChange.objects.filter(lead=lead, reason=said).exists()
    assert MessageChange.objects.filter(message=alert, reason=said).exists()


def test_a_new_enquiry_alert_for_a_leaver_with_nobody_to_take_it_is_cancelled(
    alice, make_lead, smtp_server
):
    lead = make_lead(alice)
    with transaction.atomic():
        alert = outbox.queue_owner_alert(lead, "New enquiry: Lead", "Respond now.\n")
    _leaves(alice)  # no admin, no superuser: nobody who still works here takes it
    assert outbox.send_due() == 1
    alert.refresh_from_db()
    assert alert.state == State.CANCELLED
    assert "Alice no longer works here" in alert.error
    assert smtp_server.received == []
