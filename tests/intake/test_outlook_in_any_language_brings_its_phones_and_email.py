"""Outlook exported in German brought nobody's phone ("Mobiltelefon", "Telefon
geschäftlich", "Telefon privat"), in French nobody's email ("Adresse de messagerie"), and
in English only "Mobile Phone" of its phones. Its headers in each language are read now; of
several phone columns the lead's number is a plain or primary one, then the mobile, then a
business line, then home, each a fallback when the one before is empty. A row whose only
address sits in a column no field reads is said of the file."""

from __future__ import annotations

import io

import pytest

from fairchase.intake.importer import import_file
from fairchase.intake.mapping import detect_mapping
from fairchase.leads.models import Lead

DE = (
    '"Anrede","Vorname","Nachname","Firma","E-Mail-Adresse","E-Mail 2: Adresse",'
    '"Telefon geschäftlich","Telefon privat","Mobiltelefon","Notizen"\n'
    '"Herr","Jens","Hahn","Hahn KG","jens@example.de","","+49 40 1111111","+49 40 2222222",'
    '"+49 171 3333333","Rückruf"\n'
    '"Frau","Ute","Berg","","ute@example.de","","+49 40 4444444","+49 40 5555555","",""\n'
    '"Frau","Ina","Dorn","","ina@example.de","","","+49 40 6666666","",""\n'
)
FR = (
    '"Prénom","Nom","Adresse de messagerie","Téléphone (bureau)","Tél. mobile","Société"\n'
    '"Luc","Martin","luc@example.fr","+33 1 42 68 53 00","+33 6 12 34 56 78","Martin SA"\n'
)
ES = (
    '"Nombre","Apellidos","Dirección de correo electrónico","Teléfono del trabajo",'
    '"Teléfono de casa","Teléfono móvil","Organización"\n'
    '"Ana","Ruiz","ana@example.es","+34 912 345 678","","","Ruiz SL"\n'
)
EN = (
    '"First Name","Last Name","E-mail Address","Home Phone","Business Phone",'
    '"Mobile Phone","Primary Phone"\n'
    '"Ines","Brandt","ines@example.de","","+49 40 3333333","",""\n'
    '"Olaf","Frei","olaf@example.de","+49 40 7777777","","",""\n'
)


def _import(alice, text: str, encoding: str = "cp1252"):
    return import_file(io.BytesIO(text.encode(encoding)), alice, filename="outlook.csv")


def test_german_outlook_brings_the_mobile_then_the_business_then_the_home_number(alice):
    report = _import(alice, DE)
    assert (report.created, report.bad) == (3, 0), report.as_dict()
    phones = dict(Lead.objects.values_list("email", "phone"))
    assert phones == {
        "jens@example.de": "+491713333333",
        "ute@example.de": "+49404444444",
        "ina@example.de": "+49406666666",
    }


def test_french_outlook_brings_the_email_and_the_mobile(alice):
    report = _import(alice, FR)
    assert report.created == 1, report.as_dict()
    luc = Lead.objects.get()
    assert (luc.email, luc.phone) == ("luc@example.fr", "+33612345678")


def test_spanish_outlook_brings_the_email_and_the_work_number(alice):
    report = _import(alice, ES, "utf-8")
    assert report.created == 1, report.as_dict()
    ana = Lead.objects.get()
    assert (ana.name, ana.email, ana.phone) == ("Ana Ruiz", "ana@example.es", "+34912345678")


def test_english_outlooks_business_and_home_phones_are_read(alice):
    report = _import(alice, EN)
    assert report.created == 2, report.as_dict()
    assert dict(Lead.objects.values_list("name", "phone")) == {
        "Ines Brandt": "+49403333333",
        "Olaf Frei": "+49407777777",
    }


@pytest.mark.parametrize(
    "header", ["Mobiltelefon", "Telefon geschäftlich", "Tél. mobile", "Business Phone"]
)
def test_each_outlook_phone_header_is_a_phone(header):
    assert detect_mapping(["Name", header])[1] == ["name", "phone"]


def test_a_rows_only_address_in_an_unread_column_is_said(alice):
    text = (
        "Name,Email,Kontakt,Fax nr,Kundennummer,Seit\n"
        "Ann Lee,,ann@example.com,,4711001,2019-04-03\n"
        "Bo Li,bo@example.com,,,4711002,\n"
        "Cy Wu,,cy@example.com,+49 30 1234567,4711003,\n"
    )
    report = _import(alice, text)
    said = " ".join(report.about)
    assert "Column “Kontakt” is not read, but 2 rows with no email address have one" in said
    assert "Column “Fax nr” is not read, but 1 row with no phone number has one" in said
    assert "Column “Kundennummer” is not read, but" not in said  # a number, not a phone
    assert "Column “Seit” is not read, but" not in said  # a date


def test_the_mapping_page_says_it_too(client, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fairchase.intake.models import ImportJob

    client.force_login(alice)
    data = b"Name,Email,Kontakt\nAnn Lee,,ann@example.com\n"
    client.post("/in/import/", {"file": SimpleUploadedFile("k.csv", data)})
    page = client.get(f"/in/import/{ImportJob.objects.get().pk}/").content.decode()
    assert "Column “Kontakt” is not read, but 1 row with no email address has one" in page
