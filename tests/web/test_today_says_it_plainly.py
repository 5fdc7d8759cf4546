"""Today's wording: only an enquirer's own message is quoted as theirs, a card's wait and
its reason use one unit rule, and phone numbers read as people write them (E.164 stays in
tel: links and in storage)."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from django.utils import timezone

from fairchase.intake.importer import import_file
from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead


def _new_section(client) -> str:
    return client.get("/").content.decode().split('id="section-new"')[1].split("</section>")[0]


def _row(section: str, lead: Lead) -> str:
    return section.split(f'id="row-{lead.pk}"')[1].split("</li>")[0]


def test_only_an_enquirers_own_message_is_quoted_as_their_words(client, alice):
    now = timezone.now()
    csv = f"name,email,source,created\nIan Import,ian@example.com,Website,{now:%Y-%m-%d %H:%M}\n"
    import_file(io.BytesIO(csv.encode()), alice)
    imported = Lead.objects.get(name="Ian Import")
    assert imported.notes == "Source in the imported file: Website" and imported.is_new_enquiry
    form = CaptureForm.objects.create(name="Website", owner=alice)
    client.post(
        f"/in/f/{form.key}/",
        {"name": "Kim Lau", "email": "kim@example.com", "message": "Water heater quote please"},
        REMOTE_ADDR="203.0.113.7",
    )
    kim = Lead.objects.get(name="Kim Lau")
    client.force_login(alice)
    new = _new_section(client)
    assert "“Water heater quote please”" in _row(new, kim)
    assert "Source in the imported file" not in _row(new, imported)
    assert 'class="enquiry"' not in _row(new, imported)


def test_a_cards_wait_and_its_reason_use_the_same_unit(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Waiting", created_at=timezone.now() - timedelta(hours=47))
    assert "waiting 47 h" in lead.plan_reason  # the plan's words
    client.force_login(alice)
    row = _row(_new_section(client), lead)
    waited = re.search(r'class="waited"[^>]*>([^<]*)<', row).group(1)
    assert waited == "waiting 47 h" and "1 day" not in row


def test_phone_numbers_are_shown_for_people_and_linked_in_e164(client, alice, make_lead):
    home = make_lead(alice, name="Ann Home", phone="+13125550100")
    abroad = make_lead(alice, name="Bea Abroad", phone="+442079460958")
    client.force_login(alice)
    new = _new_section(client)
    assert 'href="tel:+13125550100"' in _row(new, home) and "(312) 555-0100" in _row(new, home)
    assert 'href="tel:+442079460958"' in _row(new, abroad)
    assert "+44 20 7946 0958" in _row(new, abroad)
    page = client.get(f"/leads/{home.pk}/").content.decode()
    assert '<a href="tel:+13125550100">(312) 555-0100</a>' in page
    assert Lead.objects.get(pk=home.pk).phone == "+13125550100"  # storage stays E.164


def test_the_owner_alert_email_shows_the_phone_for_people(client, alice):
    from fairchase.outreach.models import OutboundMessage

    form = CaptureForm.objects.create(name="Website", owner=alice)
    client.post(
        f"/in/f/{form.key}/",
        {"name": "Kim Lau", "phone": "+13125550100", "message": "Call me"},
        REMOTE_ADDR="203.0.113.8",
    )
    alert = OutboundMessage.objects.get(kind=OutboundMessage.Kind.OWNER_ALERT)
    assert "(312) 555-0100" in alert.body and "+13125550100" not in alert.body


def test_the_owners_phone_in_a_message_is_written_for_the_reader(alice, make_lead):
    from fairchase.leads.people import profile_of
    from fairchase.outreach.rendering import render

    profile = profile_of(alice)
    profile.phone = "+13125550100"
    profile.save()
    home = make_lead(alice, phone="+12125550199")
    abroad = make_lead(alice, phone="+442079460958")
    assert "(312) 555-0100" in render("", "Call me on {{owner_phone}}", home, "email").body
    assert "+1 312-555-0100" in render("", "Call me on {{owner_phone}}", abroad, "email").body
