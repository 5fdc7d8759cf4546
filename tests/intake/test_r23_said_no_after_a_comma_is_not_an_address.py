"""review23 #3: a header not recognised whole was read by its words before the comma, so
"Phone, do not call" became a second phone and "E-Mail, Abmeldung" a second email: the
people they mark were contacted and the report's said-no warning was gone. The rule now
holds only when the words after the comma are a kind of address ("E-Mail, privat")."""

from __future__ import annotations

from fairchase.intake.mapping import detect_mapping
from tests.intake.importing import import_text


def test_said_no_columns_after_a_comma_are_not_read_as_addresses():
    header = ["Name", "Phone, do not call", "Telefon, nicht anrufen", "Email, bounced"]
    header += ["E-Mail, Abmeldung", "Phone, blocked"]
    assert detect_mapping(header)[1][1:] == ["", "", "", "", ""]


def test_a_kind_of_address_after_the_comma_still_reads():
    _, mapping = detect_mapping(["Name", "E-Mail, privat", "Telefon, mobil", "Phone, work"])
    assert mapping == ["name", "email", "phone", "phone"]


def test_the_report_warns_of_the_said_no_columns(alice):
    text = (
        'Name,Email,Phone,"Phone, do not call","E-Mail, Abmeldung"\n'
        "Ann Lee,ann@example.com,+1 312 555 0140,yes,ja\n"
        "Bo Li,bo@example.com,+1 312 555 0141,,\n"
    )
    report = import_text(alice, text)
    said = " ".join(report.as_dict()["warnings"] + report.as_dict()["about"])
    assert "“Phone, do not call” looks like a list of people who said no" in said
    assert "“E-Mail, Abmeldung” looks like a list of people who said no" in said
