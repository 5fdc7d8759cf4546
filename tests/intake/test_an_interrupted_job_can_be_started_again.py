"""An import or a big Excel export whose server process stopped mid-way (a restart, a
crash, a kill) is not left "being prepared" forever: a job moves (its progress, the
moment it moved) every batch of rows, and one that has not moved for `STALLED_AFTER` is
said to be interrupted, its page stops polling and offers to start again. Starting it
again is one conditional UPDATE, so of two clicks (or processes) one starts it. Here the
interrupted job is the row its process left: running, a few rows in, moved long ago."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from fairchase.intake import jobs, matching
from fairchase.intake.export_jobs import run_export
from fairchase.intake.importer import import_file
from fairchase.intake.models import ExportJob, ImportJob
from fairchase.leads.models import Lead

from .test_import_web_and_cli import upload

AT = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
LONG_AGO = AT - ImportJob.STALLED_AFTER - timedelta(seconds=1)
LATELY = AT - ImportJob.STALLED_AFTER + timedelta(seconds=1)


@pytest.fixture
def importing(client, alice, stop_clock):
    """Alice's import of generic.csv (3 rows), queued."""
    stop_clock(AT)
    client.force_login(alice)
    upload(client, "generic.csv")
    job = ImportJob.objects.get()
    columns = {f"col{i}": field for i, field in enumerate(job.mapping)}
    client.post(f"/in/import/{job.pk}/run/", {**columns, "action": "import"})
    return job


def _left_running(model, moved_at, processed=1) -> None:
    model.objects.update(state="running", processed=processed, moved_at=moved_at)


def test_an_import_whose_process_stopped_is_started_again_once(
    client, importing, monkeypatch, django_capture_on_commit_callbacks
):
    started = []
    monkeypatch.setattr("fairchase.intake.views.imports.start_in_background", started.append)
    _left_running(ImportJob, LONG_AGO)
    page = client.get(f"/in/import/{importing.pk}/").content.decode()
    assert "The import was interrupted" in page and 'id="import-again"' in page
    assert "hx-get" not in page  # no endless polling
    assert "Interrupted" in client.get("/in/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/in/import/{importing.pk}/restart/")
        client.post(f"/in/import/{importing.pk}/restart/")  # a second click, another tab
    assert started == [importing.pk]
    job = ImportJob.objects.get()
    assert (job.state, job.processed, job.moved_at) == ("queued", 0, AT)
    assert jobs.run_job(job.pk)
    assert ImportJob.objects.get().state == "done" and Lead.objects.count() == 3


def test_an_import_that_moved_lately_is_left_to_its_process(client, importing):
    _left_running(ImportJob, LATELY)
    page = client.get(f"/in/import/{importing.pk}/").content.decode()
    assert "interrupted" not in page and "hx-get" in page
    client.post(f"/in/import/{importing.pk}/restart/")
    assert ImportJob.objects.get().state == "running"


def test_of_two_asking_to_start_it_again_one_does(importing):
    _left_running(ImportJob, LONG_AGO)
    assert [jobs.start_again(ImportJob, importing.pk) for _ in range(2)] == [True, False]


def test_progress_is_the_heartbeat(importing, stop_clock):
    token = jobs.claim(ImportJob, importing.pk)
    _left_running(ImportJob, LONG_AGO)
    jobs.mover(ImportJob, importing.pk, token)(2)
    job = ImportJob.objects.get()
    assert (job.processed, job.moved_at, job.interrupted) == (2, AT, False)


def test_an_export_whose_process_stopped_is_asked_again(
    client, alice, make_lead, stop_clock, settings
):
    stop_clock(AT)
    settings.EXPORT_INLINE_ROWS = 0
    make_lead(alice)
    client.force_login(alice)
    first = client.get("/in/export/leads.xlsx").url
    _left_running(ExportJob, LATELY, processed=0)
    assert "hx-get" in client.get(first).content.decode()
    assert client.get("/in/export/leads.xlsx").url == first  # still being prepared: the same
    _left_running(ExportJob, LONG_AGO, processed=0)
    page = client.get(first).content.decode()
    assert "The export was interrupted" in page and 'id="export-again"' in page
    assert "hx-get" not in page
    again = client.get("/in/export/leads.xlsx").url
    assert again != first
    job = ExportJob.objects.get(state="queued")
    assert run_export(job.pk) and ExportJob.objects.get(pk=job.pk).state == "done"


def test_a_run_started_again_while_the_first_still_goes_leaves_the_new_run_alone(importing):
    """review27 #5: the first run was only slow. Once its job is started again, its
    progress and its end write nothing, and it stops at its next batch (`Superseded`)."""
    old = jobs.claim(ImportJob, importing.pk)
    _left_running(ImportJob, LONG_AGO)
    assert jobs.start_again(ImportJob, importing.pk)
    new = jobs.claim(ImportJob, importing.pk)
    assert new is not None and new != old
    jobs.mover(ImportJob, importing.pk, new)(1)
    with pytest.raises(jobs.Superseded):
        jobs.mover(ImportJob, importing.pk, old)(3)
    assert jobs.mine(ImportJob, importing.pk, old).update(state="done") == 0
    job = ImportJob.objects.get()
    assert (job.state, job.processed, job.moved_at) == ("running", 1, AT)


def test_an_import_started_again_under_it_stops_without_importing(importing, monkeypatch):
    """The old run reaches a batch after the restart: it imports nothing and leaves the
    job's state, progress and report to the new run."""
    real_mover = jobs.mover

    def restarted_under_it(model, pk, token):
        _left_running(ImportJob, LONG_AGO)
        assert jobs.start_again(ImportJob, pk) and jobs.claim(ImportJob, pk)
        return real_mover(model, pk, token)

    monkeypatch.setattr(jobs, "mover", restarted_under_it)
    assert jobs.run_job(importing.pk)
    job = ImportJob.objects.get()
    assert (job.state, job.processed, job.report) == ("running", 0, {})
    assert Lead.objects.count() == 0


def test_an_export_started_again_under_it_writes_nothing(
    client, alice, make_lead, settings, stop_clock
):
    stop_clock(AT)
    settings.EXPORT_INLINE_ROWS = 0
    make_lead(alice)
    client.force_login(alice)
    client.get("/in/export/leads.xlsx")
    job = ExportJob.objects.get()
    old = jobs.claim(ExportJob, job.pk)
    _left_running(ExportJob, LONG_AGO, processed=0)
    assert jobs.start_again(ExportJob, job.pk) and jobs.claim(ExportJob, job.pk)
    with pytest.raises(jobs.Superseded):
        jobs.mover(ExportJob, job.pk, old)(2000)
    assert jobs.mine(ExportJob, job.pk, old).update(state="done") == 0
    assert ExportJob.objects.get().state == "running"


def test_a_run_started_again_just_before_its_batch_is_saved_saves_nothing(importing, monkeypatch):
    """review27 leftover: the run's last progress check passed, then the job was started
    again while the batch was being matched: the check and the batch's writes are one
    transaction (the job's row checked, and held, before the first write), so the stale
    run's batch is rolled back and not one of its leads is written."""
    real_existing = matching.Batch._existing

    def restarted_meanwhile(batch):
        if not ImportJob.objects.filter(claims__gt=1).exists():  # once: the new run's claim
            _left_running(ImportJob, LONG_AGO)
            assert jobs.start_again(ImportJob, importing.pk) and jobs.claim(ImportJob, importing.pk)
        return real_existing(batch)

    monkeypatch.setattr(matching.Batch, "_existing", restarted_meanwhile)
    token = jobs.claim(ImportJob, importing.pk)
    with pytest.raises(jobs.Superseded):
        import_file(
            io.BytesIO(bytes(importing.data)),
            importing.owner,
            filename=importing.filename,
            mapping=importing.mapping,
            progress=jobs.mover(ImportJob, importing.pk, token),
        )
    assert Lead.objects.count() == 0
    assert ImportJob.objects.get().claims == token + 1  # the new run's, untouched
