"""A promise of ours is kept by what a person does about it, never by a generic message
(walkthrough 3, finding 4): the automatic worker queues no follow-up while a promise of
ours is pending (the promise is the next step); a template sent (automatic, or a person's
Send on a draft) does not mark it done; Today's promise card offers no generic draft in its
place but the buttons to log what was done; a try logged from the card keeps it; and the
promise to someone who wrote back asking for it tops Today's commitments."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Commitment, Lead, Profile
from fairchase.outreach import drafts, outbox
from fairchase.outreach.models import MessageTemplate, OutboundMessage
from fairchase.web.agenda import agenda_for

PENDING, DONE = Commitment.State.PENDING, Commitment.State.DONE


def _automatic(user):
    Profile.objects.filter(user=user).update(outreach_mode="automatic")


def _promised(lead, what="Call back with the quote", hours=0):
    # the lead came in before our call two days ago
    Lead.objects.filter(pk=lead.pk).update(created_at=timezone.now() - timedelta(days=3))
    actions.log_attempt(lead, "call", "talked", at=timezone.now() - timedelta(days=2))
    c = actions.add_commitment(
        lead, by="us", what=what, due_at=timezone.now() + timedelta(hours=hours)
    )
    # the plan's next step is the promise, by email (what the worker would draft for)
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    return c


def test_the_automatic_worker_queues_no_generic_follow_up_while_our_commitment_is_pending(
    alice, make_lead, open_all_day
):
    _automatic(alice)
    lead = make_lead(alice, name="Quote Waiting")
    c = _promised(lead)
    assert drafts.queue_plan_steps() == 0
    assert not OutboundMessage.objects.filter(lead=lead).exists()
    # the test can fail: once the promise is kept, the plan's emails go out again
    actions.resolve_commitment(c, DONE)
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    assert drafts.queue_plan_steps() == 1


def test_a_template_sent_by_the_worker_or_a_person_does_not_keep_our_commitment(
    client, alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Hugo Tran")
    c = _promised(lead)
    with transaction.atomic():  # the worker's automatic follow-up, queued before the promise
        auto = outbox.queue(lead, "email", "Your enquiry", "Still looking into it?\n")
    assert outbox.send_now(auto) == OutboundMessage.State.SENT
    assert Commitment.objects.get(pk=c.pk).state == PENDING
    # a person's one-click Send on the drafted follow-up (from the lead page)
    client.force_login(alice)
    follow_up = MessageTemplate.objects.get(channel="email", purpose="follow_up", is_active=True)
    client.post(f"/o/leads/{lead.pk}/send/", {"template": follow_up.pk, "next": "lead"})
    assert OutboundMessage.objects.filter(lead=lead, state="sent").count() == 2
    assert lead.attempts.count() == 3  # both sends are tries on the record
    assert Commitment.objects.get(pk=c.pk).state == PENDING
    # a call logged from the promise's card on Today keeps it
    client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "talked", "channel": "call", "row": f"commitment:{c.pk}"},
        HTTP_HX_REQUEST="true",
    )
    assert Commitment.objects.get(pk=c.pk).state == DONE


def test_todays_commitment_card_offers_what_keeps_it_not_the_generic_draft(
    client, alice, make_lead, open_all_day
):
    lead = make_lead(alice, name="Hugo Tran")
    c = _promised(lead)
    client.force_login(alice)
    html = client.get("/").content.decode()
    card = html.split(f'id="commitment-{c.pk}"')[1].split("</li>")[0]
    assert "You promised: Call back with the quote" in card
    assert "send-draft" not in card and "Edit, then send" not in card
    assert 'value="talked"' in card and 'name="state" value="done"' in card
    assert "Do what you promised" in card


def test_a_promise_to_someone_who_wrote_back_asking_for_it_tops_todays_commitments(
    client, alice, make_lead, open_all_day
):
    early = []
    for n in range(3):
        lead = make_lead(alice, name=f"Earlier {n}")
        early.append(_promised(lead, what=f"Call {n}", hours=-3 + n))
    liam = make_lead(alice, name="Liam Diaz")
    mine = _promised(liam, hours=0)
    actions.record_reply(liam, "email", text="Yes, still interested! Could you send the quote?")
    rows = agenda_for(alice, timezone.now()).commitments
    assert [r.commitment.pk for r in rows] == [mine.pk] + [c.pk for c in early]
    assert rows[0].asked and not rows[1].asked
    client.force_login(alice)
    html = client.get("/").content.decode()
    section = html.split('id="section-commitments"')[1].split("</section>")[0]
    assert section.index("Liam Diaz") < section.index("Earlier 0")
    assert "waiting for what you promised" in section


def test_a_message_the_person_writes_keeps_our_commitment_only_when_they_say_so(
    client, alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Quote Quinn")
    c = _promised(lead)
    client.force_login(alice)
    page = client.get(f"/o/leads/{lead.pk}/compose/").content.decode()
    assert "This message keeps my promise: Call back with the quote" in page
    written = {"channel": "email", "subject": "Your quote", "body": "Here it is: $2,400.\n"}
    client.post(f"/o/leads/{lead.pk}/compose/", {**written, "next": "lead"})
    assert Commitment.objects.get(pk=c.pk).state == PENDING  # not ticked: still pending
    # (other words: the same message twice within minutes is refused as a repeated click)
    written["body"] = "Here it is, as promised: $2,400.\n"
    r = client.post(f"/o/leads/{lead.pk}/compose/", {**written, "keeps": "1"}, follow=True)
    assert Commitment.objects.get(pk=c.pk).state == DONE
    assert "Promise kept: Call back with the quote." in r.content.decode()
    assert len(smtp_server.received) == 2
