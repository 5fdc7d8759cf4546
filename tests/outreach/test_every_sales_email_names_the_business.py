"""Every message says which business is writing: the shipped emails sign with the business's
name from Settings, the introduction says who the writer is with, and the sales emails
(introduction, follow-up, the door-open goodbye) give the postal address under the opt-out
link, as US CAN-SPAM asks of commercial email. Unset, they read well without them ("from our
team", no empty line), and the Templates page says the address is missing."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from fairchase.leads.models import BusinessSettings, Lead
from fairchase.outreach.models import MessageTemplate
from fairchase.outreach.rendering import PLACEHOLDERS, render

ADDRESS = "12 Main St, Springfield IL 62701"
SALES = ["introduction", "follow_up", "breakup"]


def _business(name="", address=""):
    settings = BusinessSettings.current()
    settings.business_name, settings.postal_address = name, address
    settings.save()


def _rendered(purpose, lead):
    t = MessageTemplate.objects.get(purpose=purpose, channel="email")
    return render(t.subject, t.body, Lead.objects.get(pk=lead.pk))  # as a page reads it


@pytest.mark.parametrize("purpose", SALES)
def test_a_sales_email_signs_with_the_business_and_gives_its_address(alice, make_lead, purpose):
    _business("Acme Roofing", ADDRESS)
    lead = make_lead(alice, name="Tara Quinn", source="cold_outreach")
    body = _rendered(purpose, lead).body
    assert "Alice\nAcme Roofing\n" in body
    opt_out, address = body.rstrip("\n").splitlines()[-2:]
    assert "/o/unsubscribe/" in opt_out and address == ADDRESS


def test_the_introduction_says_who_the_writer_is_with(alice, make_lead):
    _business("Acme Roofing", ADDRESS)
    body = _rendered("introduction", make_lead(alice, name="Tara Quinn")).body
    assert "I'm Alice from Acme Roofing, and I'm getting in touch" in body


@pytest.mark.parametrize(
    "purpose", [*SALES, "first_response", "voicemail", "revisit", "mailing_list"]
)
def test_without_a_name_or_address_the_emails_read_well(alice, make_lead, purpose):
    _business("", "")
    lead = make_lead(alice, name="Tara Quinn", source="cold_outreach")
    body = _rendered(purpose, lead).body
    assert "\n\n\n" not in body and "from ," not in body and "{{" not in body
    assert body.rstrip("\n").splitlines()[-1].count("/o/unsubscribe/") == 1


def test_an_introduction_without_a_business_name_says_our_team(alice, make_lead):
    _business("", "")
    body = _rendered("introduction", make_lead(alice, name="Tara Quinn")).body
    assert "I'm Alice from our team, and I'm getting in touch" in body


def test_both_are_placeholders_an_editor_can_use():
    assert {"business_name", "postal_address"} <= set(PLACEHOLDERS)


def test_the_templates_page_says_when_the_address_is_missing(client, boss):
    client.force_login(boss)
    _business("Acme Roofing", "")
    assert 'id="no-postal-address"' in client.get("/o/templates/").content.decode()
    _business("Acme Roofing", ADDRESS)
    assert 'id="no-postal-address"' not in client.get("/o/templates/").content.decode()


def test_the_settings_page_saves_the_name_and_address(client, boss):
    client.force_login(boss)
    page = client.get("/settings/").content.decode()
    assert 'name="business_name"' in page and 'name="postal_address"' in page
    from fairchase.web.settings_forms import BusinessSettingsForm

    form = BusinessSettingsForm(instance=BusinessSettings.current())
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(form="business", business_name="Acme Roofing", postal_address=ADDRESS)
    data["contact_start"], data["contact_end"] = "08:00", "20:00"
    client.post("/settings/", data)
    settings = BusinessSettings.current()
    assert (settings.business_name, settings.postal_address) == ("Acme Roofing", ADDRESS)


def test_the_migration_keeps_a_rewritten_footer_and_runs_back(db):
    migration = importlib.import_module(
        "fairchase.outreach.migrations.0013_messages_name_the_business"
    )
    edited = MessageTemplate.objects.create(
        name="Mine",
        purpose="follow_up",
        body="Hi.\n\nBest regards,\nOlivia\n\nStop: {{opt_out_link}}\n",
    )
    migration.name_the_business(django_apps, None)  # twice: nothing added twice
    follow_up = MessageTemplate.objects.get(name="Follow-up")
    assert follow_up.body.count("{{postal_address}}") == 1
    assert follow_up.body.count("{{business_name|}}") == 1
    edited.refresh_from_db()
    assert "business_name" not in edited.body and "postal_address" not in edited.body
    migration.say_as_before(django_apps, None)
    follow_up.refresh_from_db()
    assert "business_name" not in follow_up.body and "postal_address" not in follow_up.body
