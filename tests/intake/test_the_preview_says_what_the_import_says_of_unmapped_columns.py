"""A file whose columns the importer matches to no lead field, or to none that names a
person: the web preview says what the import then says, in its words (for a file with no
column mapped, one sentence, not a reason of its own on every row)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

FILES = {
    "nothing_mapped": "Colour,Size\nred,10\nblue,12\n",
    "nobody_named": "Company,Notes\nAcme,call back\nGlobex,\n",
}


def _problems(page: str) -> set[str]:
    """The problems a page lists (the preview's, or the report's "Line n: ...")."""
    said = re.findall(r'class="errorlist"[^>]*>(.*?)</(?:td|p|ul)>', page, re.S)
    items = [t for s in said for t in re.findall(r"<li>Line \d+: (.*?)</li>", s) or [s]]
    return {t.removeprefix("Would not be imported: ") for t in items if t}


@pytest.mark.parametrize("name", list(FILES))
def test_the_preview_says_what_the_import_says(client, alice, name):
    client.force_login(alice)
    data = FILES[name].encode()
    client.post("/in/import/", {"file": SimpleUploadedFile(f"{name}.csv", data)})
    job = ImportJob.objects.get()
    assert any(job.mapping) == (name == "nobody_named")
    preview = client.get(f"/in/import/{job.pk}/").content.decode()
    mapping = {f"col{i}": field for i, field in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    assert run_job(job.pk) is True
    job.refresh_from_db()
    said = {reason for _, reason in job.report["errors"]}
    assert said and not Lead.objects.exists()
    assert _problems(preview) == said, preview
    report = client.get(f"/in/import/{job.pk}/").content.decode()
    assert _problems(report) == said


def test_a_dry_run_says_it_too(client, alice):
    client.force_login(alice)
    data = FILES["nothing_mapped"].encode()
    client.post("/in/import/", {"file": SimpleUploadedFile("x.csv", data)})
    job = ImportJob.objects.get()
    dry = client.post(
        f"/in/import/{job.pk}/run/", {"col0": "", "col1": "", "action": "dry_run"}, follow=True
    )
    page = dry.content.decode()
    (sentence,) = _problems(page)
    assert page.count(sentence) == 2  # the preview's and the dry run's line 1
    assert "Every row of the file" not in page
