"""The web remembers a mapping only from the user's own import that finished (review27 #1):
another user's dry run, never imported, once left "Do not contact" unread for the next
upload of the same header, and Ann Lee, who said no, came in open to be contacted. And a
remembered mapping never leaves unread a said-no column detection reads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead, Status

pytestmark = pytest.mark.django_db  # the run starts on commit: never here, so run_job runs it

SHEET = "Name;Email;Do not contact\r\nAnn Lee;ann@example.com;yes\r\n"


def _upload(client, user) -> ImportJob:
    client.force_login(user)
    client.post(
        "/in/import/",
        {"file": SimpleUploadedFile("m.csv", SHEET.encode(), content_type="text/csv")},
    )
    return ImportJob.objects.latest("pk")


def _post(client, job, mapping, action):
    columns = {f"col{i}": fname for i, fname in enumerate(mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**columns, "action": action})


def test_another_users_dry_run_is_not_remembered(client, alice, bob):
    first = _upload(client, alice)
    assert first.mapping == ["name", "email", "opted_out"]
    _post(client, first, ["name", "email", ""], "dry_run")
    again = _upload(client, bob)
    assert again.mapping == ["name", "email", "opted_out"]
    assert again.preset != "remembered"
    _post(client, again, again.mapping, "import")
    assert run_job(again.pk) is True
    assert Lead.objects.get().status == Status.OPTED_OUT


def test_a_remembered_mapping_never_unreads_do_not_contact(client, alice):
    first = _upload(client, alice)
    _post(client, first, ["name", "email", ""], "import")  # finished, the column unread
    assert run_job(first.pk) is True
    Lead.objects.all().delete()
    again = _upload(client, alice)
    assert again.preset == "remembered"
    assert again.mapping == ["name", "email", "opted_out"]
    assert "at your last import" in client.get(f"/in/import/{again.pk}/").content.decode()
