"""An import never brings back someone who opted out (found on the demo): a salesperson's
upload with the exact email of an opted-out lead, or its phone under the same name, made
new open leads planned for a call, because the importer asked only the suppression list,
and the demo's opted-out leads had no suppression rows. Now an imported row is opted out
by the rule Add lead and the API follow (the opted-out records themselves count), its
line says so, and the demo's opted-out leads have their addresses suppressed. A row for
someone who opted out on a record the importing user may not see makes no second record
either (an evaluator's finding): its line says only that they asked not to be contacted,
and the row's addresses are suppressed."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fairchase.intake.importer import import_file
from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.intake.said_no import ASKED_NOT
from fairchase.leads.demo import load_demo
from fairchase.leads.models import Lead, Status, StatusChange, Suppression
from tests.conftest import _user

QUINN, ROSA_PHONE = "quinn.ford@example.com", "+12125550177"
ROWS = (
    "name,email,phone\n"
    f"Quinn Ford,{QUINN.upper()},+1 212 555 0100\n"  # her email
    f"Rosa Park,rosa.new@example.com,{ROSA_PHONE}\n"  # her phone, under her name
)
TOM = f"name,email,phone\nTom Park,tom.park@example.com,{ROSA_PHONE}\n"  # her phone, someone else


def _opted_out_without_suppression(make_lead, owner, **fields) -> Lead:
    """An opted-out lead as the demo (or a restored book) holds it: its history says it
    opted out, and no address of it is on the suppression list."""
    lead = make_lead(owner, **fields)
    StatusChange.objects.create(lead=lead, old=lead.status, new=Status.OPTED_OUT, reason="History")
    Lead.objects.filter(pk=lead.pk).update(status=Status.OPTED_OUT)
    return lead


def _two_who_said_no(make_lead, alice):
    quinn = _opted_out_without_suppression(make_lead, alice, name="Quinn Ford", email=QUINN)
    rosa = _opted_out_without_suppression(
        make_lead, alice, name="Rosa Park", email="rosa@example.com", phone=ROSA_PHONE
    )
    assert not Suppression.objects.exists()
    return quinn, rosa


def _lines(report: dict | object, kind: str = "warnings") -> dict[int, str]:
    rows = report[kind] if isinstance(report, dict) else getattr(report, kind)
    return {line: text for line, text in rows}


def test_a_salespersons_upload_brings_back_nobody_who_said_no(client, alice, bob, make_lead):
    quinn, rosa = _two_who_said_no(make_lead, alice)
    client.force_login(bob)  # Bob sees only his own leads: Quinn and Rosa are not in scope
    job = _upload(client, ROWS)
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    dry = client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "dry_run"}, follow=True)
    page = dry.content.decode()
    assert f"Line 2: Quinn Ford: {ASKED_NOT}" in page
    assert f"Line 3: Rosa Park: {ASKED_NOT}" in page
    assert not Suppression.objects.exists()  # a dry run changes nothing
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    assert run_job(job.pk)
    job.refresh_from_db()
    assert (job.report["created"], job.report["unchanged"]) == (0, 2), job.report
    assert _lines(job.report, "asked_not") == {
        2: f"Quinn Ford: {ASKED_NOT}",
        3: f"Rosa Park: {ASKED_NOT}",
    }
    assert not Lead.objects.filter(owner=bob).exists()
    for record in (quinn, rosa):
        record.refresh_from_db()
        assert record.status == Status.OPTED_OUT and record.owner == alice
    suppressed = set(Suppression.objects.values_list("value", flat=True))
    assert {QUINN, "+12125550100", "rosa.new@example.com", ROSA_PHONE} <= suppressed
    assert "asked not to be contacted" in client.get(f"/in/import/{job.pk}/").content.decode()
    # someone else on Rosa's number is not her: a lead to chase, no line about opting out
    client.force_login(_user("dana"))
    job = _upload(client, TOM)
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    assert run_job(job.pk)
    job.refresh_from_db()
    assert job.report["created"] == 1 and job.report["warnings"] == [], job.report
    assert Lead.objects.get(name="Tom Park").status == Status.OPEN


def _upload(client, rows: str) -> ImportJob:
    client.post("/in/import/", {"file": SimpleUploadedFile("list.csv", rows.encode(), "text/csv")})
    return ImportJob.objects.latest("pk")


def test_the_command_line_import_says_which_rows_are_people_who_said_no(
    alice, bob, make_lead, tmp_path
):
    quinn, rosa = _two_who_said_no(make_lead, alice)
    path = tmp_path / "list.csv"
    path.write_text(ROWS)
    out = io.StringIO()
    call_command("import", str(path), "--owner", "bob", stdout=out)
    printed = out.getvalue()
    # the command sees the whole book: the rows join Quinn's and Rosa's opted-out records
    for who, record in (("Quinn Ford", quinn), ("Rosa Park", rosa)):
        assert f"{who}: this is {who} (#{record.pk}), who opted out" in printed, printed
        record.refresh_from_db()
        assert record.status == Status.OPTED_OUT
    assert not Lead.objects.filter(
        name__in=["Quinn Ford", "Rosa Park"], status__in=[Status.OPEN, Status.ENGAGED]
    ).exists()


def test_an_import_outside_the_book_adds_no_record_of_someone_who_said_no(alice, bob, make_lead):
    _two_who_said_no(make_lead, alice)
    mine = Lead.objects.filter(owner=bob)
    report = import_file(io.BytesIO(ROWS.encode()), bob, filename="list.csv", scope=mine)
    assert (report.created, report.unchanged) == (0, 2), report.errors
    assert set(_lines(report, "asked_not")) == {2, 3}, report.asked_not
    dana = _user("dana")
    theirs = Lead.objects.filter(owner=dana)
    report = import_file(io.BytesIO(TOM.encode()), dana, filename="tom.csv", scope=theirs)
    assert report.created == 1 and report.warnings == [], report
    made = {lead.name: lead.status for lead in Lead.objects.filter(owner__in=[bob, dana])}
    assert made == {"Tom Park": "open"}


def test_the_demos_opted_out_leads_have_their_addresses_suppressed(db):
    load_demo(n_history=300, n_open=20, seed=7)
    said_no = Lead.objects.filter(status=Status.OPTED_OUT)
    assert said_no.exists()
    suppressed = set(Suppression.objects.filter(reason="opt-out").values_list("value", flat=True))
    for lead in said_no:
        assert {lead.email, lead.phone} <= suppressed, lead.name
    assert not Lead.objects.exclude(status=Status.OPTED_OUT).filter(email__in=suppressed).exists()
