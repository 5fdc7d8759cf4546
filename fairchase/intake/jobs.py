"""Web imports run in the background: a thread started after the upload's commit, with
the worker as a fallback. A job is claimed by a conditional UPDATE, so it runs once; one
whose process stopped (`BackgroundJob.interrupted`) its page offers to start again, by
another conditional UPDATE, so two clicks or processes start it once. (Exports alike.)"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable

from django.db import connection
from django.utils import timezone

from fairchase.leads.people import visible_leads

from .importer import import_file
from .models import BackgroundJob, ImportJob, Superseded
from .report import ImportReport

log = logging.getLogger("fairchase.intake")


def estimate_rows(data: bytes, sheet: str = "") -> int:
    """Roughly how many data rows (for the progress bar): lines, or the size of the sheet
    read (named `sheet`, or the one `leads_sheet` picks)."""
    if data[:4] == b"PK\x03\x04":
        try:
            from openpyxl import load_workbook

            from .workbook import leads_sheet, unzipped_problem

            if unzipped_problem(io.BytesIO(data)):
                return 0
            wb = load_workbook(io.BytesIO(data), read_only=True)
            declared = {ws.title: ws.max_row or 0 for ws in wb.worksheets}
            rows = declared[leads_sheet(wb, sheet)[0].title]  # the sheet the import reads
            wb.close()
            return max(0, rows - 1)
        except Exception:
            return 0
    return max(0, data.count(b"\n") - 1)


def claim(model: type[BackgroundJob], pk: int) -> int | None:
    """Take a queued job to run; of two processes asking at once, one gets it. Returns the
    run's claim (its token: its progress and its end are written only while it is the last
    claim), or None when another took it."""
    claims = model.objects.filter(pk=pk, state="queued").values_list("claims", flat=True).first()
    if claims is None:
        return None
    taken = model.objects.filter(pk=pk, state="queued", claims=claims).update(
        state="running", moved_at=timezone.now(), claims=claims + 1
    )
    return claims + 1 if taken == 1 else None


def mine(model: type[BackgroundJob], pk: int, token: int):
    """The job's row while the run holding `token` is still the job's run."""
    return model.objects.filter(pk=pk, claims=token, state="running")


def mover(model: type[BackgroundJob], pk: int, token: int) -> Callable[[int], None]:
    """The job's `progress(rows)`: how far it is, and that its process is alive. A run that
    was started again meanwhile (its claim stale) is told by `Superseded`, and stops. Asked
    first in a batch's transaction (`Importer.check_in`), its UPDATE holds the job's row till
    the batch commits: a restart waits for the batch, or the batch (its leads and merges) is
    rolled back. A row's suppressions, notes and held wishes, written as it was read, are
    not: the restarted run writes them again, changing nothing (`Importer.check_in`)."""

    def progress(rows: int) -> None:
        if not mine(model, pk, token).update(processed=rows, moved_at=timezone.now()):
            raise Superseded(f"{model.__name__} {pk} was started again")

    return progress


def start_again(model: type[BackgroundJob], pk: int) -> bool:
    """Queue again a job whose process stopped (`interrupted`); True when this call did (of
    two clicks or processes at once, the second finds it moved: PostgreSQL re-reads the
    row a concurrent UPDATE changed before it updates it)."""
    stalled = timezone.now() - model.STALLED_AFTER
    return (
        model.objects.filter(pk=pk, state__in=model.WAITING, moved_at__lt=stalled).update(
            state="queued", processed=0, moved_at=timezone.now()
        )
        == 1
    )


def run_job(pk: int) -> bool:
    """Run one queued job if nobody else has claimed it; True when this call ran it."""
    token = claim(ImportJob, pk)
    if token is None:
        return False
    job = ImportJob.objects.select_related("user", "owner").get(pk=pk)
    try:
        report = import_file(
            io.BytesIO(bytes(job.data)),
            job.owner,
            filename=job.filename,
            mapping=job.mapping,
            scope=visible_leads(job.user),
            user=job.user,
            progress=mover(ImportJob, pk, token),
            sheet=job.sheet,
        )
        state = ImportJob.State.DONE
    except Superseded:
        log.warning("import job %s was started again: this run stops", pk)
        return True
    except Exception as exc:  # import_file never raises; this guards the bookkeeping around it
        log.exception("import job %s failed", pk)
        report = ImportReport()
        report.add_error(0, f"The import stopped: {exc}")
        state = ImportJob.State.FAILED
    mine(ImportJob, pk, token).update(  # not if it was started again meanwhile
        state=state,
        report=report.as_dict(),
        processed=report.rows,
        data=b"",
        finished_at=timezone.now(),
    )
    return True


def in_a_thread(run: Callable[[int], object], pk: int, name: str) -> None:
    """`run(pk)` in a thread of this process, its own database connection closed after it
    (an import or an export: their pages poll the progress)."""

    def target() -> None:
        try:
            run(pk)
        finally:
            connection.close()

    threading.Thread(target=target, name=f"{name}-{pk}", daemon=True).start()


def start_in_background(pk: int) -> None:
    """Run the import job in a thread of this process (the page polls its progress)."""
    in_a_thread(run_job, pk, "import")


def run_queued_imports() -> int:
    """Worker step: imports queued but never started (say, the web process restarted).
    (The worker loop recycles stale connections between steps.)"""
    stale = timezone.now() - timezone.timedelta(minutes=1)
    pks = list(
        ImportJob.objects.filter(state=ImportJob.State.QUEUED, moved_at__lt=stale).values_list(
            "pk", flat=True
        )[:1]
    )
    return sum(1 for pk in pks if run_job(pk))
