"""The message suggested to someone we never contacted is never the door-open goodbye ("the
last you'll hear from me about your enquiry"): the template follows the attempts made. A new
enquiry the plan lets go is offered its one answer (sending it completes the stop); a contact
who never asked us anything is offered nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status
from fairchase.outreach import drafts

pytestmark = pytest.mark.usefixtures("open_all_day")


def _let_go(lead, **fields):
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed", **fields)
    return Lead.objects.get(pk=lead.pk)


def test_a_new_enquiry_the_plan_lets_go_is_offered_its_answer_not_a_goodbye(alice, make_lead):
    lead = _let_go(make_lead(alice, name="Nat Fox", value=100))
    draft = drafts.draft_for(lead)
    assert draft.template.purpose == "first_response"
    assert "last you'll hear from me" not in draft.rendered.body
    assert "Thank you for getting in touch" in draft.rendered.body


def test_after_one_try_the_lead_let_go_gets_the_door_open_message(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "no_answer", user=alice)
    draft = drafts.draft_for(_let_go(lead))
    assert draft.template.purpose == "breakup" and "the right time" in draft.rendered.body


def test_a_contact_who_never_enquired_and_is_let_go_is_offered_no_message(alice, make_lead):
    lead = make_lead(alice, name="Cold Carl")
    lead = _let_go(lead, revisit_at=timezone.now() + timezone.timedelta(days=30))
    assert not lead.is_new_enquiry and lead.attempt_count == 0
    assert drafts.draft_for(lead) is None


def test_sending_the_answer_to_a_lead_let_go_completes_the_stop(alice, make_lead, smtp_server):
    lead = _let_go(make_lead(alice, name="Nat Fox", value=100))
    draft = drafts.draft_for(lead)
    client = Client()
    client.force_login(alice)
    client.post(f"/o/leads/{lead.pk}/send/", {"template": draft.template.pk})
    lead.refresh_from_db()
    assert lead.status == Status.CLOSED and lead.attempt_count == 1
    (sent,) = smtp_server.received
    assert sent.to == [lead.email]
    assert "Thank you for getting in touch" in sent.message.get_body().get_content()
