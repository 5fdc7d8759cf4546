"""An owner/admin sees a salesperson's import jobs (their reports), listed on the Capture
page with who uploaded them; changing or running one stays its uploader's."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_an_owner_reads_a_salespersons_import_report_but_cannot_run_it(alice, bob, boss):
    sam = _client(alice)
    sam.post(
        "/in/import/",
        {"file": SimpleUploadedFile("sam.csv", b"name,email\nJo,jo@example.com\n", "text/csv")},
    )
    job = ImportJob.objects.get()
    admin = _client(boss)
    page = admin.get(f"/in/import/{job.pk}/")
    assert page.status_code == 200 and "is still choosing its columns" in page.content.decode()
    assert admin.post(f"/in/import/{job.pk}/run/", {"action": "import"}).status_code == 404
    assert "by Alice" in admin.get("/in/").content.decode()
    job.state = "queued"
    job.save()
    run_job(job.pk)
    assert "1 lead" in admin.get(f"/in/import/{job.pk}/").content.decode()
    assert _client(bob).get(f"/in/import/{job.pk}/").status_code == 404
