"""IMPORT_MAX_BYTES is one setting (settings.py, from the environment), read when a file is
uploaded: it was frozen into the import view when the module loaded, with its own default,
so a lowered limit reached the workbook's unzip check and not the upload itself."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairchase.intake.models import ImportJob

CSV = "name,email\n" + "".join(f"Person {i},p{i}@example.com\n" for i in range(200))


def test_a_file_over_a_lowered_limit_is_refused_at_upload(boss, settings):
    settings.IMPORT_MAX_BYTES = 1024
    client = Client()
    client.force_login(boss)
    r = client.post("/in/import/", {"file": SimpleUploadedFile("leads.csv", CSV.encode())})
    assert r.status_code == 302
    said = [str(m) for m in get_messages(r.wsgi_request)]
    assert any("The file is larger than" in m for m in said), said
    assert not ImportJob.objects.exists()


def test_a_file_under_it_is_taken(boss, settings):
    settings.IMPORT_MAX_BYTES = len(CSV) + 1
    client = Client()
    client.force_login(boss)
    client.post("/in/import/", {"file": SimpleUploadedFile("leads.csv", CSV.encode())})
    assert ImportJob.objects.count() == 1
