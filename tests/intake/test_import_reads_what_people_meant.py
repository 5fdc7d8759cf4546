"""What a newcomer's first import met: dates, duplicate rows, several addresses in one cell,
phone messages and values are read as people meant them, or the report says what to check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.models import ImportJob
from fairchase.intake.rows import RowError, parse_value
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.leads.normalize import PHONE_EXAMPLE, InvalidContact, normalize_phone
from tests.intake.importing import import_text


def _business_in(zone: str) -> None:
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(business_timezone=zone)


def _local_date(lead: Lead, zone: str) -> date:
    from zoneinfo import ZoneInfo

    return lead.created_at.astimezone(ZoneInfo(zone)).date()


def test_a_dotted_date_is_day_first_even_for_a_business_in_chicago(alice):
    _business_in("America/Chicago")
    report = import_text(alice, "name,email,created\nKim Lau,kim@example.com,03.12.2026\n")
    lead = Lead.objects.get(email="kim@example.com")
    assert _local_date(lead, "America/Chicago") == date(2026, 12, 3)
    assert report.warnings == []  # not ambiguous: dots are day first wherever they are used


@pytest.mark.parametrize(
    "zone,expected,order",
    [
        ("America/Chicago", date(2026, 3, 12), "month first"),
        ("Europe/Berlin", date(2026, 12, 3), "day first"),
    ],
)
def test_an_ambiguous_slashed_date_follows_the_business_and_the_report_warns_on_its_line(
    alice, zone, expected, order
):
    _business_in(zone)
    report = import_text(
        alice,
        "name,email,created\nAnn Lee,ann@example.com,2026-01-05\nKim Lau,kim@example.com,03/12/2026\n",
    )
    assert _local_date(Lead.objects.get(email="kim@example.com"), zone) == expected
    [(line, text)] = report.warnings
    assert line == 3 and text.startswith("Kim Lau: enquiry date: '03/12/2026' could be ")
    assert order in text and f"{expected.day} {expected:%B} {expected.year}" in text


def test_an_unambiguous_slashed_date_needs_no_warning(alice):
    _business_in("Europe/Berlin")
    report = import_text(alice, "name,email,created\nKim Lau,kim@example.com,03/13/2026\n")
    assert _local_date(Lead.objects.get(), "Europe/Berlin") == date(2026, 3, 13)
    assert report.warnings == []


def test_the_web_preview_shows_the_dates_and_values_it_read(client, alice):
    _business_in("America/Chicago")
    client.force_login(alice)
    body = "name,email,value,created\nKim Lau,kim@example.com,$1.2k,03/12/2026\n"
    client.post(
        "/in/import/", {"file": SimpleUploadedFile("x.csv", body.encode(), content_type="text/csv")}
    )
    page = client.get(f"/in/import/{ImportJob.objects.get().pk}/").content.decode()
    assert "<th>Enquiry date</th>" in page and "12 March 2026" in page
    assert "$1,200" in page and "could be 12 March or 3 December" in page


def test_a_second_row_for_the_same_person_in_one_file_is_reported_as_the_change_it_made(alice):
    report = import_text(
        alice,
        "name,email,value,notes\n"
        "Ann Lee,ann@example.com,,First call\n"
        "Bob Marsh,bob@example.com,100,\n"
        "Cy Dunn,cy@example.com,200,\n"
        "Ann Lee,ann@example.com,1500,Wants a quote by Friday\n",
    )
    ann = Lead.objects.get(email="ann@example.com")
    assert ann.value == Decimal("1500") and "Wants a quote by Friday" in ann.notes
    assert (report.created, report.updated, report.unchanged) == (3, 1, 0)
    assert report.changes == [(5, "Ann Lee: value none -> 1,500; notes added")]


def test_several_addresses_in_one_cell_keep_the_first_as_the_email_and_the_rest_in_notes(alice):
    report = import_text(
        alice,
        'name,email\nJose Nunez,"jose@example.com; jnunez@example.org"\n'
        'Ann Lee,"ann@example.com, ann.lee@example.net"\n',
    )
    jose = Lead.objects.get(name="Jose Nunez")
    assert jose.email == "jose@example.com" and "jnunez@example.org" in jose.notes
    ann = Lead.objects.get(name="Ann Lee")
    assert ann.email == "ann@example.com" and "ann.lee@example.net" in ann.notes
    assert report.warnings == []


def test_a_refused_phone_number_is_told_what_is_actually_wrong(alice):
    normalize_phone(PHONE_EXAMPLE)  # the example the messages and the help give is valid
    with pytest.raises(InvalidContact) as bad:
        normalize_phone("+1 555 222 3333")
    assert "country code" not in str(bad.value) and "555 is not an area code" in str(bad.value)
    report = import_text(alice, "name,phone\nAnn Lee,+1 555 222 3333\n")
    [(line, text)] = report.warnings
    assert line == 2 and "555 is not an area code" in text and "give its country code" not in text


def test_the_readme_and_the_form_help_give_a_valid_phone_example():
    from pathlib import Path

    from fairchase.web.forms import LeadForm

    help_text = str(LeadForm.base_fields["phone"].help_text)
    assert PHONE_EXAMPLE in help_text
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert "+15551234567" not in readme and "555 123 4567" not in readme


@pytest.mark.parametrize(
    "text,value",
    [("$1.2k", "1200.00"), ("3k", "3000.00"), ("2.5M", "2500000.00"), ("USD 900", "900.00")],
)
def test_values_with_k_and_m_suffixes_are_read(text, value):
    assert str(parse_value(text)) == value


def test_a_value_in_another_currency_is_kept_in_the_notes_with_a_warning(alice):
    report = import_text(alice, "name,email,value\nGina Ruiz,gina@example.com,€800\n")
    gina = Lead.objects.get()
    assert gina.value is None and "Value in the imported file: €800" in gina.notes
    [(line, text)] = report.warnings
    assert line == 2 and "EUR" in text and "not converted" in text


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,200", "1200.00"),
        ("12,345,678.9", "12345678.90"),
        ("$1,200.50", "1200.50"),
        ("1.5k", "1500.00"),
    ],
)
def test_a_comma_is_dropped_only_where_it_groups_thousands(text, value):
    assert str(parse_value(text)) == value


@pytest.mark.parametrize("text", ["1,5k", "1.200,50", "1,20", "12,3456", "1,2,3"])
def test_a_comma_that_groups_no_thousands_is_refused_not_misread(text):
    with pytest.raises(RowError, match="not a number"):
        parse_value(text)


@pytest.mark.parametrize(
    "text,value",
    [("1.200,50", "1200.50"), ("1,5k", "1500.00"), ("12,50", "12.50"), ("1200", "1200.00")],
)
def test_a_business_that_writes_day_first_reads_a_decimal_comma(text, value):
    assert str(parse_value(text, comma_decimal=True)) == value
    with pytest.raises(RowError, match="could be 1.2 or 1200"):
        parse_value("1.200", comma_decimal=True)  # 1.2 or 1200: refused, never guessed


def test_a_misread_value_is_refused_on_its_line_and_the_person_still_imports(alice):
    report = import_text(
        alice, 'name,email,value\nAnn Lee,ann@example.com,"1,5k"\nBo,bo@example.com,900\n'
    )
    assert report.created == 2
    [(line, text)] = report.warnings
    assert line == 2 and "1,5k" in text
    assert Lead.objects.get(email="ann@example.com").value is None
    _business_in("Europe/Berlin")
    report = import_text(alice, 'name,email,value\nCy,cy@example.com,"1.200,50"\n')
    assert report.created == 1 and not report.warnings
    assert str(Lead.objects.get(email="cy@example.com").value) == "1200.50"
