"""review23 #5: a plain number beside a normal name (a customer number, a deal value) made
the last rows of a file "surely totals", and those people were dropped. Only a formula, a
total word or a name that is a count makes a row surely a total."""

from __future__ import annotations

from fairchase.leads.models import Lead
from tests.intake.importing import import_text


def test_a_customer_number_beside_the_last_person_keeps_the_person(alice):
    text = (
        "Kundennr;Name;Telefon\n"
        "10233;Beck Anna;+49 171 1111111\n"
        "10234;Krug Ole;+49 171 2222222\n"
        "10235;Paul Weber;\n"
    )
    report = import_text(alice, text)
    assert "Paul Weber" in set(Lead.objects.values_list("name", flat=True))
    assert report.created == 3 and report.errors == []


def test_a_value_beside_the_last_people_keeps_them(alice):
    text = "Name,Email,Value\nAnn Lee,ann@example.com,1200\nBo Li,,800\nCy Ng,,950\n"
    report = import_text(alice, text)
    assert set(Lead.objects.values_list("name", flat=True)) == {"Ann Lee", "Bo Li", "Cy Ng"}
    assert report.errors == []


def test_a_total_word_or_a_count_still_is_a_total(alice):
    text = "Name,Email,Value\nAnn Lee,ann@example.com,1200\nTotal,,1200\n1,,\n"
    report = import_text(alice, text)
    assert list(Lead.objects.values_list("name", flat=True)) == ["Ann Lee"]
    assert [line for line, _ in report.errors] == [3, 4]
