"""Import leads from a CSV or Excel file: streamed, de-duplicated, never raising.

Rows are read and checked in batches. A row matching a lead already in scope
(normalised email or E.164 phone) updates it through `actions.update_lead`; new
leads are planned by the decision core before they are bulk-inserted (a new enquiry
has no history, so its record is complete), then their StatusChange rows follow.
Every bad row is reported with its line number while the good rows import, and
importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fairchase import policy
from fairchase.leads import actions, planning
from fairchase.leads.models import Lead, Status, StatusChange, Suppression

from . import bulk
from .mapping import detect_mapping
from .reading import Row, read_table
from .rows import RowError, parse_row

log = logging.getLogger("fairchase.intake")

BATCH = 1000
MAX_REPORTED = 5000  # beyond this, bad rows are counted but not listed
UPDATABLE = ("name", "company", "email", "phone", "source", "value", "timezone", "created_at", "notes")


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    preset: str = "generic"
    mapping: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    dry_run: bool = False
    truncated: bool = False  # stopped at max_rows

    def add_error(self, line: int, reason: str) -> None:
        self.bad += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((line, reason))

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        first = f"The first {self.rows:,} rows" if self.truncated else f"{self.rows:,} rows"
        return (f"{first}: {self.created:,} leads {verb} created, {self.updated:,} updated, "
                f"{self.unchanged:,} unchanged, {self.bad:,} rows skipped.")

    def as_dict(self) -> dict:
        return {"rows": self.rows, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "bad": self.bad, "errors": self.errors[:MAX_REPORTED],
                "preset": self.preset, "dry_run": self.dry_run, "summary": self.summary()}


def _changes(lead: Lead, fields: dict, fill_only: bool) -> dict:
    """Fields of the row that differ from the lead (fill_only: only where the lead is blank)."""
    out = {}
    for name in UPDATABLE:
        if name not in fields:
            continue
        new, old = fields[name], getattr(lead, name)
        if fill_only and old not in ("", None):
            continue
        if new != old:
            out[name] = new
    for name in ("consents", "signals"):
        merged = sorted(set(getattr(lead, name) or []) | set(fields.get(name, [])))
        if merged != sorted(getattr(lead, name) or []):
            out[name] = merged
    return out


class NewLead(SimpleNamespace):
    """A lead about to be bulk-inserted: its column values as attributes (a Lead instance
    costs more to build than the rest of an imported row's work)."""

    _defaults: dict | None = None
    _list_defaults: tuple[str, ...] = ()  # list defaults are copied per lead, never shared

    @classmethod
    def make(cls, **values) -> NewLead:
        if cls._defaults is None:
            cls._defaults = {f.attname: None if f.primary_key else f.get_default()
                             for f in Lead._meta.concrete_fields}
            cls._list_defaults = tuple(k for k, v in cls._defaults.items() if isinstance(v, list))
        fresh = cls._defaults.copy()
        for k in cls._list_defaults:
            fresh[k] = list(fresh[k])
        fresh.update(values)
        return cls(**fresh)

    @property
    def pk(self):
        return self.id


class _NoHistory:
    def all(self) -> list:
        return []


class _Unsaved:
    """A lead not saved yet, as `planning.lead_record` reads it: a new enquiry has no
    attempts or commitments, so its plan can be computed before the insert."""

    attempts = commitments = _NoHistory()

    def __init__(self, lead: NewLead, temp_id: int) -> None:
        self._lead, self.pk = lead, temp_id

    def __getattr__(self, name):
        return getattr(self._lead, name)


def plan_unsaved(leads: list[NewLead], now=None) -> None:
    """Fill the plan fields of new leads through the decision core, so they are inserted
    planned (one bulk insert; no per-row or CASE-per-row update afterwards)."""
    now = now or timezone.now()
    values = {v for lead in leads for v in (lead.email, lead.phone) if v}
    suppressed = set(Suppression.objects.filter(value__in=values).values_list("value", flat=True))
    records = [planning.lead_record(_Unsaved(lead, i), suppressed) for i, lead in enumerate(leads)]
    decisions = {d["id"]: d for d in policy.plan(planning.current_model(), records, now,
                                                 planning.policy_settings())}
    for i, lead in enumerate(leads):
        planning.apply_decision(lead, decisions.get(str(i)), now)


class _Batch:
    """Rows in flight: matched against the scope, merged, then written together."""

    def __init__(self, importer: Importer) -> None:
        self.imp = importer
        self.items: list[tuple[int, dict]] = []

    def flush(self) -> None:
        if not self.items:
            return
        imp, items, self.items = self.imp, self.items, []
        emails = {f["email"] for _, f in items if "email" in f}
        phones = {f["phone"] for _, f in items if "phone" in f}
        by_email: dict[str, Lead] = {}
        by_phone: dict[str, Lead] = {}
        if emails or phones:
            for lead in imp.scope.filter(Q(email__in=emails) | Q(phone__in=phones)).order_by("pk"):
                if lead.email:
                    by_email.setdefault(lead.email, lead)
                if lead.phone:
                    by_phone.setdefault(lead.phone, lead)
        new: list[NewLead] = []
        with transaction.atomic():
            for line, fields in items:
                key_lead = imp.pending_match(fields) or by_email.get(fields.get("email", "")) \
                    or by_phone.get(fields.get("phone", ""))
                try:
                    if key_lead is None:
                        new.append(imp.new_lead(fields))
                    else:
                        imp.merge(key_lead, fields)
                except (RowError, actions.ActionError, ValueError) as exc:
                    imp.report.add_error(line, str(exc))
            if new and not imp.dry_run:
                imp.write_new(new)
        imp.report.created += len(new)  # counted once written (a failed batch creates nothing)
        if not imp.dry_run:  # once written, the next batch finds these leads in the database
            imp.pending.clear()


class Importer:
    """One import run. `run(rows)` consumes (line, cells) rows after the header."""

    def __init__(self, owner, *, scope=None, user=None, dry_run: bool = False, default_source: str = "import",
                 reason: str = "Imported", progress: Callable[[int], None] | None = None) -> None:
        self.owner = owner
        self.user = user
        self.scope = scope if scope is not None else Lead.objects.all()
        self.dry_run = dry_run
        self.default_source = default_source
        self.reason = reason
        self.progress = progress
        self.report = ImportReport(dry_run=dry_run)
        self.pending: dict[str, Lead] = {}  # email/phone -> lead created in this batch
        self.touched: set[int] = set()  # leads an earlier row of this import already set

    def pending_match(self, fields: dict) -> Lead | None:
        return self.pending.get(fields.get("email", "")) or self.pending.get(fields.get("phone", ""))

    def new_lead(self, fields: dict) -> NewLead:
        lead = NewLead.make(**{"owner_id": self.owner.pk, "status": Status.OPEN, "source": self.default_source,
                               "created_at": timezone.now(), **fields})
        for key in (lead.email, lead.phone):
            if key:
                self.pending[key] = lead
        return lead

    def merge(self, lead: Lead, fields: dict) -> None:
        # A second row for the same person only fills blanks, so a re-import is a no-op.
        marker = lead.pk if lead.pk is not None else id(lead)
        changes = _changes(lead, fields, fill_only=marker in self.touched)
        self.touched.add(marker)
        if lead.pk is None:  # created earlier in this batch: not saved yet
            for name, value in changes.items():
                setattr(lead, name, value)
            self.report.unchanged += 1
            return
        if not changes:
            self.report.unchanged += 1
            return
        if not self.dry_run:
            actions.update_lead(lead, user=self.user, **changes)
        else:
            for name, value in changes.items():
                setattr(lead, name, value)
        self.report.updated += 1

    def write_new(self, leads: list[NewLead]) -> None:
        plan_unsaved(leads)
        for lead, pk in zip(leads, bulk.insert(Lead, leads, returning=True), strict=True):
            lead.id = pk
        user_id = self.user.pk if self.user else None
        bulk.insert(StatusChange, [  # plain rows: no model instances needed for an insert
            SimpleNamespace(lead_id=lead.pk, old="", new=lead.status, reason=self.reason, user_id=user_id,
                            at=lead.created_at)
            for lead in leads])

    def run(self, rows: Iterable[Row], mapping: list[str]) -> ImportReport:
        batch = _Batch(self)
        self.report.mapping = mapping
        if not any(mapping):
            self.report.add_error(1, "No column could be matched to a lead field: map the columns first.")
            return self.report
        width = len(self.report.header) or len(mapping)
        for row in rows:
            self.report.rows += 1
            if row.problem:
                self.report.add_error(row.line, row.problem)
                continue
            if len(row.cells) > width and any(c.strip() for c in row.cells[width:]):
                self.report.add_error(row.line, f"{len(row.cells)} cells but the header has {width}: "
                                                f"a stray comma or an unquoted cell?")
                continue
            try:
                fields = parse_row(row.cells, mapping, self.default_source)
            except RowError as exc:
                self.report.add_error(row.line, str(exc))
                continue
            batch.items.append((row.line, fields))
            if len(batch.items) >= BATCH:
                self._flush(batch)
        self._flush(batch)
        return self.report

    def _flush(self, batch: _Batch) -> None:
        try:
            batch.flush()
        except Exception as exc:  # a database failure loses this batch, not the whole import
            log.exception("import batch failed")
            lines = [line for line, _ in batch.items] or [0]
            self.report.add_error(lines[0], f"This batch could not be saved ({type(exc).__name__}: {exc}).")
            batch.items.clear()
            self.pending.clear()
        if self.progress:
            self.progress(self.report.rows)


def header_and_rows(stream, filename: str = "") -> tuple[Row | None, Iterator[Row]]:
    """The header row (None when unreadable) and an iterator over the data rows."""
    rows = read_table(stream, filename)
    for row in rows:
        return row, rows
    return None, iter(())


def import_file(stream, owner, *, filename: str = "", mapping: list[str] | None = None, scope=None,
                user=None, dry_run: bool = False, default_source: str = "import",
                progress: Callable[[int], None] | None = None, max_rows: int | None = None) -> ImportReport:
    """Import a CSV/Excel file (binary stream) for `owner`; never raises.
    `max_rows` stops after that many data rows (a quick dry run in a web request)."""
    try:
        header, rows = header_and_rows(stream, filename)
        if header is None:
            rep = ImportReport(dry_run=dry_run)
            rep.add_error(1, "The file has no rows.")
            return rep
        if header.problem:
            rep = ImportReport(dry_run=dry_run)
            rep.add_error(header.line, header.problem)
            return rep
        preset, detected = detect_mapping(header.cells)
        imp = Importer(owner, scope=scope, user=user, dry_run=dry_run, default_source=default_source,
                       reason=f"Imported from {filename}" if filename else "Imported", progress=progress)
        imp.report.preset, imp.report.header = preset, header.cells
        report = imp.run(islice(rows, max_rows) if max_rows else rows, mapping if mapping is not None else detected)
        report.truncated = bool(max_rows and report.rows >= max_rows)
        return report
    except Exception as exc:  # the promise is a report, never a traceback
        log.exception("import failed")
        rep = ImportReport(dry_run=dry_run)
        rep.add_error(0, f"The import stopped: {type(exc).__name__}: {exc}")
        return rep
