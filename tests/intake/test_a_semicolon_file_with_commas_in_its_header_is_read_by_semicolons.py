"""German Excel saves a hand-kept list with semicolons, and its headers may hold commas
("Name, Vorname;E-Mail, privat"): the separator was chosen by counting it in the header
alone, 3 commas against 3 semicolons, so the file was split on commas and its people came
in as a bare surname, their email and phone thrown away without a word. The separator is
the one that splits the header and the rows below it alike; a row with fewer cells than
its header says so on its line."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.intake.reading import read_table
from fairchase.leads.models import Lead

COMMA_HEADER = (
    "Name, Vorname;E-Mail, privat;Telefon, mobil;Notizen\n"
    "Beck, Anna;anna.beck@example.de;+49 171 1111111;Kundin seit 2019, sehr nett\n"
    "Krug, Ole;ole.krug@example.de;+49 171 2222222;\n"
)


def test_the_semicolon_splits_header_and_rows_alike(alice):
    rows = list(read_table(io.BytesIO(COMMA_HEADER.encode("cp1252"))))
    assert [len(r.cells) for r in rows] == [4, 4, 4]
    report = import_file(io.BytesIO(COMMA_HEADER.encode("cp1252")), alice, filename="k.csv")
    assert (report.created, report.bad, report.warnings) == (2, 0, []), report.as_dict()
    anna = Lead.objects.get(email="anna.beck@example.de")
    assert anna.phone == "+491711111111" and "sehr nett" in anna.notes
    assert "Beck" in anna.name and "Anna" in anna.name
    assert Lead.objects.get(email="ole.krug@example.de").phone == "+491712222222"


def test_a_comma_file_with_semicolons_in_its_notes_stays_a_comma_file(alice):
    text = "Name,Email,Notes\nAnn Lee,ann@example.com,a; b; c\nBo Li,bo@example.com,x;y\n"
    report = import_file(io.BytesIO(text.encode()), alice, filename="c.csv")
    assert (report.created, report.warnings) == (2, []), report.as_dict()
    assert Lead.objects.get(name="Ann Lee").notes == "a; b; c"


def test_a_row_shorter_than_its_header_says_so_on_its_line(alice):
    text = "Name;Email;Phone\nTrail One;t1@example.de;+49 30 5551111\nShort Three;t3@example.de\n"
    report = import_file(io.BytesIO(text.encode()), alice, filename="t.csv")
    assert report.created == 2
    assert [line for line, _ in report.warnings] == [3]
    assert "2 of the header's 3 cells" in report.warnings[0][1]
    assert report.warnings[0][1].startswith("Short Three: ")
