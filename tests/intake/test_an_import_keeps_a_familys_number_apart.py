"""An import tells apart the people on one phone number, as every other door does (found on
a family's shared number): the importer joined a row to a lead, or to an earlier row of the
file, by phone alone, whatever the name. Ann Stone's row on her husband Bob's number was
merged into Bob's lead; in the command line, which sees the whole book, even into Bob's
opted-out record, so Ann was never chased; and when Ann's row came first in a file, Bob's
(who said no) was merged into hers and not opted out. Now a row joins by phone only under a
matching name (`same_person.one_on_phone`); the same person's row still joins."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status

HOME = "+12125550140"
ANN = f"name,phone\nAnn Stone,{HOME}\n"


def test_two_people_on_one_number_upload_as_two_leads(client, alice, make_lead):
    bob = make_lead(alice, name="Bob Stone", phone=HOME)
    client.force_login(alice)
    client.post("/in/import/", {"file": SimpleUploadedFile("list.csv", ANN.encode(), "text/csv")})
    job = ImportJob.objects.latest("pk")
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    assert run_job(job.pk)
    job.refresh_from_db()
    assert (job.report["created"], job.report["updated"]) == (1, 0), job.report
    bob.refresh_from_db()
    assert bob.name == "Bob Stone"
    assert Lead.objects.get(name="Ann Stone").phone == HOME


def test_the_command_line_never_merges_someone_into_a_relatives_opted_out_record(
    alice, make_lead, tmp_path
):
    bob = make_lead(alice, name="Bob Stone", phone=HOME)
    actions.opt_out(bob, user=alice)
    path = tmp_path / "list.csv"
    path.write_text(ANN)
    out = io.StringIO()
    call_command("import", str(path), "--owner", "alice", stdout=out)
    assert "who opted out" not in out.getvalue(), out.getvalue()
    ann = Lead.objects.get(name="Ann Stone")
    assert ann.status == Status.OPEN and ann.pk != bob.pk


def test_someone_who_said_no_after_a_relatives_row_is_not_added_again(
    alice, bob, make_lead, tmp_path
):
    gone = make_lead(alice, name="Bob Stone", email="bob@stone.example", phone=HOME)
    actions.opt_out(gone, user=alice)
    rows = f"{ANN}Bob Stone,{HOME}\n"
    # Bob's upload: the opted-out record is not in his scope, and no second one is made
    report = import_file(io.BytesIO(rows.encode()), bob, scope=Lead.objects.filter(owner=bob))
    assert (report.created, report.unchanged) == (1, 1), report.errors
    made = {lead.name: lead.status for lead in Lead.objects.filter(owner=bob)}
    assert made == {"Ann Stone": Status.OPEN}
    assert report.asked_not == [(3, "Bob Stone: unchanged: this person asked not to be contacted")]
    # the command line sees the whole book: Bob's row joins his own opted-out record
    path = tmp_path / "list.csv"
    path.write_text(rows)
    out = io.StringIO()
    Lead.objects.filter(owner=bob).delete()
    call_command("import", str(path), "--owner", "alice", stdout=out)
    assert f"this is Bob Stone (#{gone.pk}), who opted out" in out.getvalue(), out.getvalue()
    assert Lead.objects.get(owner=alice, name="Ann Stone").status == Status.OPEN


def test_the_same_persons_rows_still_join_by_phone(alice, make_lead):
    ann = make_lead(alice, name="Ann Stone", phone=HOME)
    rows = f"name,phone,notes\nAnn Stone,{HOME},Flat roof\nann,{HOME},Gutters\n"
    report = import_file(io.BytesIO(rows.encode()), alice)
    assert (report.created, report.updated) == (0, 2), report.errors
    ann.refresh_from_db()
    assert "Flat roof" in ann.notes and "Gutters" in ann.notes
    # in one file: a first name alone after the full name is the same person
    rows = "name,phone\nCy Nash,+12125550141\nCy,+12125550141\nDee Nash,+12125550141\n"
    report = import_file(io.BytesIO(rows.encode()), alice)
    assert report.created == 2, report.errors
    assert set(Lead.objects.filter(phone="+12125550141").values_list("name", flat=True)) == {
        "Cy Nash",
        "Dee Nash",
    }
    again = import_file(io.BytesIO(rows.encode()), alice)
    assert (again.created, again.updated) == (0, 0), again.changes


def test_a_first_name_fitting_two_people_on_a_number_is_never_guessed(alice):
    # "Bob" fits Bob Stone and Bob Jones alike: a lead of its own
    rows = "name,phone\nBob Stone,+12125550142\nBob Jones,+12125550142\nBob,+12125550142\n"
    report = import_file(io.BytesIO(rows.encode()), alice)
    assert report.created == 3, report.errors
    # after Bob Stone's row and before Bob Jones came, "Bob" was Bob Stone: so on every import
    rows = "name,phone\nBob Stone,+12125550143\nBob,+12125550143\nBob Jones,+12125550143\n"
    for created in (2, 0):
        report = import_file(io.BytesIO(rows.encode()), alice)
        assert (report.created, report.updated) == (created, 0), report.changes
    assert Lead.objects.filter(phone="+12125550143").count() == 2
