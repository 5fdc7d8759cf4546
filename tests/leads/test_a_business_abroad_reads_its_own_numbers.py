"""eval24 #1: a Berlin business that had set its time zone still had every national number
read as American ("030 1234567": "301 is not an area code in use for a number in US"), so a
German book came in without phones. The home country of phone numbers follows the business's
time zone (Europe/Berlin: Germany), Settings can choose another, and PHONE_REGION on the
server still overrides both (Settings says so). A number of the home country is not abroad."""

from __future__ import annotations

import io

import pytest

from fairchase.intake.importer import import_file
from fairchase.leads.home import home, home_of
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.leads.normalize import (
    InvalidContact,
    country_without_zone,
    display_phone,
    normalize_phone,
    zone_for_phone,
)

ADD = {"name": "Heinz Müller", "phone": "030 1234567", "source": "web_form", "value": "1500"}


def _business_in(zone: str, **more) -> BusinessSettings:
    settings = BusinessSettings.current()
    settings.business_timezone = zone
    for name, value in more.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def test_a_zone_gives_its_country_and_a_zone_of_none_keeps_the_us():
    assert home_of("Europe/Berlin").region == "DE"
    assert home_of("America/Chicago").region == "US"
    assert home_of("Europe/Paris").region == "FR"
    assert home_of("UTC").region == "US" and home_of("Etc/GMT+5").region == "US"
    assert home_of("Europe/Berlin", region="AT").region == "AT"  # Settings' choice first


def test_a_berlin_business_adds_a_national_number_and_gets_its_german_form(client, alice):
    _business_in("Europe/Berlin")
    client.force_login(alice)
    response = client.post("/leads/new/", ADD)
    assert response.status_code == 302, response.content.decode()[:2000]
    lead = Lead.objects.get(name="Heinz Müller")
    assert lead.phone == "+49301234567"
    assert lead.timezone == ""  # a home number says no zone: it is not abroad
    assert zone_for_phone(lead.phone) == "" and country_without_zone(lead.phone) == ""
    assert display_phone(lead.phone) == "030 1234567"  # written as at home, not +49
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "030 1234567" in page


def test_a_berlin_business_imports_its_book_with_its_phones(alice):
    _business_in("Europe/Berlin")
    report = import_file(
        io.BytesIO("Name,Telefon\nHeinz Müller,030 1234567\nÄnne Köhler,0171 2345678\n".encode()),
        alice,
        filename="kunden.csv",
    )
    assert report.warnings == []
    phones = dict(Lead.objects.values_list("name", "phone"))
    assert phones == {"Heinz Müller": "+49301234567", "Änne Köhler": "+491712345678"}


def test_a_refused_number_is_told_as_a_number_of_the_home_country_with_its_example(db):
    _business_in("Europe/Berlin")
    with pytest.raises(InvalidContact) as bad:
        normalize_phone("030 12")
    said = str(bad.value)
    assert "in DE" in said and "+1 312" not in said and "e.g. +49 " in said
    normalize_phone(said.split("e.g. ")[1].rstrip(")."))  # the example itself is valid


def test_a_us_number_is_abroad_for_a_berlin_business(db):
    _business_in("Europe/Berlin")
    assert display_phone("+13125550100") == "+1 312-555-0100"
    assert zone_for_phone("+13125550100") == "America/Chicago"


def test_settings_offer_the_home_country_beside_the_zone_and_it_is_used(client, boss):
    _business_in("Europe/Berlin")
    client.force_login(boss)
    page = client.get("/settings/").content.decode()
    assert 'name="phone_region"' in page and "From the time zone: Germany (+49)" in page
    assert page.index('name="business_timezone"') < page.index('name="phone_region"')
    _business_in("Europe/Berlin", phone_region="FR")
    assert normalize_phone("01 42 68 53 00") == "+33142685300"


def test_phone_region_on_the_server_overrides_settings_and_settings_say_so(client, boss, settings):
    _business_in("Europe/Berlin")
    settings.PHONE_REGION = "AT"
    assert home().region == "AT" and home().region_from_env
    assert normalize_phone("01 5123456") == "+4315123456"
    client.force_login(boss)
    page = client.get("/settings/").content.decode()
    assert "PHONE_REGION=AT overrides this setting" in page
