"""A NUL byte in an uploaded CSV (in the header or in a data cell) was a server error on
PostgreSQL (review25 H4): the header and the first rows went into the import job's JSON
fields as read, and PostgreSQL refuses \\u0000 in jsonb. The job keeps them escaped now, so
the file is read as on SQLite: the cell loses its NUL, and its line says so."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

SAID = "“Notes”: 1 NUL byte left out of the cell."


@pytest.mark.parametrize(
    "data",
    [
        b"Name,Email,Notes\nAnn Lee,ann@example.com,hi\x00there\n",
        b"Name,Email,No\x00tes\nAnn Lee,ann@example.com,hi\x00there\n",
    ],
)
def test_a_nul_byte_loses_the_cell_not_the_file(client, alice, data):
    client.force_login(alice)
    up = client.post("/in/import/", {"file": SimpleUploadedFile("nul.csv", data)})
    assert up.status_code == 302, up.content[:300]
    job = ImportJob.objects.get()
    assert "\x00" not in "".join(job.header)
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    assert SAID in page, page
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    dry = client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "dry_run"}, follow=True)
    assert SAID in dry.content.decode()
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    run_job(job.pk)
    lead = Lead.objects.get()
    assert lead.name == "Ann Lee" and lead.notes == "hithere"
    assert SAID in client.get(f"/in/import/{job.pk}/").content.decode()
