"""A message's words are signed by the lead's owner when it was written (name, phone), its
From is the owner when it goes. So a lead reassigned (one by one, or "Reassign all" of a
leaver's) cancels what was queued for it, by a person or automatically, saying who wrote it
and whose the lead is now, on the Outbox and the lead page; "Send now anyway" and "Send
again" never send a message written before the lead changed hands; the new owner's Today
offers a message of their own instead of saying one is queued."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, StatusChange
from fairchase.outreach import actions as message_actions
from fairchase.outreach import outbox
from fairchase.outreach.models import MessageTemplate, OutboundMessage

State = OutboundMessage.State
WHY = "Written by Alice, the lead now belongs to Bob: write it again."


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _first_response(lead, user):
    """A click on Send of the first-response draft, held for tomorrow (as on a Sunday)."""
    template = MessageTemplate.objects.filter(purpose="first_response", channel="email").first()
    body = f"Thank you for getting in touch.\n\nBest regards,\n{user.first_name}\n"
    with transaction.atomic():
        return outbox.queue(
            lead,
            "email",
            "Your enquiry",
            body,
            template=template,
            user=user,
            due_at=timezone.now() + timedelta(days=1),
            as_drafted=True,
        )


def test_reassigning_a_lead_cancels_the_message_its_former_owner_queued(
    alice, bob, boss, make_lead
):
    lead = make_lead(alice)
    msg = _first_response(lead, alice)
    assert "Alice" in msg.body  # signed by her
    actions.reassign(Lead.objects.get(pk=lead.pk), bob, user=boss)
    msg.refresh_from_db()
    assert msg.state == State.CANCELLED
    assert msg.error == WHY
    assert msg.changes.last().reason == WHY
    assert StatusChange.objects.filter(lead=lead, reason=f"1 queued message cancelled. {WHY}")
    assert WHY in _client(boss).get("/o/outbox/").content.decode()
    assert WHY in _client(bob).get(f"/leads/{lead.pk}/").content.decode()


def test_reassign_all_of_a_leavers_leads_cancels_her_queued_message_and_today_offers_a_new_one(
    alice, bob, boss, make_lead
):
    lead = make_lead(alice, created_at=timezone.now())  # a new enquiry
    msg = _first_response(lead, alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    _client(boss).post("/leads/reassign-all/", {"leaver": alice.pk, "owner": bob.pk})
    assert Lead.objects.get(pk=lead.pk).owner == bob
    msg.refresh_from_db()
    assert msg.state == State.CANCELLED and msg.error == WHY
    Lead.objects.filter(pk=lead.pk).update(  # Bob's plan: answer by email now
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    today = _client(bob).get("/").content.decode()
    assert "Email queued" not in today  # no first response on its way
    assert "Send email" in today  # Bob writes his own


def test_send_now_anyway_and_send_again_never_send_a_message_written_before_a_reassignment(
    alice, bob, boss, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice)
    msg = _first_response(lead, alice)
    # a send that failed before the reassignment: the reassignment leaves it for a person
    message_actions.move(msg, State.QUEUED, State.FAILED, "Refused by the server", error="550")
    actions.reassign(Lead.objects.get(pk=lead.pk), bob, user=boss)
    assert OutboundMessage.objects.get(pk=msg.pk).state == State.FAILED
    html = _client(boss).get("/o/outbox/").content.decode()
    assert f"Not to be sent: {WHY}" in html
    r = _client(boss).post(f"/o/outbox/{msg.pk}/settle/", {"decision": "resend"}, follow=True)
    assert f"Not sent: {WHY}" in r.content.decode()
    # a click from a page opened before the check: the worker's recheck cancels it
    with transaction.atomic():
        message_actions.move(msg, State.FAILED, State.QUEUED, "test", override=True, error="")
    assert outbox.send_now(OutboundMessage.objects.get(pk=msg.pk)) == State.CANCELLED
    assert OutboundMessage.objects.get(pk=msg.pk).error == WHY
    assert smtp_server.received == []


def test_a_message_the_new_owner_writes_goes(alice, bob, make_lead, smtp_server, open_all_day):
    lead = make_lead(alice)
    lead = actions.reassign(Lead.objects.get(pk=lead.pk), bob)
    msg = _first_response(lead, bob)
    assert "Bob" in msg.body
    OutboundMessage.objects.filter(pk=msg.pk).update(due_at=timezone.now())
    assert outbox.send_now(msg) == State.SENT


def test_reassigning_a_lead_to_its_own_owner_cancels_nothing(alice, make_lead):
    lead = make_lead(alice)
    msg = _first_response(lead, alice)
    actions.reassign(Lead.objects.get(pk=lead.pk), alice)
    assert OutboundMessage.objects.get(pk=msg.pk).state == State.QUEUED


def test_a_message_written_by_the_owner_the_lead_came_back_to_may_go_again(
    alice, bob, make_lead, smtp_server, open_all_day, django_capture_on_commit_callbacks
):
    lead = make_lead(alice)
    msg = _first_response(lead, alice)
    message_actions.move(msg, State.QUEUED, State.FAILED, "Refused by the server", error="550")
    lead = actions.reassign(Lead.objects.get(pk=lead.pk), bob)
    actions.reassign(lead, alice)  # a slip, put right: signed by Alice, From Alice
    with django_capture_on_commit_callbacks(execute=True):
        assert message_actions.send_again(OutboundMessage.objects.get(pk=msg.pk), alice)
    assert OutboundMessage.objects.get(pk=msg.pk).state == State.SENT


def test_two_people_of_one_name_are_told_apart_by_who_signed_the_message(
    alice, bob, boss, make_lead, smtp_server, open_all_day, django_capture_on_commit_callbacks
):
    bob.first_name = "Alice"  # two Alices on one team
    bob.save(update_fields=["first_name"])
    lead = make_lead(alice)
    msg = _first_response(lead, alice)
    assert msg.signed_by == alice
    message_actions.move(msg, State.QUEUED, State.FAILED, "Refused by the server", error="550")
    actions.reassign(Lead.objects.get(pk=lead.pk), bob, user=boss)
    why = "Written by Alice, the lead now belongs to Alice: write it again."
    assert f"Not to be sent: {why}" in _client(boss).get("/o/outbox/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        message_actions.send_again(OutboundMessage.objects.get(pk=msg.pk), boss)
    assert OutboundMessage.objects.get(pk=msg.pk).state == State.CANCELLED
    assert OutboundMessage.objects.get(pk=msg.pk).error == why
    assert smtp_server.received == []


def test_a_timeline_row_that_reads_like_a_reassignment_blocks_nothing(
    alice, make_lead, smtp_server, open_all_day, django_capture_on_commit_callbacks
):
    lead = make_lead(alice)
    msg = _first_response(lead, alice)
    message_actions.move(msg, State.QUEUED, State.FAILED, "Refused by the server", error="550")
    # words a person typed (a stop's reason), not a change of hands: the lead is still Alice's
    actions.note_on_timeline(lead, "Reassigned from Tom to Ann")
    with django_capture_on_commit_callbacks(execute=True):
        assert message_actions.send_again(OutboundMessage.objects.get(pk=msg.pk), alice)
    assert OutboundMessage.objects.get(pk=msg.pk).state == State.SENT
