"""Import from the web UI: upload -> column mapping -> preview and dry run -> import
with a progress bar (htmx polls the job)."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import asdict
from itertools import islice
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fairchase.leads.models import BusinessSettings
from fairchase.leads.people import team, visible_leads
from fairchase.params import an_id
from fairchase.web.views.common import web_view

from ..header_row import header_and_rows
from ..importer import import_file
from ..jobs import estimate_rows, start_again, start_in_background
from ..mapping import FIELDS, PRESET_LABELS, clean_mapping, detect_mapping
from ..models import ImportJob
from ..reading import Row, is_excel
from ..report import said_no_unread
from ..restoring import header_zone
from ..row_checks import addresses_in, unread_addresses, unread_in_row, unread_said
from ..row_reading import mapping_problem, read_row
from ..said_no_headers import SAYS_NO_FIELDS
from ..workbook import sheets_to_choose

PREVIEW_ROWS = 8
# The preview rows are kept with the job up to this many characters of cells (a workbook's
# shared string may fill every cell of them).
PREVIEW_CHARS = 1_000_000
# A dry run runs inside the request: beyond this many rows the import itself reports the rest.
DRY_RUN_ROWS = 20_000


@require_POST
@web_view
def upload(request):
    """Store the file and detect its columns."""
    f = request.FILES.get("file")
    if f is None:
        messages.error(request, "Choose a CSV or Excel file to import.")
        return redirect("intake:home")
    if f.size > settings.IMPORT_MAX_BYTES:  # read per upload: a test or operator may lower it
        messages.error(
            request,
            f"The file is larger than {settings.IMPORT_MAX_BYTES // 2**20} MB: split it, "
            "or use `fairchase import`.",
        )
        return redirect("intake:home")
    data = f.read()
    header, rows = header_and_rows(io.BytesIO(data), f.name)
    if header is None or header.problem:
        messages.error(
            request,
            f"Cannot import {f.name}: {header.problem if header else 'the file has no rows.'}",
        )
        return redirect("intake:home")
    preset, mapping = detect_mapping(header.cells)
    if (chosen := last_chosen(request.user, header.cells[:200], mapping)) is not None:
        preset, mapping = "remembered", chosen
    # a workbook of several sheets of cells: the page asks which (the upload is kept)
    sheets, sheet = sheets_to_choose(data) if is_excel(data[:4]) else ([], "")
    owner = (
        team(request.user).filter(pk=an_id(request.POST.get("owner")) or request.user.pk).first()
        or request.user
    )
    job = ImportJob.objects.create(
        user=request.user,
        owner=owner,
        filename=f.name[:255],
        data=data,
        size=len(data),
        estimated_rows=estimate_rows(data),
        header=header.cells[:200],
        mapping=mapping[:200],
        preset=preset,
        sheets=sheets,
        sheet=sheet,
        ahead=_ahead_of(header, rows),
    )
    return redirect("intake:import_job", pk=job.pk)


def last_chosen(user, header: list[str], detected: list[str]) -> list[str] | None:
    """The mapping this user chose for this very header at their last import of it that
    finished (not a dry run, not one left half-mapped, not a failed one: so the page's
    "Your mapping ... at your last import" is true), so next week's copy of the same sheet
    asks for nothing again; None when they had not imported this header. A said-no column
    detection reads ("Do not contact") stays read (review27 #1): an old mapping that left
    it unread would bring its people in to be contacted."""
    recent = (
        ImportJob.objects.filter(user=user, state=ImportJob.State.DONE)
        .only("header", "mapping")
        .order_by("-created_at", "-pk")[:200]
    )
    chosen = next((job.mapping for job in recent if job.header == header), None)
    if chosen is None:
        return None
    chosen = list(chosen) + [""] * (len(detected) - len(chosen))
    return [
        found if found in SAYS_NO_FIELDS and was != found else was
        for was, found in zip(chosen, detected, strict=False)
    ]


def _job(request, pk, *, to_read: bool = False) -> ImportJob:
    """The user's own import job; to read (its report, its progress), an owner/admin may open
    anyone's too (a teammate's import of leads they now see). 404 otherwise."""
    jobs = ImportJob.objects.select_related("owner", "user")
    if not (to_read and request.is_admin):
        jobs = jobs.filter(user=request.user)
    return get_object_or_404(jobs, pk=pk)


def _preview(job: ImportJob) -> list[dict]:
    """The preview rows of `_read_ahead`."""
    return _read_ahead(job)[1]


def _ahead_of(header: Row, rows) -> dict:
    """What the mapping page shows of the file, read with the upload and kept with the job:
    openpyxl parses a workbook's shared strings whole on each load, seconds for a large
    one, and the page is shown again after each choice. The width and the words of its
    header, its first rows (PREVIEW_ROWS of them, fewer past PREVIEW_CHARS), and the
    columns of each row (the first DRY_RUN_ROWS) holding what looks like an email or a
    phone (`row_checks.addresses_in`), so the page counts a column left unread over the
    file, as the import does, not over its preview."""
    kept, chars, cut, seen = [], 0, False, []
    for row in islice(rows, DRY_RUN_ROWS):
        if found := addresses_in(row.cells):  # the whole file's, for `_read_ahead`
            seen.append(found)
        if cut or len(kept) == PREVIEW_ROWS:
            continue
        chars += sum(len(cell) for cell in row.cells)
        cut = chars > PREVIEW_CHARS
        if not cut:
            kept.append(_without_nuls(asdict(row)))
    return {
        "width": len(header.cells),
        "about": header.warnings,
        "rows": kept,
        "cut": cut,
        "seen": seen,
        "seen_all": next(iter(rows), None) is None,
    }


def _without_nuls(row: dict) -> dict:
    """A kept row as PostgreSQL stores it in a JSON field (it refuses \\u0000): a cell's NUL
    bytes left out, their number kept under "nuls" (review25 H4). `_kept_rows` puts them back,
    so the preview still says of the cell what the import will (`row_checks.controls_said`)."""
    nuls = {i: cell.count("\x00") for i, cell in enumerate(row["cells"]) if "\x00" in cell}
    if nuls:
        row["cells"] = [cell.replace("\x00", "") for cell in row["cells"]]
    return {**row, "nuls": nuls}


def _with_nuls(row: dict) -> list[str]:
    """The row's cells as read: its NULs (`_without_nuls`) put back at the cell's end (where in
    the cell does not matter: the import leaves them out and counts them)."""
    nuls = {int(col): n for col, n in row.get("nuls", {}).items()}
    return [cell + "\x00" * nuls.get(i, 0) for i, cell in enumerate(row["cells"])]


def _kept_rows(job: ImportJob) -> dict:
    """The job's `_ahead_of`, its rows as read (a job uploaded before they were kept: read now)."""
    ahead = job.ahead
    if not ahead:
        header, rows = header_and_rows(io.BytesIO(bytes(job.data)), job.filename, job.sheet)
        if header is None:
            return {"width": len(job.header), "about": [], "rows": [], "cut": False}
        ahead = _ahead_of(header, rows)
    rows = [
        Row(
            **{
                **{key: value for key, value in row.items() if key != "nuls"},
                "cells": _with_nuls(row),
                "uncached": {int(col): f for col, f in row["uncached"].items()},
                "cut": {int(col): n for col, n in row.get("cut", {}).items()},
            }
        )
        for row in ahead["rows"]
    ]
    return {**ahead, "rows": rows}


def _read_ahead(job: ImportJob) -> tuple[list[str], list[dict]]:
    """(What the import says of the file as a whole: the sheet of a workbook it reads; the
    first rows as the import would read them (`importer.read_row`, the import's own
    reading): the dates and values it read beside the names, so a person spots a date read
    the wrong way round before importing, and a row it would skip, with the import's
    reason)."""
    ahead = _kept_rows(job)
    zone = header_zone(job.header, job.mapping) or ZoneInfo(  # as the import reads them
        BusinessSettings.current().business_timezone or "UTC"
    )
    out, unread = [], Counter()  # (column, field) -> rows whose only address is there
    for seen in ahead.get("seen", ()):
        unread.update(unread_addresses(seen, job.mapping))
    for row in ahead["rows"]:
        reading = read_row(row, job.mapping, ahead["width"], "import", zone, job.header)
        if "seen" not in ahead:  # a job uploaded before the file's rows were looked at
            unread.update(unread_in_row(row.cells, job.mapping, reading.fields))
        out.append(
            {
                "line": reading.line,
                "fields": reading.fields,
                "skipped": reading.skipped,
                "error": reading.skipped or "; ".join([*reading.warnings, *_said_no(reading)]),
            }
        )
    said = unread_said(unread, job.header)
    if said and not ahead.get("seen_all", True):
        said.append(f"(Counted over the file's first {DRY_RUN_ROWS:,} rows.)")
    return [*ahead["about"], *said], out


def _said_no(reading) -> list[str]:
    """What the preview says of a row whose Do not contact (or status) cell says they opted
    out, as the dry run says it (newcomer72 #7: its Problem column was empty for them)."""
    if reading.skipped or reading.fields.get("status") != "Opted out":
        return []
    return ["comes in opted out, never to be contacted"]


@web_view
def job_view(request, pk):
    """Mapping + preview while choosing columns; the progress bar or report afterwards."""
    job = _job(request, pk, to_read=True)
    ctx = {"job": job, "fields": FIELDS, "preset_label": PRESET_LABELS.get(job.preset, job.preset)}
    if job.state == ImportJob.State.MAPPING:
        ctx["columns"] = list(zip(job.header, job.mapping, strict=False))
        # A mapping the import would read no row with: the preview says what the import says.
        ctx["unreadable"] = mapping_problem(job.mapping)
        ctx["about"], ctx["preview"] = _read_ahead(job)
        ctx["about"] += said_no_unread(job.header, job.mapping)  # before the dry run, too
        if ctx["unreadable"]:
            ctx["preview"] = []
        # a preview cut short of PREVIEW_ROWS by its size still shows the first rows only
        ctx["preview_rows"] = len(ctx["preview"]) if job.ahead.get("cut") else PREVIEW_ROWS
        ctx["dry_run"] = request.session.pop(f"import-dry-run-{job.pk}", None)
        ctx["sheets"] = job.sheets
    template = (
        "intake/_import_progress.html"
        if request.headers.get("HX-Request")
        else "intake/import_job.html"
    )
    return render(request, template, ctx)


@require_POST
@web_view
def job_sheet(request, pk):
    """Read another sheet of the uploaded workbook (kept with the job: no second upload):
    its columns detected afresh. A name the workbook has no sheet by changes nothing."""
    job = _job(request, pk)
    if job.state != ImportJob.State.MAPPING:
        return redirect("intake:import_job", pk=job.pk)
    name = request.POST.get("sheet", "")
    titles = [title for title, _rows in job.sheets]
    header, rows = (
        header_and_rows(io.BytesIO(bytes(job.data)), job.filename, name)
        if name in titles
        else (None, iter(()))
    )
    if header is None or header.problem:
        why = header.problem if header else f"The workbook has no sheet “{name[:100]}”."
        messages.error(request, f"{why} Still reading “{job.sheet}”.")
        return redirect("intake:import_job", pk=job.pk)
    job.preset, job.mapping = detect_mapping(header.cells)
    if (chosen := last_chosen(request.user, header.cells[:200], job.mapping)) is not None:
        job.preset, job.mapping = "remembered", chosen
    job.header, job.mapping = header.cells[:200], job.mapping[:200]
    job.sheet = name
    job.estimated_rows = dict(job.sheets).get(name, 0)
    job.ahead = _ahead_of(header, rows)
    job.save(update_fields=["preset", "header", "mapping", "sheet", "estimated_rows", "ahead"])
    request.session.pop(f"import-dry-run-{job.pk}", None)  # it read the other sheet
    return redirect("intake:import_job", pk=job.pk)


@require_POST
@web_view
def job_submit(request, pk):
    """Save the mapping, then dry-run or start the import."""
    job = _job(request, pk)
    if job.state != ImportJob.State.MAPPING:
        return redirect("intake:import_job", pk=job.pk)
    job.mapping = clean_mapping(
        [request.POST.get(f"col{i}", "") for i in range(len(job.header))], len(job.header)
    )
    job.save(update_fields=["mapping"])
    if request.POST.get("action") == "dry_run":
        report = import_file(
            io.BytesIO(bytes(job.data)),
            job.owner,
            filename=job.filename,
            mapping=job.mapping,
            scope=visible_leads(request.user),
            user=request.user,
            dry_run=True,
            max_rows=DRY_RUN_ROWS,
            sheet=job.sheet,
        )
        data = report.as_dict()
        for key in ("errors", "warnings", "changes", "asked_not"):  # a page's worth in the session
            data[key] = data[key][:200]
        request.session[f"import-dry-run-{job.pk}"] = data
        return redirect("intake:import_job", pk=job.pk)
    if request.POST.get("action") == "cancel":
        job.delete()
        messages.info(request, "Import cancelled.")
        return redirect("intake:home")
    job.state, job.moved_at = ImportJob.State.QUEUED, timezone.now()
    job.save(update_fields=["state", "moved_at"])
    transaction.on_commit(lambda: start_in_background(job.pk))
    return redirect("intake:import_job", pk=job.pk)


@require_POST
@web_view
def job_restart(request, pk):
    """Start again an import whose process stopped (a restart, a crash): the rows it
    imported already are found again, not added twice. Once, however many click."""
    job = _job(request, pk)
    if start_again(ImportJob, job.pk):
        transaction.on_commit(lambda: start_in_background(job.pk))
    return redirect("intake:import_job", pk=job.pk)
