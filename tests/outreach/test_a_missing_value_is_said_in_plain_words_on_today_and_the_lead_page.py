"""A drafted message that lacks a value (eval22 #3: no phone of yours to sign with) says so in
plain words with a link to where it is added, on Today and the lead page: "{{owner_phone}}"
and "a fallback like {{company|your team}}" are for the Templates page, which keeps them."""

from __future__ import annotations

from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Lead, Profile
from fairchase.leads.people import display_name
from fairchase.outreach.drafts import Draft
from fairchase.outreach.models import MessageTemplate
from fairchase.outreach.rendering import RenderError, render, to_add

PLAIN = 'href="/settings/#id_phone">Add your phone number in Settings (under You)</a>'


def _no_phone_after_a_voicemail(alice, make_lead):
    Profile.objects.filter(user=alice).update(phone="")
    lead = make_lead(alice, name="Ann Parker", email="ann.parker@example.com")
    actions.log_attempt(lead, "call", "left_message", user=alice)  # an email follows it
    client = Client()
    client.force_login(alice)
    return client, lead


def test_the_lead_page_says_where_to_add_your_phone_without_placeholders(alice, make_lead):
    client, lead = _no_phone_after_a_voicemail(alice, make_lead)
    html = client.get(f"/leads/{lead.pk}/").content.decode()
    assert PLAIN + " so this message can sign with it." in html
    assert "{{" not in html and "No value for" not in html


def test_an_owner_viewing_a_teammates_draft_is_told_whose_phone_is_missing(alice, boss, make_lead):
    """Review 21 #9: the phone is the signer's (the lead's owner's); the owner's own Settings
    cannot fix the draft, so it is not offered."""
    _, lead = _no_phone_after_a_voicemail(alice, make_lead)
    make_lead(alice, name="Eve Email", phone="", email="eve@example.com")  # on Today's rows
    client = Client()
    client.force_login(boss)
    name = display_name(alice)
    for page in (f"/leads/{lead.pk}/", "/?owner=all"):
        html = client.get(page).content.decode()
        assert f"{name} has not added a phone number in Settings, which this message" in html, page
        assert PLAIN not in html and "Add your phone number" not in html, page


def test_today_says_it_the_same_way_on_a_new_enquiry_and_after_a_call(alice, make_lead):
    client, _ = _no_phone_after_a_voicemail(alice, make_lead)
    make_lead(alice, name="Eve Email", phone="", email="eve@example.com")  # answered by email
    for page in ("/", "/o/today/after-call/"):
        html = client.get(page).content.decode()
        assert PLAIN in html, page
        assert "{{" not in html and "No value for" not in html


def test_the_templates_page_still_names_the_placeholder(alice, make_lead):
    client, lead = _no_phone_after_a_voicemail(alice, make_lead)
    t = MessageTemplate.objects.get(purpose="voicemail")
    html = client.get(f"/o/templates/{t.pk}/preview/?lead={lead.pk}").content.decode()
    assert "No value for {{owner_phone}}" in html


def test_a_missing_next_step_links_to_the_leads_next_step(alice, make_lead):
    client, lead = _no_phone_after_a_voicemail(alice, make_lead)
    Profile.objects.filter(user=alice).update(phone="+13125550142")
    lead = Lead.objects.get(pk=lead.pk)  # its owner's profile read afresh
    recap = MessageTemplate.objects.get(purpose="recap")
    try:
        render(recap.subject, recap.body, lead)
    except RenderError as exc:
        said = to_add(exc, lead)
    assert [(a.link, a.url) for a in said] == [
        ("Pin the agreed next step on the lead", f"/leads/{lead.pk}/#commitments")
    ]
    assert Draft(recap, "why").to_add == []
