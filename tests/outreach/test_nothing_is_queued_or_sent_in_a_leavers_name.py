"""Someone who leaves (deactivated) sends nothing more: the automatic step queues nothing
for their leads, what was queued before they left is cancelled at send time, and a
reassigned lead's automatic messages (signed by the former owner) are cancelled."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Profile
from fairchase.outreach import drafts, outbox
from fairchase.outreach.models import OutboundMessage

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
    # a person who still works here may write to the leaver's lead
    with transaction.atomic():
        mine = outbox.queue(
            Lead.objects.get(pk=lead.pk), "email", "Hello", "Boss here.\n", user=boss
        )
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
