"""Import from the web UI (upload, mapping, dry run, background import) and the CLI."""

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

SAMPLES = Path(__file__).parent / "samples"


def upload(client, name):
    data = (SAMPLES / name).read_bytes()
    return client.post(
        "/in/import/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def test_upload_detects_the_columns_and_shows_a_preview(client, alice):
    client.force_login(alice)
    response = upload(client, "hubspot_contacts.csv")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/in/import/{job.pk}/"
    assert job.preset == "hubspot" and job.mapping[1:5] == [
        "first_name",
        "last_name",
        "email",
        "phone",
    ]
    page = client.get(f"/in/import/{job.pk}/")
    assert page.status_code == 200
    assert b"HubSpot contacts export" in page.content and b"ann.lee@example.com" in page.content


def test_the_preview_says_whether_it_shows_the_whole_file(client, alice):
    from fairchase.intake.views.imports import PREVIEW_ROWS

    client.force_login(alice)
    for rows, says in ((3, "Every row of the file"), (PREVIEW_ROWS + 1, "The first")):
        body = "name,email\n" + "".join(f"P{i},p{i}@example.com\n" for i in range(rows))
        client.post(
            "/in/import/",
            {"file": SimpleUploadedFile("x.csv", body.encode(), content_type="text/csv")},
        )
        job = ImportJob.objects.latest("pk")
        assert says in client.get(f"/in/import/{job.pk}/").content.decode()


def test_the_mapping_can_be_changed_and_dry_run_before_importing(client, alice):
    client.force_login(alice)
    upload(client, "generic.csv")
    job = ImportJob.objects.get()
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    mapping["col6"] = ""  # ignore the notes column
    dry = client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "dry_run"}, follow=True)
    assert b"3 rows: 3 leads would be created" in dry.content
    assert not Lead.objects.exists()
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    job.refresh_from_db()
    assert job.state == "queued"
    assert run_job(job.pk) is True
    assert run_job(job.pk) is False  # claimed once only
    job.refresh_from_db()
    assert job.state == "done" and job.report["created"] == 3 and job.data in (b"", memoryview(b""))
    assert Lead.objects.get(name="Jo Underwood").notes == ""
    progress = client.get(f"/in/import/{job.pk}/", HTTP_HX_REQUEST="true")
    assert b"3 leads were created" in progress.content and b"<progress" in progress.content


def test_a_web_import_neither_updates_nor_duplicates_a_lead_the_user_cannot_see(
    client, alice, bob, make_lead
):
    theirs = make_lead(bob, name="Bob's Jo", email="jo@example.com")
    client.force_login(alice)
    upload(client, "generic.csv")
    job = ImportJob.objects.get()
    job.state = "queued"
    job.save()
    run_job(job.pk)
    theirs.refresh_from_db()
    assert theirs.name == "Bob's Jo" and theirs.owner == bob
    assert not Lead.objects.filter(owner=alice, email="jo@example.com").exists()


def test_someone_elses_import_job_is_404(client, alice, bob):
    client.force_login(alice)
    upload(client, "generic.csv")
    client.force_login(bob)
    assert client.get(f"/in/import/{ImportJob.objects.get().pk}/").status_code == 404


def test_an_unreadable_upload_is_refused_with_a_message(client, alice):
    client.force_login(alice)
    response = client.post(
        "/in/import/",
        {"file": SimpleUploadedFile("x.csv", b"", content_type="text/csv")},
        follow=True,
    )
    assert b"Cannot import x.csv" in response.content or b"empty" in response.content
    assert not ImportJob.objects.exists()


def test_the_import_command_reports_bad_cells_and_is_idempotent(alice, tmp_path, capsys):
    path = tmp_path / "leads.csv"
    path.write_bytes((SAMPLES / "generic.csv").read_bytes() + b"Bad Row,nope,,,,,\n")
    call_command("import", str(path), "--owner", "alice")
    out = capsys.readouterr().out
    assert "4 leads were created" in out and "line 5: Bad Row: email 'nope' left out" in out
    call_command(
        "import", str(path), "--owner", "alice"
    )  # Bad Row has no address: matched on its name
    assert "0 leads were created, 0 updated, 4 unchanged, 0 rows skipped" in capsys.readouterr().out
    assert Lead.objects.count() == 4


def test_the_import_command_dry_run_saves_nothing(alice, tmp_path, capsys):
    call_command("import", str(SAMPLES / "pipedrive_people.csv"), "--owner", "alice", "--dry-run")
    assert "Dry run: 3 rows: 3 leads would be created" in capsys.readouterr().out
    assert not Lead.objects.exists()


def test_the_import_command_loads_history_for_training(alice, tmp_path, capsys):
    path = tmp_path / "history.jsonl"
    rec = {
        "id": "h1",
        "source": "referral",
        "value": 900,
        "created_at": "2024-01-02T10:00:00Z",
        "status": "won",
        "won_value": 1000,
        "attempts": [
            {
                "at": "2024-01-02T11:00:00Z",
                "channel": "call",
                "outcome": "talked",
                "minutes": 7,
                "progress": True,
            }
        ],
    }
    path.write_text(json.dumps(rec) + "\n" + "oops\n")
    call_command("import", "--history", str(path), "--owner", "alice")
    out = capsys.readouterr().out
    assert "1 lead was created" in out and "1 row skipped" in out and "line 2" in out
    lead = Lead.objects.get()
    assert (lead.status, float(lead.won_value), lead.attempts.get().minutes) == ("won", 1000.0, 7.0)
    from fairchase.leads.planning import history_records

    assert history_records()[0]["attempts"][0]["outcome"] == "talked"


def test_the_export_command_writes_what_the_import_command_reads(alice, tmp_path, capsys):
    call_command("import", str(SAMPLES / "generic.csv"), "--owner", "alice")
    for name in ("leads.csv", "leads.xlsx"):
        call_command("export", "leads", str(tmp_path / name))
        Lead.objects.all().delete()
        call_command("import", str(tmp_path / name), "--owner", "alice")
        assert sorted(Lead.objects.values_list("name", flat=True)) == [
            "Jo Underwood",
            "Kim Vance",
            "Lou Webb",
        ]
    call_command("export", "history", str(tmp_path / "history.jsonl"))
    assert (tmp_path / "history.jsonl").read_text() == ""  # nobody finished yet


def test_a_file_name_that_looks_like_markup_is_shown_as_written(tmp_path, alice, capsys):
    path = tmp_path / "[bold]leads.csv"
    path.write_text("name,email\nAnn Lee,ann@example.com\n")
    call_command("import", str(path), "--owner", "alice")
    assert "[bold]leads.csv" in capsys.readouterr().err  # the progress bar's label
    assert Lead.objects.filter(email="ann@example.com").exists()
