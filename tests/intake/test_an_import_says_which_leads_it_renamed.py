"""An import says which stored leads it renamed (eval35 #5): a row matching a teammate's
lead by email renamed "M6 Client6" to "Gina Only Unsub", said only as one line among the
updates. A match still updates the lead (README: "a match updates the lead"), and the
report now says how many stored leads were renamed, with each line, from what to what."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fairchase.intake.jobs import run_job
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

RENAMING = (
    "name,email\r\n"
    "Ann Same,ann.same@example.com\r\n"
    "<b>Gina</b> Only Unsub,mclient6@example.org\r\n"
    "New Person,new.person@example.com\r\n"
)


def _stored(alice, bob, make_lead):
    make_lead(alice, name="Ann Same", email="ann.same@example.com")
    return make_lead(bob, name="M6 Client6", email="mclient6@example.org")


def test_the_command_says_which_stored_leads_a_file_renamed(
    alice, bob, make_lead, tmp_path, capsys
):
    m6 = _stored(alice, bob, make_lead)
    path = tmp_path / "reimport.csv"
    path.write_text(RENAMING)
    call_command("import", str(path), "--owner", "alice", "--dry-run")
    said = capsys.readouterr().out
    assert "1 lead already stored would be renamed" in said
    assert Lead.objects.get(pk=m6.pk).name == "M6 Client6"
    call_command("import", str(path), "--owner", "alice")
    said = capsys.readouterr().out
    assert (
        "1 lead already stored was renamed by a row matching its email or phone: check each "
        "new name is that person's (line 3: “M6 Client6” -> “<b>Gina</b> Only Unsub” "
        "(mclient6@example.org))." in said
    )
    assert Lead.objects.get(pk=m6.pk).name == "<b>Gina</b> Only Unsub"  # the rule stays


def test_the_web_report_lists_the_rename_escaped(client, alice, bob, boss, make_lead):
    _stored(alice, bob, make_lead)
    client.force_login(boss)
    upload = SimpleUploadedFile("reimport.csv", RENAMING.encode(), content_type="text/csv")
    client.post("/in/import/", {"file": upload})
    job = ImportJob.objects.get()
    mapping = {f"col{i}": f for i, f in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**mapping, "action": "import"})
    assert run_job(job.pk) is True
    html = client.get(f"/in/import/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "1 lead already stored was renamed" in html
    assert "line 3: “M6 Client6” -&gt; “&lt;b&gt;Gina&lt;/b&gt; Only Unsub”" in html
    assert "<b>Gina</b>" not in html
