"""A hand-kept sheet ends with its totals: "Summe" beside =SUM(D2:D3), "Gesamt: 2 Kunden".
Each came in as a lead with no way to reach it. A run of rows at the end of the sheet with a
name and nothing but numbers or formulas beside it, one of them surely a total, is said on
its line instead; a person with only a name is still a lead."""

from __future__ import annotations

import io

from openpyxl import Workbook

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead


def _xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


HEADER = ["Name", "E-Mail", "Telefon", "Wert", "Notizen"]
PEOPLE = [
    ["Petra Lang", "petra@example.de", "+49 40 1111111", 1200, "ok"],
    ["Uwe Kurz", "uwe@example.de", "+49 40 2222222", 800, None],
]


def test_the_totals_rows_are_reported_not_made_leads(alice):
    rows = [HEADER, *PEOPLE, [None] * 5, ["Summe", None, None, "=SUM(D2:D3)", None]]
    rows.append(["Gesamt: 2 Kunden", None, None, None, None])
    report = import_file(_xlsx(rows), alice, filename="totals.xlsx")
    assert set(Lead.objects.values_list("name", flat=True)) == {"Petra Lang", "Uwe Kurz"}
    assert [line for line, _ in report.errors] == [5, 6]
    assert report.errors[0][1].startswith("“Summe”: a totals row at the end of the sheet")


def test_a_csv_total_with_a_number_is_reported_too(alice):
    text = "Name,Email,Value\nAnn Lee,ann@example.com,100\nTotal,,100\n"
    report = import_file(io.BytesIO(text.encode()), alice, filename="t.csv")
    assert list(Lead.objects.values_list("name", flat=True)) == ["Ann Lee"]
    assert [line for line, _ in report.errors] == [3]


def test_a_person_with_only_a_name_is_still_a_lead(alice):
    rows = [HEADER, *PEOPLE, ["Walk In Wanda", None, None, None, None]]
    report = import_file(_xlsx(rows), alice, filename="p.xlsx")
    assert report.created == 3 and report.errors == []


def test_a_name_and_a_number_above_people_is_a_person(alice):
    rows = [HEADER, ["Summe Sven", None, None, 500, None], *PEOPLE]
    report = import_file(_xlsx(rows), alice, filename="p.xlsx")
    assert report.created == 3 and report.errors == []
