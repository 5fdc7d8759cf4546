"""Export leads, attempts and commitments as CSV or Excel, safe to open in a spreadsheet.

A cell that would start a formula (=, +, -, @, tab, CR) gets a leading apostrophe, so
no spreadsheet evaluates it (CSV injection); the importer removes it again. Phone
numbers are E.164: in Excel they are text cells with Excel's own quote prefix, so
`+13125550100` shows as typed; in CSV they carry the visible apostrophe ('+1312...).
In Excel, numbers and times are typed cells (they sum and sort); times are the business's
wall-clock time to the second, and each time column's header names the zone. Sources,
statuses, channels, outcomes, consents and signals are written as labels ("Web form",
"Asked about price; Kept a promise"), which the importer maps back.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

from fairchase import clock, currency
from fairchase.leads import reach
from fairchase.leads.home import home
from fairchase.leads.models import (
    CONSENTS,
    GOOD_SIGNALS,
    POOR_SIGNALS,
    SOURCES,
    Attempt,
    BusinessSettings,
    Channel,
    Commitment,
    NextAction,
    Outcome,
    Status,
    Suppression,
)
from fairchase.leads.normalize import XML_ILLEGAL

from .reading import FORMULA_TRIGGERS

EXCEL_MAX_CELL = 32_767


def neutralise(text: str) -> str:
    """Prefix an apostrophe when the text would start a formula (and when it already
    starts with apostrophes before a trigger, so the importer's un-prefixing round-trips)."""
    if text.lstrip("'")[:1] in FORMULA_TRIGGERS and text.lstrip("'"):
        return "'" + text
    return text


def within_a_cell(text: str) -> str:
    """Text Excel can hold in one cell (EXCEL_MAX_CELL characters): a longer one is cut and
    says so at its end, with how much is left out (the CSV export keeps it whole)."""
    if len(text) <= EXCEL_MAX_CELL:
        return text
    kept = EXCEL_MAX_CELL - 80  # room for the note below, whatever the count's digits
    return (
        text[:kept] + f" … [cut: {len(text) - kept} more characters; the full text is in the app]"
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable  # obj -> value; obj, zone -> value when `zoned`
    phone: bool = False
    kind: str = "text"  # "number", "money", "date" (typed cells in Excel)
    zoned: bool = False  # text with times in it, written in the export's zone

    def value(self, obj, zone):
        return self.get(obj, zone) if self.zoned else self.get(obj)


def plan_reason(lead, zone) -> str:
    """The plan's reason with its times in the export's zone, named, the lead's own beside
    them ("Call Thu 10 Dec 08:30 CST (09:30 for Gina in New York)"), as the lead page says it."""
    return clock.reason_in_zones(lead.plan_reason, lead, zone, timezone.now())


SOURCE_LABELS = dict(SOURCES) | {"import": "Import"}


def source_label(code: str) -> str:
    """'web_form' -> 'Web form' (the importer maps it back); a source of our own is kept."""
    return SOURCE_LABELS.get(code, code)


def _label(choices) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda code: labels.get(code, code) if code else ""


status_label, action_label = _label(Status.choices), _label(NextAction.choices)
channel_label, outcome_label = _label(Channel.choices), _label(Outcome.choices)
by_label, state_label = _label(Commitment.By.choices), _label(Commitment.State.choices)


def _labels(choices) -> Callable[[list[str]], str]:
    """A list of codes as its labels, '; '-separated ("Asked about price; Kept a promise")."""
    one = _label(choices)
    return lambda codes: "; ".join(one(code) for code in codes or ())


consent_labels, signal_labels = _labels(CONSENTS), _labels(GOOD_SIGNALS + POOR_SIGNALS)


# A held lead's Not to be contacted cell (`reach.is_held`): its addresses are not named, as
# the importer would suppress them for good (`said_no.said_no_cells` reads "email"/"phone"),
# which a request to stop not known to be theirs must not do.
HELD_CELL = "Held: asked to stop (not yet confirmed)"


def not_to_contact(lead) -> str:
    """Whom nobody may contact on the lead's row: its addresses nobody may use ("Email;
    Phone"), opted out, here or on another record, or bounced, and `HELD_CELL` while a
    request to stop nobody has decided on holds the lead (the channel rule,
    `reach.channel_refusal`, for the row's `email_blocked`, `phone_blocked` and `on_hold`).
    The lead page says "(not to be contacted)" beside such an address; a row of the export
    says it too, so a won customer who opted out on a later record, still "Won" with
    "Mailing list" in its consents, is not mailed from a spreadsheet, nor is a held lead
    whose status still reads Open."""
    suppressed = {
        v for v, no in ((lead.email, lead.email_blocked), (lead.phone, lead.phone_blocked)) if no
    }
    held = {lead.pk} if lead.on_hold else set()
    said = [
        label
        for label, channel in (("Email", "email"), ("Phone", "call"))
        if reach.address_refusal(lead, channel, suppressed) == reach.SUPPRESSED
    ]
    if reach.channel_refusal(lead, "call", suppressed, held) == reach.HELD:
        said.append(HELD_CELL)
    return "; ".join(said)


LEAD_COLUMNS = [
    Column("Fairchase ID", lambda x: x.pk, kind="number"),
    Column("Name", lambda x: x.name),
    Column("Company", lambda x: x.company),
    Column("Email", lambda x: x.email),
    Column("Phone", lambda x: x.phone, phone=True),
    Column("Source", lambda x: source_label(x.source)),
    Column("Value", lambda x: x.value, kind="money"),
    Column("Status", lambda x: status_label(x.status)),
    Column("Time zone", lambda x: x.timezone),
    Column("Enquiry date", lambda x: x.created_at, kind="date"),
    Column("Consents", lambda x: consent_labels(x.consents)),
    Column("Not to be contacted", not_to_contact),
    Column("Signals", lambda x: signal_labels(x.signals)),
    Column("Attempts", lambda x: x.attempt_count, kind="number"),
    Column("Last attempt", lambda x: x.last_attempt_at, kind="date"),
    Column("Next action", lambda x: action_label(x.next_action)),
    Column("Next channel", lambda x: channel_label(x.next_channel)),
    Column("Next due", lambda x: x.next_due, kind="date"),
    Column("Plan reason", plan_reason, zoned=True),
    Column("Owner", lambda x: x.owner.get_username()),
    Column("Notes", lambda x: x.notes),
]
ATTEMPT_COLUMNS = [
    Column("Lead ID", lambda x: x.lead_id, kind="number"),
    Column("Lead", lambda x: x.lead.name),
    Column("At", lambda x: x.at, kind="date"),
    Column("Channel", lambda x: channel_label(x.channel)),
    Column("Outcome", lambda x: outcome_label(x.outcome)),
    Column("Minutes", lambda x: x.minutes, kind="number"),
    Column("Progress", lambda x: "" if x.progress is None else ("yes" if x.progress else "no")),
    Column("Notes", lambda x: x.notes),
]
COMMITMENT_COLUMNS = [
    Column("Lead ID", lambda x: x.lead_id, kind="number"),
    Column("Lead", lambda x: x.lead.name),
    Column("By", lambda x: by_label(x.by)),
    Column("What", lambda x: x.what),
    Column("How", lambda x: channel_label(x.channel)),
    Column("Due", lambda x: x.due_at, kind="date"),
    Column("State", lambda x: state_label(x.state)),
    Column("Created", lambda x: x.created_at, kind="date"),
    Column("Resolved", lambda x: x.resolved_at, kind="date"),
]
KINDS = {"leads": LEAD_COLUMNS, "attempts": ATTEMPT_COLUMNS, "commitments": COMMITMENT_COLUMNS}


def headers(columns: list[Column], zone_name: str) -> list[str]:
    """Column headers; a date column names the zone its times are in ("At (Europe/London)")."""
    return [f"{c.header} ({zone_name})" if c.kind == "date" else c.header for c in columns]


def local(value, zone) -> datetime | None:
    """A stored (UTC) time as the business's wall-clock time, to the second, without a zone
    (what a spreadsheet cell holds; the header names the zone)."""
    if value is None:
        return None
    return value.astimezone(zone).replace(tzinfo=None, microsecond=0)


def _zone() -> tuple[str, ZoneInfo]:
    name = BusinessSettings.current().business_timezone or "UTC"
    return name, ZoneInfo(name)


def row_count(kind: str, leads) -> int:
    """How many rows an export of this kind among these leads (a queryset) will have."""
    if kind == "leads":
        return leads.count()
    model = Attempt if kind == "attempts" else Commitment
    return model.objects.filter(lead__in=leads).count()


def rows_for(kind: str, leads) -> Iterable:
    """The objects of one export kind among these leads (a queryset), streamed."""
    if kind == "leads":
        blocked = Suppression.objects.filter  # whether each address is suppressed, in the query
        held = reach.holds(list(leads.values_list("pk", flat=True)))  # few: read once
        return (
            leads.select_related("owner")
            .annotate(
                email_blocked=Exists(blocked(value=OuterRef("email"))),
                phone_blocked=Exists(blocked(value=OuterRef("phone"))),
                on_hold=Case(When(pk__in=list(held), then=Value(True)), default=Value(False))
                if held
                else Value(False),
            )
            .order_by("pk")
            .iterator(chunk_size=2000)
        )
    if kind == "attempts":
        return (
            Attempt.objects.filter(lead__in=leads)
            .select_related("lead")
            .order_by("lead_id", "at", "pk")
            .iterator(chunk_size=2000)
        )
    if kind == "commitments":
        return (
            Commitment.objects.filter(lead__in=leads)
            .select_related("lead")
            .order_by("lead_id", "due_at", "pk")
            .iterator(chunk_size=2000)
        )
    raise ValueError(f"Unknown export {kind!r}")


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(kind: str, leads) -> Iterator[str]:
    """CSV text, one line (record) at a time, starting with a UTF-8 BOM for Excel. Times
    are the business's wall-clock times (the header names the zone), to the second."""
    columns = KINDS[kind]
    zone_name, zone = _zone()
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(headers(columns, zone_name))
    for obj in rows_for(kind, leads):
        yield writer.writerow(
            [
                neutralise(_text(local(v, zone) if c.kind == "date" else v))
                for c in columns
                for v in (c.value(obj, zone),)
            ]
        )


NUMBER_FORMATS = {"money": "#,##0.00", "date": "yyyy-mm-dd hh:mm:ss", "number": "General"}


def excel_cell(ws, column: Column, value, zone=UTC):
    """A typed cell: numbers and dates as such (they sum and sort), everything else text."""
    if column.kind != "text" and value is not None:
        if column.kind == "date":
            value = local(value, zone)
        elif isinstance(value, Decimal):
            value = float(value)
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = NUMBER_FORMATS[column.kind]
        if column.kind == "money" and home().currency != currency.DEFAULT:
            # a euro book's values say so in Excel ("€1,200.50"), still numbers that sum
            cell.number_format = f'"{home().sign}"{cell.number_format}'
        return cell
    # every character XML cannot hold, U+FFFE/U+FFFF too (openpyxl's own filter misses those)
    text = XML_ILLEGAL.sub("", _text(value))
    if not column.phone:
        text = within_a_cell(neutralise(text))  # the apostrophe counts toward the limit
        if not text:
            return None  # no cell at all
        if text[:1] not in FORMULA_TRIGGERS and text not in ERROR_CODES:
            return text  # openpyxl writes it as text, cheaper than taking a cell of ours
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # always text: never a formula, and phones never become numbers
    if text[:1] in FORMULA_TRIGGERS:  # only phones get here: Excel's own "typed as text" mark
        cell.quotePrefix = True
    return cell


def excel_file(kind: str, leads, progress: Callable[[int], None] | None = None):
    """An .xlsx workbook (write-only, so memory stays flat) as a temporary file at offset 0.
    `progress(rows)` is told every 2,000 rows (a background export's page shows it)."""
    columns = KINDS[kind]
    zone_name, zone = _zone()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(kind.title())
    ws.append(headers(columns, zone_name))
    for n, obj in enumerate(rows_for(kind, leads), 1):
        ws.append([excel_cell(ws, c, c.value(obj, zone), zone) for c in columns])
        if progress and n % 2000 == 0:
            progress(n)
    out = tempfile.TemporaryFile()
    wb.save(out)
    out.seek(0)
    return out
