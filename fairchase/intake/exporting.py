"""Export leads, attempts and commitments as CSV or Excel, safe to open in a spreadsheet.

A cell that would start a formula (=, +, -, @, tab, CR) gets a leading apostrophe, so
no spreadsheet evaluates it (CSV injection); the importer removes it again. Phone
numbers are E.164: in Excel they are text cells with Excel's own quote prefix, so
`+15551234567` shows as typed; in CSV they carry the visible apostrophe ('+1555...).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from fairchase.leads.models import Attempt, Commitment

from .reading import FORMULA_TRIGGERS

EXCEL_MAX_CELL = 32_767


def neutralise(text: str) -> str:
    """Prefix an apostrophe when the text would start a formula (and when it already
    starts with apostrophes before a trigger, so the importer's un-prefixing round-trips)."""
    if text.lstrip("'")[:1] in FORMULA_TRIGGERS and text.lstrip("'"):
        return "'" + text
    return text


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable
    phone: bool = False


LEAD_COLUMNS = [
    Column("Fairchase ID", lambda x: x.pk),
    Column("Name", lambda x: x.name),
    Column("Company", lambda x: x.company),
    Column("Email", lambda x: x.email),
    Column("Phone", lambda x: x.phone, phone=True),
    Column("Source", lambda x: x.source),
    Column("Value", lambda x: x.value),
    Column("Status", lambda x: x.status),
    Column("Time zone", lambda x: x.timezone),
    Column("Enquiry date", lambda x: x.created_at),
    Column("Consents", lambda x: x.consents),
    Column("Signals", lambda x: x.signals),
    Column("Attempts", lambda x: x.attempt_count),
    Column("Last attempt", lambda x: x.last_attempt_at),
    Column("Next action", lambda x: x.next_action),
    Column("Next channel", lambda x: x.next_channel),
    Column("Next due", lambda x: x.next_due),
    Column("Plan reason", lambda x: x.plan_reason),
    Column("Owner", lambda x: x.owner.get_username()),
    Column("Notes", lambda x: x.notes),
]
ATTEMPT_COLUMNS = [
    Column("Lead ID", lambda x: x.lead_id),
    Column("Lead", lambda x: x.lead.name),
    Column("At", lambda x: x.at),
    Column("Channel", lambda x: x.channel),
    Column("Outcome", lambda x: x.outcome),
    Column("Minutes", lambda x: x.minutes),
    Column("Progress", lambda x: "" if x.progress is None else ("yes" if x.progress else "no")),
    Column("Notes", lambda x: x.notes),
]
COMMITMENT_COLUMNS = [
    Column("Lead ID", lambda x: x.lead_id),
    Column("Lead", lambda x: x.lead.name),
    Column("By", lambda x: x.by),
    Column("What", lambda x: x.what),
    Column("Due", lambda x: x.due_at),
    Column("State", lambda x: x.state),
    Column("Created", lambda x: x.created_at),
    Column("Resolved", lambda x: x.resolved_at),
]
KINDS = {"leads": LEAD_COLUMNS, "attempts": ATTEMPT_COLUMNS, "commitments": COMMITMENT_COLUMNS}


def rows_for(kind: str, leads) -> Iterable:
    """The objects of one export kind among these leads (a queryset), streamed."""
    if kind == "leads":
        return leads.select_related("owner").order_by("pk").iterator(chunk_size=2000)
    if kind == "attempts":
        return (Attempt.objects.filter(lead__in=leads).select_related("lead")
                .order_by("lead_id", "at", "pk").iterator(chunk_size=2000))
    if kind == "commitments":
        return (Commitment.objects.filter(lead__in=leads).select_related("lead")
                .order_by("lead_id", "due_at", "pk").iterator(chunk_size=2000))
    raise ValueError(f"Unknown export {kind!r}")


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(kind: str, leads) -> Iterator[str]:
    """CSV text, one line (record) at a time, starting with a UTF-8 BOM for Excel."""
    columns = KINDS[kind]
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([c.header for c in columns])
    for obj in rows_for(kind, leads):
        yield writer.writerow([neutralise(_text(c.get(obj))) for c in columns])


def excel_cell(ws, column: Column, value):
    text = ILLEGAL_CHARACTERS_RE.sub("", _text(value))[:EXCEL_MAX_CELL]
    if not column.phone:
        text = neutralise(text)
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # always text: never a formula, and phones never become numbers
    if text[:1] in FORMULA_TRIGGERS:  # only phones get here: Excel's own "typed as text" mark
        cell.quotePrefix = True
    return cell


def excel_file(kind: str, leads) -> io.BufferedRandom:
    """An .xlsx workbook (write-only, so memory stays flat) as a temporary file at offset 0."""
    columns = KINDS[kind]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(kind.title())
    ws.append([c.header for c in columns])
    for obj in rows_for(kind, leads):
        ws.append([excel_cell(ws, c, c.get(obj)) for c in columns])
    out = tempfile.TemporaryFile()
    wb.save(out)
    out.seek(0)
    return out

