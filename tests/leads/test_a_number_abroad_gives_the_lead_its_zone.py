"""A lead whose number abroad says its zone (+33 1: Europe/Paris) and who is given no zone is
stored on that zone, however it comes in (typed, imported, an enquiry adding its phone;
the API: tests/api/test_an_api_lead_with_a_number_abroad_gets_its_zone.py), and is then planned on its own clock (eval20 #9). A number whose zone its prefix
does not say (several zones share it) leaves the business's zone, and the lead page says so;
a home number says nothing (the business's zone is the better guess)."""

from __future__ import annotations

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead

PARIS = "+33 1 42 68 53 00"


def test_a_number_in_france_gives_a_new_lead_paris(make_lead, alice):
    assert make_lead(alice, phone=PARIS).timezone == "Europe/Paris"
    assert make_lead(alice, phone="+44 20 7946 0958").timezone == "Europe/London"
    assert make_lead(alice, phone="+49 30 1234567").timezone == "Europe/Berlin"


def test_a_zone_given_is_kept_and_a_home_number_gives_none(make_lead, alice):
    assert make_lead(alice, phone=PARIS, timezone="Asia/Tokyo").timezone == "Asia/Tokyo"
    assert make_lead(alice, phone="+1 312 555 0100").timezone == ""


def test_a_number_whose_prefix_says_several_zones_gives_none_and_the_page_says_so(
    client, make_lead, alice
):
    lead = make_lead(alice, phone="+7 912 345 67 89")  # a Russian mobile: eleven zones
    assert lead.timezone == ""
    client.force_login(alice)
    html = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "Time zone</dt><dd>the business's (number in Russia, time zone not set)" in html
    paris = make_lead(alice, phone=PARIS)
    assert "time zone not set" not in client.get(f"/leads/{paris.pk}/").content.decode()


def test_an_edit_to_a_number_abroad_sets_the_zone_but_one_cleared_by_hand_stays_cleared(
    make_lead, alice
):
    lead = make_lead(alice)
    lead = actions.update_lead(lead, phone="+44 20 7946 0958", timezone="")
    assert lead.timezone == "Europe/London"
    lead = actions.update_lead(lead, name="Lee Park")
    assert Lead.objects.get(pk=lead.pk).timezone == "Europe/London"
    lead = actions.update_lead(lead, timezone="")  # cleared by hand
    assert Lead.objects.get(pk=lead.pk).timezone == ""
    actions.update_lead(lead, phone="+44 20 7946 0958", timezone="")  # the same number again
    assert Lead.objects.get(pk=lead.pk).timezone == ""


def test_an_import_row_with_a_number_in_france_comes_in_on_paris(alice):
    rows = f"Name,Email,Phone\nRenée Dubois,renee.dubois@example.fr,{PARIS}\n"
    import_file(io.BytesIO(rows.encode()), alice, user=alice)
    assert Lead.objects.get(email="renee.dubois@example.fr").timezone == "Europe/Paris"


def test_an_enquiry_adding_a_number_abroad_sets_the_zone(make_lead, alice):
    lead = make_lead(alice, phone="")
    actions.add_enquiry(lead, via="the API", phone=PARIS, message="Still keen")
    assert Lead.objects.get(pk=lead.pk).timezone == "Europe/Paris"


def test_the_lead_is_then_planned_in_its_own_contact_hours(make_lead, alice):
    business = BusinessSettings.current()  # Auckland's 08:00-20:00 is 20:00-08:00 in Paris
    business.business_timezone = "Pacific/Auckland"
    business.save()
    lead = make_lead(alice, phone=PARIS, created_at=timezone.now() - timedelta(days=2))
    actions.log_attempt(lead, "call", "no_answer", at=lead.created_at + timedelta(minutes=1))
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.next_action == "contact", lead.plan_reason
    hour = lead.next_due.astimezone(ZoneInfo("Europe/Paris")).hour
    assert 8 <= hour < 20, lead.next_due
