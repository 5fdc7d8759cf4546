"""review23 #6: the separator was taken from the first line holding any, so a title above
the header with a comma ("Kundenliste, Stand März 2024") made a semicolon file be read by
commas, and the whole file was refused. The separator is the one whose split gives a
header naming lead fields."""

from __future__ import annotations

from fairchase.leads.models import Lead
from tests.intake.importing import import_text


def test_a_semicolon_file_under_a_title_with_a_comma(alice):
    text = (
        "Kundenliste, Stand März 2024\n\n"
        "Name;E-Mail;Telefon\n"
        "Beck Anna;anna.beck@example.de;+49 171 1111111\n"
        "Krug Ole;ole.krug@example.de;+49 171 2222222\n"
    )
    report = import_text(alice, text, encoding="cp1252")
    assert report.created == 2, report.as_dict()
    assert Lead.objects.get(email="anna.beck@example.de").phone == "+491711111111"


def test_a_comma_file_under_a_title_with_a_semicolon(alice):
    text = (
        "Leads; exported 2024-03-01\n\n"
        "Name,Email,Phone\n"
        "Ann Lee,ann@example.com,+1 312 555 0140\n"
        "Bo Li,bo@example.com,+1 312 555 0141\n"
    )
    report = import_text(alice, text, encoding="cp1252")
    assert report.created == 2, report.as_dict()
    assert Lead.objects.get(email="ann@example.com").name == "Ann Lee"
