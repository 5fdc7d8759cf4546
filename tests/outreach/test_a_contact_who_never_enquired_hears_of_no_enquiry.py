"""A cold-outreach or purchased-list contact never enquired: the follow-up, the email after
a voicemail and the mailing-list invitation say nothing to them of "your enquiry" or of an
interest they showed. Someone who enquired still hears of their enquiry and its date. The
shipped templates say so through a migration that keeps a person's edits."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.outreach.drafts import draft_for
from fairchase.outreach.models import MessageTemplate, OutboundMessage
from fairchase.outreach.rendering import lead_values, render

pytestmark = pytest.mark.usefixtures("open_all_day")
COLD = ["cold_outreach", "purchased_list"]


def _tried(make_lead, alice, outcome="no_answer", ago=timedelta(days=6), **fields) -> Lead:
    """A lead called once (`ago`), afresh from the database as a page would read it."""
    lead = make_lead(alice, created_at=timezone.now() - timedelta(days=20), **fields)
    actions.log_attempt(lead, "call", outcome, at=timezone.now() - ago)
    return Lead.objects.get(pk=lead.pk)


def _due_by_email(lead) -> Lead:
    Lead.objects.filter(pk=lead.pk).update(
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    return Lead.objects.get(pk=lead.pk)


def _shipped(purpose, channel="email") -> MessageTemplate:
    return MessageTemplate.objects.get(purpose=purpose, channel=channel)


@pytest.mark.parametrize("source", COLD)
def test_a_cold_contacts_follow_up_says_nothing_of_an_enquiry(client, alice, make_lead, source):
    lead = _due_by_email(_tried(make_lead, alice, name="Cy Dunn", company="Acme", source=source))
    draft = draft_for(lead)
    assert draft.template.purpose == "follow_up" and not draft.error, draft.why
    assert draft.rendered.subject == "Following up, Cy"
    assert "I'm following up to see whether we can help Acme." in draft.rendered.body
    assert "enquir" not in draft.rendered.body + draft.rendered.subject
    client.force_login(alice)
    client.post(f"/o/leads/{lead.pk}/send/", {"template": draft.template.pk})
    sent = OutboundMessage.objects.get(lead=lead)
    assert "enquir" not in sent.subject + sent.body and "help Acme" in sent.body


def test_an_inbound_leads_follow_up_still_names_its_enquiry(alice, make_lead):
    lead = _due_by_email(_tried(make_lead, alice, name="Ann Lee", source="web_form"))
    draft = draft_for(lead)
    assert draft.template.purpose == "follow_up" and not draft.error, draft.why
    day = lead_values(lead)["enquiry_date"]  # on the reader's calendar, as the first answer says
    assert f"I'm following up on your enquiry from {day}. I'd be happy" in draft.rendered.body
    assert "{{" not in draft.rendered.body


@pytest.mark.parametrize("source", COLD)
def test_a_cold_contacts_follow_up_text_says_nothing_of_an_enquiry(alice, make_lead, source):
    lead = _tried(make_lead, alice, name="Cy Dunn", source=source)
    text = _shipped("follow_up", "text")
    rendered = render(text.subject, text.body, lead, "text")
    assert rendered.body.startswith("Hi Cy, it's ") and "enquir" not in rendered.body
    assert "following up to see whether we can help you." in rendered.body
    inbound = render(text.subject, text.body, _tried(make_lead, alice, name="Ann Lee"), "text")
    assert "following up on your enquiry from " in inbound.body


@pytest.mark.parametrize("source", COLD)
def test_the_email_after_a_voicemail_to_a_cold_contact_names_no_enquiry(alice, make_lead, source):
    hour = timedelta(hours=1)  # the email after a voicemail is offered for two days
    lead = _tried(make_lead, alice, "left_message", hour, name="Cy Dunn", source=source)
    draft = draft_for(lead)
    assert draft.template.purpose == "voicemail" and not draft.error, draft.why
    assert "enquir" not in draft.rendered.body
    assert " following up to see whether we can help you." in draft.rendered.body
    inbound = draft_for(_tried(make_lead, alice, "left_message", hour, name="Ann Lee"))
    assert " following up on your enquiry from " in inbound.rendered.body


@pytest.mark.parametrize("source", COLD)
def test_the_mailing_list_invitation_thanks_no_one_for_an_interest_never_shown(
    alice, make_lead, source
):
    lead = _tried(make_lead, alice, name="Cy Dunn", source=source, consents=["mailing_list"])
    invitation = _shipped("mailing_list")
    body = render(invitation.subject, invitation.body, lead).body
    assert "interest" not in body and "enquir" not in body
    assert body.startswith("Hello Cy,\n\nSince you agreed to hear from us now and then, ")


@pytest.mark.parametrize("source", COLD)
def test_the_introduction_to_a_cold_contact_claims_no_enquiry(alice, make_lead, source):
    lead = Lead.objects.get(pk=make_lead(alice, name="Cy Dunn", source=source).pk)
    for channel in ("email", "text"):
        intro = _shipped("introduction", channel)
        rendered = render(intro.subject, intro.body, lead, channel)
        assert "enquir" not in rendered.subject + rendered.body
        assert "interest" not in rendered.body and "thank" not in rendered.body.lower()


def test_the_migration_replaces_only_the_shipped_sentences_and_keeps_edits(db):
    migration = importlib.import_module(
        "fairchase.outreach.migrations.0011_cold_leads_never_enquired"
    )
    shipped = (
        "Hi {{first_name}}. I'm following up on your enquiry from {{enquiry_date}}. Is this "
        "still something you're looking into? PS: mine."
    )
    edited = MessageTemplate.objects.create(
        name="Our follow-up",
        purpose="follow_up",
        subject="Following up on your enquiry",
        body=shipped,
    )
    theirs = MessageTemplate.objects.create(
        name="Their follow-up",
        purpose="follow_up",
        subject="Following up on your enquiry about the roof",
        body="Thanks for your enquiry about the roof! {{opt_out_link}}",
    )
    elsewhere = MessageTemplate.objects.create(
        name="Other",
        purpose="other",
        body="Thank you for your interest earlier. Since you "
        "agreed to hear from us now and then, hello.",
    )
    migration.say_what_is_true(django_apps, None)
    for template in (edited, theirs, elsewhere):
        template.refresh_from_db()
    assert edited.body == "Hi {{first_name}}. I'm {{following_up}}. PS: mine."
    assert edited.subject == "Following up, {{first_name}}"
    assert theirs.subject == "Following up on your enquiry about the roof"
    assert theirs.body == "Thanks for your enquiry about the roof! {{opt_out_link}}"
    assert elsewhere.body.startswith("Thank you for your interest earlier.")
    migration.say_as_before(django_apps, None)
    edited.refresh_from_db()
    assert (edited.subject, edited.body) == ("Following up on your enquiry", shipped)


def test_every_shipped_template_renders_for_a_cold_contact_without_claiming_an_enquiry(
    alice, make_lead
):
    lead = _tried(make_lead, alice, name="Cy Dunn", company="Acme", source="cold_outreach")
    for template in MessageTemplate.objects.exclude(purpose="first_response"):
        if "{{next_step" in template.body or "{{their_words" in template.body:
            # the recap needs an agreed step, the answer their message: neither says
            # anything of an enquiry
            continue
        rendered = render(template.subject, template.body, lead, template.channel)
        assert "enquir" not in rendered.subject + rendered.body, template.name
        assert "interest earlier" not in rendered.body, template.name
