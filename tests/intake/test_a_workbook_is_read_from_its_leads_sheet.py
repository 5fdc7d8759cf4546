"""A workbook is read from its sheet of leads (an evaluator's finding): with a sheet of
notes first, the web page and the command line said "No column could be matched", as only
the first sheet was read. Now the first sheet whose header row names lead fields is read,
and a workbook of several sheets says which it has and which was read; a formula whose
value the file does not hold (a workbook written by a program that never computed it) is
said on its line and column instead of leaving its cell out unsaid."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import estimate_rows, run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

SAID = (
    "The workbook has 2 sheets (“Read me”, “Leads”): read “Leads”, "
    "the first whose header row names lead fields."
)


def workbook(formula: bool = False) -> bytes:
    wb = Workbook()
    notes = wb.active
    notes.title = "Read me"
    notes.append(["Leads from the spring fair, typed in by Sam"])
    notes.append(["Ask Ann about the roof"])
    leads = wb.create_sheet("Leads")
    leads.append(["Name", "Email", "Phone"])
    leads.append(
        ["Ann Lee", "ann@example.com", '=CONCAT("+1", "2125550101")' if formula else 12125550101]
    )
    leads.append(["Bob Marsh", "bob@example.com", "+12125550102"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_leads_sheet_is_read_and_the_report_says_which(alice):
    report = import_file(io.BytesIO(workbook()), alice, filename="fair.xlsx")
    assert report.created == 2 and report.bad == 0, report.as_dict()
    assert set(Lead.objects.values_list("name", flat=True)) == {"Ann Lee", "Bob Marsh"}
    assert SAID in report.about
    assert estimate_rows(workbook()) == 2


def test_the_command_line_says_it(alice, tmp_path, capsys):
    path = tmp_path / "fair.xlsx"
    path.write_bytes(workbook())
    call_command("import", str(path), "--owner", "alice")
    out = capsys.readouterr().out
    assert SAID in out and "2 leads were created" in out, out


def test_the_web_page_says_it_before_and_after(client, alice):
    client.force_login(alice)
    client.post("/in/import/", {"file": SimpleUploadedFile("fair.xlsx", workbook())})
    job = ImportJob.objects.get()
    assert job.mapping[:3] == ["name", "email", "phone"]
    assert SAID in client.get(f"/in/import/{job.pk}/").content.decode()
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    run_job(job.pk)
    assert Lead.objects.count() == 2
    assert SAID in client.get(f"/in/import/{job.pk}/").content.decode()


def test_a_formula_without_its_value_is_said_on_its_line_and_column(alice):
    report = import_file(io.BytesIO(workbook(formula=True)), alice, filename="fair.xlsx")
    assert report.created == 2, report.as_dict()
    assert Lead.objects.get(name="Ann Lee").phone == ""
    assert (
        2,
        "Ann Lee: column C (Phone) is a formula whose value the file does not hold "
        '(=CONCAT("+1", "2125550101")): left out; open and save the workbook in Excel '
        "to keep its value.",
    ) in report.warnings, report.warnings
