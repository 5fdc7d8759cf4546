"""Excel exports too big for a request (`settings.EXPORT_INLINE_ROWS` rows and more): the
request records an `ExportJob` and answers at once with a page that shows its progress;
a thread started after its commit builds the workbook, with the worker as a fallback (as
web imports run, `jobs`). A job is claimed by a conditional UPDATE, so it runs once; one
whose process stopped its page offers to ask again (a new job)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from fairchase.leads.people import visible_leads

from .exporting import excel_file, row_count
from .jobs import claim, in_a_thread, mine, mover
from .models import ExportJob, Superseded

log = logging.getLogger("fairchase.intake")
KEPT_FOR = timedelta(days=1)  # a built workbook can be downloaded this long
WAITING = (ExportJob.State.QUEUED, ExportJob.State.RUNNING)


def inline_limit() -> int:
    return settings.EXPORT_INLINE_ROWS


def too_big(kind: str, leads) -> int:
    """The export's row count when it is too big to build in the request, else 0."""
    rows = row_count(kind, leads)
    return rows if rows > inline_limit() else 0


def queue_export(user, kind: str, rows: int) -> ExportJob:
    """The user's export of `kind` being prepared (one at a time per kind: asking again
    while it is built shows the same one), started once the request commits. The user's
    row is locked first, so two clicks at once (two tabs, a double click) find one job, not
    two built side by side (review25 L1: check-then-insert let both create one)."""
    alive = timezone.now() - ExportJob.STALLED_AFTER  # not one interrupted: that starts anew
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        job = ExportJob.objects.filter(
            user=user, kind=kind, state__in=WAITING, moved_at__gte=alive
        ).first()
        if job is None:
            job = ExportJob.objects.create(user=user, kind=kind, total=rows)
            transaction.on_commit(lambda: start_in_background(job.pk))
    return job


def run_export(pk: int) -> bool:
    """Build one queued export if nobody else has claimed it; True when this call built it."""
    token = claim(ExportJob, pk)
    if token is None:
        return False
    job = ExportJob.objects.select_related("user").get(pk=pk)
    try:
        with excel_file(job.kind, visible_leads(job.user), mover(ExportJob, pk, token)) as f:
            data, state = f.read(), ExportJob.State.DONE
    except Superseded:
        log.warning("export job %s was started again: this run stops", pk)
        return True
    except Exception:
        log.exception("export job %s failed", pk)
        data, state = b"", ExportJob.State.FAILED
    mine(ExportJob, pk, token).update(  # not if it was started again meanwhile
        state=state, data=data, processed=job.total, finished_at=timezone.now()
    )
    return True


def start_in_background(pk: int) -> None:
    """Build the export in a thread of this process (its page polls the progress)."""
    in_a_thread(run_export, pk, "export")


def run_queued_exports() -> int:
    """Worker step: exports queued but never started (the web process restarted), and the
    workbooks older than a day let go."""
    now = timezone.now()
    ExportJob.objects.filter(created_at__lt=now - KEPT_FOR).delete()
    stale = now - timedelta(minutes=1)
    pks = list(
        ExportJob.objects.filter(state=ExportJob.State.QUEUED, moved_at__lt=stale)
        .order_by("pk")
        .values_list("pk", flat=True)[:1]
    )
    return sum(1 for pk in pks if run_export(pk))
