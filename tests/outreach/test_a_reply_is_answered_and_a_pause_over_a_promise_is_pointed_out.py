"""After someone writes back asking for something ("can you send the quote this week?"),
the draft offered answers them, quoting what they wrote, instead of the generic follow-up
("I'm following up on your enquiry"), and the automatic worker never sends it in a person's
place. An out-of-office pause over a promise still pending is pointed out on the lead page
("Paused until 14 Dec, but “Call me Thursday at 10” is due Thu 10 Dec: keep it or move it")."""

from __future__ import annotations

import uuid
from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Profile, Status
from fairchase.outreach import drafts, mailbox, outbox
from fairchase.outreach.models import OutboundMessage
from fairchase.outreach.rendering import reader_day

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]
ASKED = "Sorry for the silence! We still want the quote, can you send it this week?"


def _written_to(lead, user, body="Hello\n"):
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Your enquiry", body, user=user)
    state = outbox.send_now(msg)
    msg.refresh_from_db()
    assert state == "sent", msg.error
    msg.refresh_from_db()
    return msg


def _they_write(imap_server, to_msg_id, body, *, subject="Re: Your enquiry", headers=""):
    imap_server.append(
        imap_server.folder,
        f"From: Flo Ortiz <flo@example.com>\nTo: sales@fairchase.test\nSubject: {subject}\n"
        f"Date: {format_datetime(timezone.now())}\nMessage-ID: <{uuid.uuid4().hex}@x.test>\n"
        f"In-Reply-To: {to_msg_id}\nReferences: {to_msg_id}\n{headers}"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}\n",
    )
    mailbox.poll_mailbox()


def _due_by_email(lead) -> Lead:
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    return Lead.objects.get(pk=lead.pk)


def test_a_reply_asking_for_something_is_answered_not_followed_up(
    client, alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Flo Ortiz", email="flo@example.com")
    sent = _written_to(lead, alice)
    _they_write(imap_server, sent.message_id, ASKED)
    lead = _due_by_email(lead)
    assert lead.status == Status.ENGAGED
    draft = drafts.draft_for(lead)
    assert draft.template.purpose == "reply" and not draft.error, draft.why
    assert f"You wrote: “{ASKED}”" in draft.rendered.body
    assert "following up" not in draft.rendered.body
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "can you send it this week?" in page and "I&#x27;m following up" not in page


def test_the_automatic_worker_leaves_the_answer_to_a_person(
    alice, make_lead, smtp_server, imap_server
):
    Profile.objects.filter(user=alice).update(outreach_mode=Profile.Mode.AUTOMATIC)
    lead = make_lead(alice, name="Flo Ortiz", email="flo@example.com")
    _they_write(imap_server, _written_to(lead, alice).message_id, ASKED)
    # our message long enough ago for the worker to write again (drafts.MIN_GAP)
    OutboundMessage.objects.filter(lead=lead).update(
        created_at=timezone.now() - drafts.MIN_GAP - timedelta(hours=1)
    )
    _due_by_email(lead)
    drafts.queue_plan_steps()
    assert not OutboundMessage.objects.filter(lead=lead, state="queued").exists()


def test_once_we_answered_the_follow_up_is_offered_again(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Flo Ortiz", email="flo@example.com")
    sent = _written_to(lead, alice)
    # sent an hour ago: their reply is filed when they wrote it, before our answer below
    hour_ago = timezone.now() - timedelta(hours=1)
    OutboundMessage.objects.filter(pk=sent.pk).update(sent_at=hour_ago, created_at=hour_ago)
    Lead.objects.filter(pk=lead.pk).update(last_attempt_at=hour_ago)
    _they_write(imap_server, sent.message_id, ASKED)
    actions.log_attempt(Lead.objects.get(pk=lead.pk), "call", "talked")  # we answered them
    draft = drafts.draft_for(_due_by_email(lead))
    assert draft is None or draft.template.purpose != "reply"


def test_a_pause_over_a_pending_promise_is_pointed_out(
    client, alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Wes Jones", email="flo@example.com")
    due = timezone.now() + timedelta(days=3)
    actions.add_commitment(lead, by="lead", what="Call me Thursday at 10", due_at=due)
    back = timezone.now() + timedelta(days=7)
    _they_write(
        imap_server,
        _written_to(lead, alice).message_id,
        f"I am out of the office until {back:%-d %B %Y}.",
        subject="Automatic reply: Your enquiry",
        headers="Auto-Submitted: auto-replied\n",
    )
    lead.refresh_from_db()
    assert lead.paused_until is not None
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "but “Call me Thursday at 10” is due" in page and "keep it or move it" in page
    day, until = reader_day(due, lead), reader_day(lead.paused_until, lead)
    assert f"Paused until {until:%-d %b} (out of office)" in page
    assert f"is due {day:%a %-d %b}: keep it or move it." in page


def test_a_promise_after_the_pause_is_not_pointed_out(
    client, alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Wes Jones", email="flo@example.com")
    actions.add_commitment(
        lead, by="lead", what="Call me in two weeks", due_at=timezone.now() + timedelta(days=14)
    )
    back = timezone.now() + timedelta(days=7)
    _they_write(
        imap_server,
        _written_to(lead, alice).message_id,
        f"I am out of the office until {back:%-d %B %Y}.",
        subject="Automatic reply: Your enquiry",
        headers="Auto-Submitted: auto-replied\n",
    )
    client.force_login(alice)
    assert "keep it or move it" not in client.get(f"/leads/{lead.pk}/").content.decode()
