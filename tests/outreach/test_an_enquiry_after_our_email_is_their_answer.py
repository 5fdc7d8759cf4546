"""A person we already emailed who enquires again through the web form is answering us:
recorded as an inbound reply is (`record_reply`), our email is marked `replied` (what
`fit` learns) and the lead is engaged, on top of Today. The same when the email was left
`unknown` by a worker that died and a person confirms it arrived only after the enquiry:
the enquiry came after our email went, so it is still their answer, not a no-answer try
followed by follow-up timing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Attempt, Status
from fairchase.outreach import actions as message_actions
from fairchase.outreach import claiming, outbox
from fairchase.outreach.models import OutboundMessage

State = OutboundMessage.State


def _enquire_again(client, owner) -> None:
    form = CaptureForm.objects.create(name="Website", owner=owner)
    r = client.post(
        f"/in/f/{form.key}/",
        {"name": "Ann Lee", "email": "ann@lee.example", "message": "Any news on my quote?"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert r.status_code == 200 and b"Thank you" in r.content


def test_an_enquiry_after_our_sent_email_marks_it_replied(
    client, alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(
        alice,
        name="Ann Lee",
        email="ann@lee.example",
        created_at=timezone.now() - timedelta(hours=3),
    )
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Your quote", "Hi Ann,\n", user=alice)
    assert outbox.send_now(msg) == State.SENT
    _enquire_again(client, alice)
    attempt = Attempt.objects.get(lead=lead)
    lead.refresh_from_db()
    assert attempt.outcome == "replied"
    assert lead.status == Status.ENGAGED and lead.responded_at is not None
    assert lead.attempt_count == 1 and lead.next_action == "contact"


def test_an_email_confirmed_after_the_enquiry_is_marked_replied(
    client, alice, make_lead, smtp_server, open_all_day
):
    now = timezone.now()
    lead = make_lead(
        alice, name="Ann Lee", email="ann@lee.example", created_at=now - timedelta(hours=3)
    )
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Your quote", "Hi Ann,\n", user=alice)
    assert claiming.claim(msg.pk, now=now - timedelta(hours=2)) == msg.pk
    assert claiming.recover_abandoned() == 1  # the worker died: left unknown
    _enquire_again(client, alice)
    enquired_at = lead.status_changes.get(reason__startswith="New enquiry through").at

    assert message_actions.confirm_arrived(msg, alice)
    attempt = Attempt.objects.get(lead=lead)
    lead.refresh_from_db()
    assert (attempt.at, attempt.outcome) == (now - timedelta(hours=2), "replied")
    assert lead.status == Status.ENGAGED and lead.responded_at == enquired_at
    assert lead.attempt_count == 1 and lead.last_attempt_at == attempt.at
    assert lead.next_action == "contact"  # respond now, not a follow-up later
    engaged = lead.status_changes.get(new=Status.ENGAGED, old=Status.OPEN)
    assert engaged.at == enquired_at  # on the timeline when they wrote, not when we did


def test_a_try_after_the_enquiry_is_not_its_answer(alice, make_lead, open_all_day):
    """A try of ours dated after they wrote in is not answered by it: it stays no answer."""
    from fairchase.leads import actions

    now = timezone.now()
    lead = make_lead(alice, name="Ann Lee", created_at=now - timedelta(hours=3))
    actions.add_enquiry(lead, via="web form", message="Still there?", at=now - timedelta(hours=2))
    attempt = actions.log_attempt(lead, "call", "no_answer", at=now - timedelta(hours=1))
    lead.refresh_from_db()
    assert attempt.outcome == "no_answer" and lead.status == Status.OPEN
