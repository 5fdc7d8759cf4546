"""A workbook of several sheets of leads (a spring fair's and an autumn fair's): the import
read the first whose header names lead fields and said so, with no way to read another.
Now the import page asks which sheet, each listed with its rows, the one read until then
chosen; choosing another reads its columns from the upload already kept (no second
upload), and `fairchase import --sheet NAME` does the same. A name the workbook has no
sheet by is refused, saying which it has, and loses nothing; a workbook with one sheet of
cells is asked nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

SPRING = {"Ann Lee", "Bob Marsh", "Cy Young"}
AUTUMN = {"Dora Klein", "Emil Berg"}
CHOSEN = (
    "The workbook has 3 sheets (“Spring fair”, “Autumn fair”, “Empty”): "
    "read “Autumn fair”, as chosen."
)


def workbook(*, single: bool = False) -> bytes:
    wb = Workbook()
    spring = wb.active
    spring.title = "Spring fair"
    spring.append(["Name", "Email", "Notes"])
    for i, name in enumerate(sorted(SPRING)):
        spring.append([name, f"spring{i}@example.com", "met at the spring fair"])
    if not single:
        autumn = wb.create_sheet("Autumn fair")
        autumn.append(["Vorname", "Nachname", "E-Mail", "Notiz"])  # its own columns
        autumn.append(["Dora", "Klein", "dora@example.de", "Herbstmesse"])
        autumn.append(["Emil", "Berg", "emil@example.de", "Herbstmesse"])
    wb.create_sheet("Empty")  # no cells: nothing to choose
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client, data: bytes) -> ImportJob:
    client.post("/in/import/", {"file": SimpleUploadedFile("fairs.xlsx", data)})
    return ImportJob.objects.get()


def _import(client, job: ImportJob) -> None:
    job.refresh_from_db()
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    assert run_job(job.pk)


def test_the_page_asks_which_sheet_and_imports_the_one_chosen(client, alice):
    client.force_login(alice)
    job = _upload(client, workbook())
    assert job.sheets == [["Spring fair", 3], ["Autumn fair", 2]] and job.sheet == "Spring fair"
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert '<option value="Spring fair" selected>Spring fair (3 rows)</option>' in page
    assert '<option value="Autumn fair">Autumn fair (2 rows)</option>' in page
    assert "Empty" not in page.split('id="sheet-choice"')[1].split("</form>")[0]

    page = client.post(f"/in/import/{job.pk}/sheet/", {"sheet": "Autumn fair"}, follow=True)
    page = page.content.decode()
    job.refresh_from_db()
    assert job.header == ["Vorname", "Nachname", "E-Mail", "Notiz"]
    assert job.mapping == ["first_name", "last_name", "email", "notes"]
    assert '<option value="Autumn fair" selected>' in page and "Dora Klein" in page
    assert ImportJob.objects.count() == 1  # the upload kept, not made again

    dry = client.post(
        f"/in/import/{job.pk}/run/",
        {**{f"col{i}": f for i, f in enumerate(job.mapping)}, "action": "dry_run"},
        follow=True,
    )
    assert CHOSEN in dry.content.decode() and "2 leads would be created" in dry.content.decode()
    _import(client, job)
    assert set(Lead.objects.values_list("name", flat=True)) == AUTUMN
    assert set(Lead.objects.values_list("notes", flat=True)) == {"Herbstmesse"}
    assert CHOSEN in client.get(f"/in/import/{job.pk}/").content.decode()


def test_a_sheet_the_workbook_lacks_changes_nothing(client, alice):
    client.force_login(alice)
    job = _upload(client, workbook())
    before = (job.sheet, job.header, job.mapping, bytes(job.data))
    page = client.post(f"/in/import/{job.pk}/sheet/", {"sheet": "Winter"}, follow=True)
    assert "The workbook has no sheet “Winter”." in page.content.decode()
    job.refresh_from_db()
    assert (job.sheet, job.header, job.mapping, bytes(job.data)) == before
    _import(client, job)  # still importable as it was
    assert set(Lead.objects.values_list("name", flat=True)) == SPRING


def test_a_workbook_with_one_sheet_of_cells_is_asked_nothing(client, alice):
    client.force_login(alice)
    job = _upload(client, workbook(single=True))
    assert job.sheets == [] and job.sheet == ""
    assert 'id="sheet-choice"' not in client.get(f"/in/import/{job.pk}/").content.decode()
    _import(client, job)
    assert set(Lead.objects.values_list("name", flat=True)) == SPRING


def test_the_command_line_imports_the_sheet_named(alice, tmp_path, capsys):
    path = tmp_path / "fairs.xlsx"
    path.write_bytes(workbook())
    call_command("import", str(path), "--owner", "alice", "--sheet", "autumn FAIR")
    out = capsys.readouterr().out
    assert CHOSEN in out and "2 leads were created" in out, out
    assert set(Lead.objects.values_list("name", flat=True)) == AUTUMN


def test_the_command_line_refuses_a_sheet_the_workbook_lacks(alice, tmp_path):
    path = tmp_path / "fairs.xlsx"
    path.write_bytes(workbook())
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path), "--owner", "alice", "--sheet", "Winter")
    assert str(refused.value) == (
        "Cannot import fairs.xlsx: The workbook has no sheet “Winter”: its sheets are "
        "“Spring fair”, “Autumn fair”, “Empty”."
    )
    assert not Lead.objects.exists()


def test_a_csv_file_has_no_sheet_to_name(alice):
    report = import_file(io.BytesIO(b"Name,Email\nAnn,ann@example.com\n"), alice, sheet="Leads")
    assert report.unreadable == "Only an Excel workbook has sheets: this file has no sheet “Leads”."
    assert not Lead.objects.exists()


def test_with_no_sheet_of_lead_columns_the_first_with_cells_is_read_and_chosen(client, alice):
    wb = Workbook()
    wb.active.title = "Cover"  # left empty
    for title in ("Kunden", "Interessenten"):
        sheet = wb.create_sheet(title)
        sheet.append(["Wer", "Wie"])  # headers no language names
        sheet.append([f"{title} 1", "+49 30 901820"])
    out = io.BytesIO()
    wb.save(out)
    client.force_login(alice)
    job = _upload(client, out.getvalue())
    assert job.sheets == [["Kunden", 1], ["Interessenten", 1]] and job.sheet == "Kunden"
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert "read the first with cells, “Kunden”." in page, page
    assert '<option value="Kunden" selected>' in page
