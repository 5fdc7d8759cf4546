"""Another tool's owner column names people in that tool, never our users: it is not
mapped by itself (only our own export's Owner column is), so a Pipedrive, Salesforce or
HubSpot export comes in whole, on the web and on the command line. A row for a lead
already in Fairchase is matched before its Owner cell is read: the lead keeps its owner,
even one who left, and the row's edits are not lost."""

from __future__ import annotations

import io

from django.core.management import call_command

from fairchase.intake.exporting import csv_lines
from fairchase.intake.importer import import_file
from fairchase.intake.mapping import detect_mapping
from fairchase.leads.models import Lead
from fairchase.leads.people import visible_leads

PIPEDRIVE = "Person - Name,Person - Email - Work,Person - Owner\nAnn Lee,ann@x.example,Jane Smith\n"
SALESFORCE = "First Name,Last Name,Email,Lead Owner\nAnn,Lee,ann@x.example,Jane Smith\n"
HUBSPOT = "First Name,Last Name,Email,Contact owner,Record ID\nAnn,Lee,ann@x.example,Jane Smith,7\n"


def _csv(text: str):
    return io.BytesIO(text.encode())


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_another_tools_owner_column_is_not_mapped_and_every_row_comes_in(alice):
    for body in (PIPEDRIVE, SALESFORCE, HUBSPOT):
        header = body.splitlines()[0].split(",")
        assert "owner" not in detect_mapping(header)[1], header
        report = import_file(_csv(body), alice, scope=visible_leads(alice), user=alice)
        assert (report.created, report.errors, report.warnings) == (1, [], []), body
        lead = Lead.objects.get()
        assert (lead.name, lead.email, lead.owner) == ("Ann Lee", "ann@x.example", alice)
        lead.delete()


def test_a_sheets_own_owner_column_is_left_to_the_person_mapping_it():
    for header in (["name", "email", "owner"], ["Name", "Email", "Lead owner"]):
        assert detect_mapping(header)[1][2] == "", header


def test_the_import_command_brings_in_a_pipedrive_export_with_its_owner_column(
    alice, tmp_path, capsys
):
    path = tmp_path / "pipedrive.csv"
    path.write_text(PIPEDRIVE)
    call_command("import", str(path), "--owner", "alice")
    out = capsys.readouterr().out
    assert "1 lead was created" in out and "Not imported" not in out
    assert Lead.objects.get().owner == alice


def test_editing_an_export_and_importing_it_back_keeps_each_leads_owner_even_one_who_left(
    alice, boss, charlie, make_lead
):
    make_lead(alice, name="Ann", email="ann@example.com")
    cy = make_lead(charlie, name="Cy", email="cy@example.com")
    data = "".join(csv_lines("leads", Lead.objects.all()))
    edited = data.replace(",Cy,", ",Cy Young,")
    assert edited != data
    boss = _fresh(boss)
    report = import_file(
        io.BytesIO(edited.encode()),
        boss,
        filename="export.csv",
        scope=visible_leads(boss),
        user=boss,
    )
    assert report.errors == [] and report.warnings == []
    assert (report.created, report.updated) == (0, 1)
    cy.refresh_from_db()
    assert (cy.name, cy.owner) == ("Cy Young", charlie)  # the edit made; the leaver keeps it


def test_a_new_lead_in_an_export_naming_someone_who_left_comes_in_as_the_importers(
    boss, charlie, make_lead
):
    make_lead(charlie, name="Cy", email="cy@example.com")
    data = "".join(csv_lines("leads", Lead.objects.all())).encode()
    Lead.objects.all().delete()
    boss = _fresh(boss)
    report = import_file(io.BytesIO(data), boss, filename="export.csv", user=boss)
    assert report.created == 1 and report.errors == []
    assert Lead.objects.get().owner == boss
    [(line, text)] = report.warnings
    assert line == 2 and text.startswith("Cy: owner “charlie” no longer works here")
    assert text.endswith("given to Boss instead")
