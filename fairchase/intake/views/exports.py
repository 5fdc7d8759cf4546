"""Downloads (CSV, Excel, history JSONL) and the secret calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fairchase.leads.models import FINISHED_STATUSES
from fairchase.leads.people import profile_of, visible_leads
from fairchase.leads.planning import with_history
from fairchase.web.views.common import web_view

from ..calendar import feed, profile_for_secret, rotate_calendar_secret
from ..export_jobs import queue_export, too_big
from ..exporting import KINDS, csv_lines, excel_file
from ..history import history_lines
from ..models import ExportJob

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@web_view
def export(request, kind, fmt):
    """Leads, attempts or commitments of the leads this user sees, as CSV or Excel. CSV
    streams; an Excel file of more than `EXPORT_INLINE_ROWS` rows is built in the
    background, and its page says how far it is and offers it when ready."""
    if kind not in KINDS or fmt not in ("csv", "xlsx"):
        raise Http404("No such export")
    leads = visible_leads(request.user)
    stamp = timezone.now().strftime("%Y%m%d")
    name = f"fairchase-{kind}-{stamp}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(kind, leads), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if rows := too_big(kind, leads):
        return redirect("intake:export_job", pk=queue_export(request.user, kind, rows).pk)
    return FileResponse(
        excel_file(kind, leads), as_attachment=True, filename=name, content_type=XLSX
    )


def _export_job(request, pk) -> ExportJob:
    """The user's own export (another's is 404: it holds the leads they see)."""
    return get_object_or_404(ExportJob.objects.defer("data"), pk=pk, user=request.user)


@require_GET
@web_view
def export_job(request, pk):
    """An export being prepared (refreshed every second by htmx), then its download link."""
    template = (
        "intake/_export_progress.html"
        if request.headers.get("HX-Request")
        else "intake/export_job.html"
    )
    return render(request, template, {"job": _export_job(request, pk)})


@require_GET
@web_view
def export_download(request, pk):
    job = _export_job(request, pk)
    if job.state != ExportJob.State.DONE:
        return redirect("intake:export_job", pk=job.pk)
    data = ExportJob.objects.values_list("data", flat=True).get(pk=job.pk)
    response = HttpResponse(bytes(data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


@require_GET
@web_view
def export_history(request):
    """Finished leads in the decision core's record format (re-importable)."""
    leads = with_history(
        visible_leads(request.user).filter(status__in=FINISHED_STATUSES).order_by("pk")
    )
    response = StreamingHttpResponse(
        history_lines(leads), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="fairchase-history-{timezone.now():%Y%m%d}.jsonl"'
    )
    return response


@require_GET
def calendar_feed(request, secret):
    """Public but secret: the user's iCalendar feed (a wrong or rotated secret is 404)."""
    profile = profile_for_secret(secret)
    if profile is None:
        raise Http404("No such calendar")
    response = HttpResponse(feed(profile.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="fairchase.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
@web_view
def calendar_rotate(request):
    rotate_calendar_secret(profile_of(request.user))
    messages.success(
        request, "New calendar address: the old one no longer works; subscribe to the new one."
    )
    return redirect("intake:home")
