"""Cells an import dropped or refused unsaid (an evaluator's finding): a phone extension
("312-555-0199 ext 4") vanished from the number, an email cell written as a mail program
writes it ("Ann Stone <ann@example.com>") was refused, and columns no lead field reads
("Shoe size", "Colour"; the finding's "Telefon" and "Firma" are read since) were ignored
without a word on the command line. Now the extension is kept in the notes with a warning on its line, the address (and, for a row without a
name, the name) is read from such a cell, and web and command line say which columns were
not read."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead
from tests.intake.importing import import_text

NOT_READ = "2 columns not read (no lead field chosen): “Shoe size”, “Colour”."


def test_a_phone_extension_is_kept_in_the_notes_and_said(alice):
    report = import_text(alice, "Name,Phone,Notes\nAnn Lee,312-555-0199 ext 4,Roof\n")
    lead = Lead.objects.get()
    assert lead.phone == "+13125550199"
    assert lead.notes == "Roof\nPhone extension in the imported file: 312-555-0199 ext 4"
    assert report.warnings == [
        (
            2,
            "Ann Lee: phone '312-555-0199 ext 4': the extension (4) is not part of a stored "
            "number: kept in the notes.",
        )
    ]
    again = import_text(alice, "Name,Phone,Notes\nAnn Lee,312-555-0199 ext 4,Roof\n")
    assert again.unchanged == 1 and again.updated == 0, again.as_dict()


def test_an_address_written_with_its_name_is_read(alice):
    report = import_text(
        alice,
        "Name,Email\n"
        ",Ann Stone <ann@example.com>\n"
        'Bob Marsh,"""Marsh, Robert"" <bob@example.com>; rob@example.org"\n',
    )
    assert report.created == 2 and report.warnings == [], report.as_dict()
    ann = Lead.objects.get(email="ann@example.com")
    assert ann.name == "Ann Stone"
    bob = Lead.objects.get(email="bob@example.com")
    assert bob.name == "Bob Marsh" and bob.notes == "Other email: rob@example.org"


def test_the_command_line_says_which_columns_it_did_not_read(alice, tmp_path, capsys):
    path = tmp_path / "kunden.csv"
    path.write_text("Name,Email,Shoe size,Colour\nAnn Lee,ann@example.com,38,blue\n")
    call_command("import", str(path), "--owner", "alice")
    out = capsys.readouterr().out
    assert NOT_READ in out and "1 lead was created" in out, out


def test_the_web_report_says_it_too(client, alice):
    client.force_login(alice)
    data = b"Name,Email,Shoe size,Colour\nAnn Lee,ann@example.com,38,blue\n"
    client.post("/in/import/", {"file": SimpleUploadedFile("kunden.csv", data)})
    job = ImportJob.objects.get()
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    dry = client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "dry_run"}, follow=True)
    assert NOT_READ in dry.content.decode()
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    run_job(job.pk)
    assert NOT_READ in client.get(f"/in/import/{job.pk}/").content.decode()
