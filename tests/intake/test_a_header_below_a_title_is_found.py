"""A hand-kept sheet names its columns below a title (an evaluator's finding, eval24 #4): row
1 "Kundenliste Müller & Söhne – Stand April", row 2 empty, the header on row 3. The import
read the title as the header and said "No column could be matched: map the columns first",
which could not work, and the web page offered the title as the only column. Now the header
is the first row that names lead fields, the rows above it are said to be a title, and every
line keeps the file's own number. When no row names a field, the first row stays the header
and the report says the header may be on another row."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from fairchase.intake.header_row import NO_HEADER
from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

TITLE = "Kundenliste Müller & Söhne – Stand April"
HEADER = ["Vorname", "Nachname", "E-Mail", "Firma", "Datum", "Quelle"]
PEOPLE = [
    ["Heinz", "Müller", "heinz@example.de", "Müller Bau", "2025-04-03", "Phone"],
    ["Änne", "Köhler", "aenne@example.de", "", "not a date", ""],
]
SAID = "The header is on line 3: lines 1-2 above it were read as a title (“Kundenliste"


def handkept_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kunden 2025"
    ws.append([TITLE])
    ws.append([])
    ws.append(HEADER)
    for row in PEOPLE:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def handkept_csv() -> bytes:
    lines = [TITLE, "", *(";".join(row) for row in [HEADER, *PEOPLE])]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_a_workbooks_header_below_a_title_is_read(alice):
    report = import_file(io.BytesIO(handkept_workbook()), alice, filename="kunden.xlsx")
    assert report.created == 2 and report.bad == 0, report.as_dict()
    assert set(Lead.objects.values_list("name", flat=True)) == {"Heinz Müller", "Änne Köhler"}
    assert any(said.startswith(SAID) for said in report.about), report.about
    # the sheet's own row numbers: Änne is on row 5
    assert [line for line, _ in report.warnings] == [5], report.warnings


def test_a_csvs_header_below_a_title_is_read_with_its_own_separator(alice):
    report = import_file(io.BytesIO(handkept_csv()), alice, filename="kunden.csv")
    assert report.created == 2 and report.bad == 0, report.as_dict()
    assert Lead.objects.get(email="heinz@example.de").company == "Müller Bau"
    assert any(said.startswith(SAID) for said in report.about), report.about
    assert [line for line, _ in report.warnings] == [5], report.warnings


def test_the_command_line_says_where_the_header_is(alice, tmp_path, capsys):
    path = tmp_path / "kunden.xlsx"
    path.write_bytes(handkept_workbook())
    call_command("import", str(path), "--owner", "alice", "--dry-run")
    out = capsys.readouterr().out
    assert SAID in out and "map the columns first" not in out, out
    assert "2 leads would be created" in out or "2 would be created" in out, out


def test_the_web_page_maps_the_header_below_the_title(client, alice):
    client.force_login(alice)
    client.post("/in/import/", {"file": SimpleUploadedFile("kunden.xlsx", handkept_workbook())})
    job = ImportJob.objects.get()
    assert job.header == HEADER
    assert job.mapping[:4] == ["first_name", "last_name", "email", "company"]
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert SAID in page and "heinz@example.de" in page and "No column could be matched" not in page
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    run_job(job.pk)
    assert Lead.objects.count() == 2


def test_a_file_naming_no_field_says_the_header_may_be_elsewhere(alice):
    body = "Kundenliste\r\n\r\nKunde,Kontakt\r\nHeinz,heinz@example.de\r\n"
    report = import_file(io.BytesIO(body.encode()), alice, filename="kunden.csv")
    assert report.created == 0 and NO_HEADER in report.about, report.as_dict()
    assert report.errors[0][0] == 1


def test_a_data_row_naming_a_field_is_no_header(alice):
    # a header of words the import does not know, rows whose cells happen to say "Phone"
    body = "Kunde,Kanal,Wo\r\nHeinz,Phone,Berlin\r\nÄnne,Email,Notes\r\n"
    report = import_file(io.BytesIO(body.encode()), alice, filename="kunden.csv")
    assert report.created == 0 and NO_HEADER in report.about, report.as_dict()
