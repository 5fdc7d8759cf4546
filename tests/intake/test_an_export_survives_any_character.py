"""No character anyone can send breaks an export: U+FFFE and U+FFFF (noncharacters, which
openpyxl's own filter lets through and XML refuses) are taken out as a form, the API or an
edit stores the text, and the Excel export leaves out whatever XML cannot hold in what is
already stored. The command line never leaves an empty or half-written file behind."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead

ODD = "Ann\uffff Lee\ufffe\x07\U0010ffff"


def test_a_capture_form_stores_the_name_without_noncharacters(client, alice):
    form = CaptureForm.objects.create(name="Website", owner=alice)
    sent = client.post(
        f"/in/f/{form.key}/", {"name": "Ann\uffff Lee\ufffe", "email": "a@example.com"}
    )
    assert sent.status_code == 200
    assert Lead.objects.get().name == "Ann Lee"


def test_a_lead_made_or_edited_keeps_only_real_text(alice, make_lead):
    lead = make_lead(alice, name=ODD, company="Acme\uffff", notes="line one\nline\ufffe two")
    assert (lead.name, lead.company, lead.notes) == ("Ann Lee", "Acme", "line one\nline two")
    lead = actions.update_lead(lead, name="Bo\uffffb")
    assert Lead.objects.get(pk=lead.pk).name == "Bob"
    with pytest.raises(actions.ActionError, match="needs a name"):
        actions.update_lead(lead, name="\uffff ")


def test_the_excel_export_leaves_out_what_xml_cannot_hold(client, boss, make_lead):
    lead = make_lead(boss, name="Ann Lee")
    Lead.objects.filter(pk=lead.pk).update(name="Ann\uffff Lee\ufffe", notes="a\x0bb\x1fc")
    client.force_login(boss)
    response = client.get("/in/export/leads.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert row[1] == "Ann Lee" and row[-1] == "abc"


def test_the_export_command_leaves_no_file_when_it_fails(alice, make_lead, tmp_path, monkeypatch):
    make_lead(alice)
    target = tmp_path / "leads.xlsx"

    def broken(kind, leads):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr("fairchase.intake.management.commands.export.excel_file", broken)
    with pytest.raises(CommandError, match="Could not write .*leads.xlsx"):
        call_command("export", "leads", str(target))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_previous_file(alice, make_lead, tmp_path, monkeypatch):
    make_lead(alice)
    target = tmp_path / "leads.csv"
    target.write_text("yesterday's export\n")

    def broken(kind, leads):
        yield "Name\n"
        raise ValueError("the disk said no")

    monkeypatch.setattr("fairchase.intake.management.commands.export.csv_lines", broken)
    with pytest.raises(CommandError):
        call_command("export", "leads", str(target))
    assert target.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["leads.csv"]


def test_a_successful_export_is_complete(alice, make_lead, tmp_path):
    make_lead(alice, name="Ann\uffff Lee")
    target = tmp_path / "leads.xlsx"
    call_command("export", "leads", str(target))
    assert load_workbook(target).active.cell(2, 2).value == "Ann Lee"


def test_an_import_keeps_only_real_text_and_the_row_and_its_person(alice, make_lead):
    """A spreadsheet's cells go in as a form's text does (`normalize.clean_text`): the row
    is imported, finds the person it is, and no noncharacter or control character reaches
    a name, a company or the notes (nor, later, an export)."""
    from fairchase.intake.importer import import_file

    ann = make_lead(alice, name="Ann Lee", email="", phone="+13125550188")
    data = (
        "name,company,phone,notes\r\n"
        "Ann\uffff Lee\ufffe\x07,Acme\uffff,+1 312 555 0188,Flat\ufffe roof\x0b\r\n"
        "Cy\x07 Nash\uffff,Nash\x1f Farm,,\ufffe\r\n"
    ).encode()
    for _ in range(2):  # the second time changes nothing
        report = import_file(io.BytesIO(data), alice, filename="people.csv")
        assert report.bad == 0 and not report.errors, report.errors
    assert (report.created, report.updated) == (0, 0), report.changes
    ann.refresh_from_db()
    assert (ann.name, ann.company, ann.notes) == ("Ann Lee", "Acme", "Flat roof")
    cy = Lead.objects.exclude(pk=ann.pk).get()
    assert (cy.name, cy.company, cy.notes) == ("Cy Nash", "Nash Farm", "")


def test_a_history_import_keeps_only_real_text_in_a_name(alice):
    import json

    from fairchase.intake.history import import_history

    record = {"id": "p1", "name": "Ann\uffff Lee\x07", "status": "lost"}
    record |= {"created_at": "2024-01-02T10:00:00Z", "source": "referral", "attempts": []}
    assert import_history([json.dumps(record)], alice).created == 1
    assert Lead.objects.get().name == "Ann Lee"
    record["name"] = "\ufffe"  # nothing left: named as a record without a name is
    assert import_history([json.dumps(record | {"id": "p2"})], alice).created == 1
    assert Lead.objects.filter(name="Past lead p2").exists()


def test_long_notes_are_cut_to_an_excel_cell_saying_so_and_whole_in_the_csv(
    client, boss, make_lead
):
    lead = make_lead(boss, name="Ann Lee")
    notes = "- " + "a" * 40_000  # a formula trigger: the apostrophe counts toward the limit
    Lead.objects.filter(pk=lead.pk).update(notes=notes)
    client.force_login(boss)
    response = client.get("/in/export/leads.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(sheet.iter_rows(min_row=2, values_only=True))[-1]
    assert len(cell) <= 32_767 and cell.startswith("'- aaa")
    kept, _, note = cell.partition(" … [cut: ")
    assert note == f"{len(notes) + 1 - len(kept)} more characters; the full text is in the app]"
    csv = b"".join(client.get("/in/export/leads.csv").streaming_content).decode()
    assert f"'{notes}" in csv
