"""A salesperson's import of someone who opted out on another owner's record (an evaluator's
finding: Pat Shaw and Mia Gray of the demo data). The owner's import and the command line
said "unchanged", but a salesperson's web import made a second, opted-out record of each:
their import reads only their own leads, and outside them it looked only for active ones.
Now it makes no record either; the row's line says only that this person asked not to be
contacted (not whose record, nor its name or number), and an address of theirs the row
adds is suppressed all the same, not on a dry run."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.people import visible_leads

ROWS = (
    "Name,Email,Phone\n"
    "Pat Shaw,pat.shaw@example.com,+12125550177\n"  # her email, a new number
    "Mia Gray,,+12125550166\n"  # her number, her name
    "Ann Lee,ann@example.com,\n"
)
SAID = "unchanged: this person asked not to be contacted"


def _said_no(make_lead, owner, **fields) -> Lead:
    return actions.opt_out(make_lead(owner, **fields), reason="Asked us to stop")


def _people(make_lead, boss):
    pat = _said_no(make_lead, boss, name="Pat Shaw", email="pat.shaw@example.com", phone="")
    mia = _said_no(make_lead, boss, name="Mia Gray", email="mia@example.com", phone="+12125550166")
    return pat, mia


def test_the_salespersons_import_adds_no_record_and_says_only_that(alice, boss, make_lead):
    pat, mia = _people(make_lead, boss)
    for dry_run in (True, False):
        report = import_file(
            io.BytesIO(ROWS.encode()),
            alice,
            filename="list.csv",
            scope=visible_leads(alice),
            user=alice,
            dry_run=dry_run,
        )
        assert (report.created, report.unchanged, report.bad) == (1, 2, 0), report.as_dict()
        assert report.asked_not == [(2, f"Pat Shaw: {SAID}"), (3, f"Mia Gray: {SAID}")]
        assert report.warnings == []  # nothing of theirs was imported
        assert Suppression.objects.filter(value="+12125550177").exists() is not dry_run
    assert Lead.objects.filter(name__in=["Pat Shaw", "Mia Gray"]).count() == 2
    assert set(Lead.objects.filter(owner=alice).values_list("name", flat=True)) == {"Ann Lee"}
    for lead in (pat, mia):
        lead.refresh_from_db()
        assert lead.status == Status.OPTED_OUT and lead.owner == boss


def test_the_web_import_says_the_same(client, alice, boss, make_lead):
    _people(make_lead, boss)
    client.force_login(alice)
    client.post("/in/import/", {"file": SimpleUploadedFile("list.csv", ROWS.encode())})
    job = ImportJob.objects.get()
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    assert run_job(job.pk) is True
    job.refresh_from_db()
    assert job.report["asked_not"] == [[2, f"Pat Shaw: {SAID}"], [3, f"Mia Gray: {SAID}"]]
    assert job.report["warnings"] == []
    assert Lead.objects.count() == 3
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert "Not imported: asked not to be contacted" in page  # their own heading
    assert "Imported, with a warning" not in page  # nothing of theirs was imported


def test_the_owners_import_still_names_the_record(boss, make_lead):
    pat, _ = _people(make_lead, boss)
    report = import_file(io.BytesIO(ROWS.encode()), boss, scope=visible_leads(boss), user=boss)
    assert report.created == 1 and report.unchanged == 2
    assert f"(#{pat.pk}), who opted out" in dict(report.asked_not)[2]
