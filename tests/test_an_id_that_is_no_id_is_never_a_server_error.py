"""An id typed or posted that is no id ("abc", "²", which passes `str.isdigit`, or a number
past the database's bigint) is read once, by `fairchase.params.an_id`: a form's template
is then not found (404), a form's owner is the one it falls back to, and the command line
says no lead matches, never a server error or a traceback."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from fairchase.intake.models import CaptureForm, ImportJob
from fairchase.outreach.models import MessageTemplate

NOT_IDS = ["abc", "²", "99999999999999999999", "-1", ""]


@pytest.mark.parametrize("raw", NOT_IDS)
def test_sending_a_draft_with_a_template_that_is_no_id_is_not_found(client, alice, make_lead, raw):
    lead = make_lead(alice)
    client.force_login(alice)
    r = client.post(f"/o/leads/{lead.pk}/send/", {"template": raw})
    assert r.status_code == 404
    assert not lead.outbound_messages.exists()


def test_a_real_template_is_still_queued(client, alice, make_lead):
    lead = make_lead(alice)
    template = MessageTemplate.objects.filter(channel="email").first()
    client.force_login(alice)
    r = client.post(f"/o/leads/{lead.pk}/send/", {"template": template.pk})
    assert r.status_code == 302
    assert lead.outbound_messages.count() == 1


@pytest.mark.parametrize("raw", NOT_IDS)
def test_a_capture_form_for_an_owner_that_is_no_id_is_yours(client, alice, raw):
    client.force_login(alice)
    r = client.post("/in/forms/new/", {"name": "Website", "owner": raw})
    assert r.status_code == 302
    assert CaptureForm.objects.get().owner == alice


@pytest.mark.parametrize("raw", NOT_IDS)
def test_an_upload_for_an_owner_that_is_no_id_is_yours(client, alice, raw):
    client.force_login(alice)
    upload = SimpleUploadedFile("list.csv", b"name,email\nJo,jo@example.com\n", "text/csv")
    r = client.post("/in/import/", {"file": upload, "owner": raw})
    assert r.status_code == 302
    assert ImportJob.objects.get().owner == alice


@pytest.mark.parametrize("raw", ["²", "99999999999999999999"])
def test_the_log_command_says_no_lead_matches_an_id_that_is_no_id(alice, make_lead, raw):
    make_lead(alice)
    with pytest.raises(CommandError, match="No lead matches"):
        call_command("log", raw, "--call", "--no-answer")
