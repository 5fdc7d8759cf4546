"""Import leads from a CSV or Excel file: streamed, de-duplicated, never raising.

Rows are read and checked in batches (`matching.Batch`). A row matching a lead in scope (our
Fairchase ID, normalised email, E.164 phone under a matching name, or for a row with neither
its name and company) updates it through `actions.update_lead` (notes are added to, never
replaced); new leads go in through `leads.imports.create_leads`, planned by the decision core
before one bulk insert, each with its StatusChange row. A bad cell is left out with a warning
and the person still comes in; a row with nothing to know the person by is reported with its
line number; importing the same file twice changes nothing the second time."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from django.utils import timezone

from fairchase.leads import actions, imports
from fairchase.leads.already import keep_notes
from fairchase.leads.models import OUTBOUND_SOURCES, BusinessSettings, Lead, Status
from fairchase.leads.people import People, display_name, team
from fairchase.leads.same_person import said_no_at

from . import restoring, said_no
from .changes import keep_known, row_changes, said_otherwise, with_note
from .header_row import header_and_rows
from .mapping import detect_mapping, with_columns
from .matching import Batch, row_keys, token
from .models import Superseded
from .new_lead import NewLead
from .reading import Row
from .report import ImportReport
from .row_checks import total_said, unread_in_row, unread_said, with_totals
from .row_reading import mapping_problem, read_row

log = logging.getLogger("fairchase.intake")

BATCH = 1000
FRESH = timedelta(days=1)  # an imported row that arrived this recently is a new enquiry


class Importer:
    """One import run. `run(rows)` consumes (line, cells) rows after the header."""

    def __init__(
        self,
        owner,
        *,
        scope=None,
        user=None,
        dry_run: bool = False,
        default_source: str = "import",
        reason: str = "Imported",
        where: str = "an import",
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.owner = owner
        self.where = where  # "the import of leads.csv": said with notes added to a teammate's lead
        self.user = user
        self.scope = scope if scope is not None else Lead.objects.all()
        self.dry_run = dry_run
        self.default_source = default_source
        self.reason = reason
        self.progress = progress
        self.report = ImportReport(dry_run=dry_run)
        self.pending: dict = {}  # email/phone/name key -> lead a row of this batch was
        self.aliases: dict = {}  # the same, for earlier batches: key -> primary key
        # a phone number may be a family's: every lead rows with it were, by phone
        self.phones: dict[str, list] = {}  # this batch's: phone -> leads
        self.phone_aliases: dict[str, list[int]] = {}  # earlier batches': phone -> primary keys
        self.touched: set[int] = set()  # leads an earlier row of this import already set
        self.first_lines: dict[int, int] = {}  # a lead's token -> the line of its first row
        self.noted: set[int] = set()  # others' leads this import left a timeline note on
        self.unseen_said_no: dict = {}  # key -> an opted-out record outside the scope
        # lines of rows saying their person opted out: with an address or not (`said_no.honour_row`)
        self.said_no_lines: dict[int, str] = {}
        # the timeline notes of addresses a row suppressed, for the lead it makes (`write_new`)
        self.noted_lines: dict[int, list[str]] = {}
        # rows of our own export: the status a new lead keeps, the id it had (`restoring`)
        self.kept_lines: dict[int, str] = {}
        self.exported_ids: dict[int, int] = {}
        self._people: People | None = None  # read once, if an Owner column names new leads' owners
        self._allowed: set[int] | None = None
        self.zone = ZoneInfo(BusinessSettings.current().business_timezone or "UTC")

    def owner_named(self, named: str):
        """(The user an Owner cell names, or None, why not): found by username, then email,
        case aside (`people.People`; a name fitting two users is refused); someone unknown,
        deactivated, or not among the people this user may give leads to (a salesperson:
        only themselves) is None."""
        if self._people is None:
            self._people = People()
            allowed = team(self.user) if self.user is not None else None
            self._allowed = {u.pk for u in allowed} if allowed is not None else None
        user, why = self._people.find(named)
        if user is None:
            return None, why
        if not user.is_active:
            return None, "no longer works here (reassign their leads instead)"
        if self._allowed is not None and user.pk not in self._allowed:
            return None, "is not someone you may give leads to"
        return user, ""

    def owner_of_row(self, line: int, fields: dict, named: str):
        """Who a new lead's Owner cell gives it to; a cell naming nobody usable loses the
        cell, never the person: the lead is the importing owner's, with a warning on its line."""
        owner, why = self.owner_named(named)
        if owner is not None:
            return owner
        self.report.add_warning(
            line,
            f"{fields.get('name', '')}: owner “{named}” {why}: "
            f"given to {display_name(self.owner)} instead",
        )
        return self.owner

    def pending_match(self, fields: dict) -> Lead | None:
        """The lead an earlier row of this batch was, when this row shares a key with it:
        its email, or, for a row without an address, its name and company (a shared phone
        number is not a key alone: `matching.Batch.on_phone`)."""
        for key in row_keys(fields):
            if key in self.pending:
                return self.pending[key]
        return None

    def remember(self, lead, fields: dict, holder=None) -> None:
        """Every key of this row that nobody holds yet names this lead for the rest of the
        import (a person with two addresses over two rows is one person, found the same way
        on a re-import)."""
        if phone := fields.get("phone"):  # a shared number is everyone's who gave it
            on_it = self.phones.setdefault(phone, [])
            if all(token(x) != token(lead) for x in on_it) and (
                lead.pk is None or lead.pk not in self.phone_aliases.get(phone, ())
            ):
                on_it.append(lead)
        for key in row_keys(fields):
            if key == phone:
                continue
            if (
                key not in self.pending
                and key not in self.aliases
                and (holder is None or holder(key) is None)
            ):
                self.pending[key] = lead

    def forget_pending(self) -> None:
        """After a batch is written: its leads are known by primary key from now on."""
        for key, lead in self.pending.items():
            if lead.pk is not None:
                self.aliases.setdefault(key, lead.pk)
                self.touched.add(lead.pk)
                self._known_by_pk(lead)
        for phone, leads in self.phones.items():
            for lead in leads:
                if lead.pk is not None:
                    self._known_by_pk(lead)
                    self.phone_aliases.setdefault(phone, []).append(lead.pk)
                    self.touched.add(lead.pk)
        self.pending.clear()
        self.phones.clear()

    def _known_by_pk(self, lead) -> None:
        """A lead this batch created is known by its primary key from now on: its first line too."""
        if id(lead) in self.first_lines:
            self.first_lines.setdefault(lead.pk, self.first_lines.pop(id(lead)))

    def new_lead(self, fields: dict, line: int = 0) -> NewLead:
        values = {k: v for k, v in fields.items() if k != "id"}
        now = timezone.now()
        # An imported contact is someone we come back to, not a fresh enquiry waiting for its
        # first answer: it enters as a lead revisited today (the decision core prices it like a
        # later try, and Today lists it among the follow-ups by value, after the real new
        # enquiries). Only a row whose own enquiry date is within the last day is a new enquiry.
        fresh = (
            "created_at" in values
            and values["created_at"] > now - FRESH
            and values.get("source", self.default_source) not in OUTBOUND_SOURCES
        )
        lead = NewLead.make(
            **{
                "owner_id": self.owner.pk,
                "status": Status.OPEN,
                "source": self.default_source,
                "created_at": now,
                "revisit_at": None if fresh else now,
                **values,
            }
        )
        self.remember(lead, fields)
        self.touched.add(id(lead))  # later rows of the person only fill blanks (as a re-import)
        self.first_lines[id(lead)] = line
        return lead

    def not_added(self, line: int, fields: dict, theirs: Lead) -> None:
        """A row for someone who is already another person's active lead: no second lead for
        them (two people would chase one), a line in the report, a note on that lead. The
        row's notes join that lead's (`already.keep_notes`); it keeps its owner."""
        owner = display_name(theirs.owner)
        said = f"{fields.get('name', '')}: already {owner}'s lead: not added"
        if self.dry_run:
            if with_note(theirs.notes, fields.get("notes", "")) is not None:
                said += "; its notes would be added to that lead's notes"
            self.report.add_error(line, said)
            return
        where = f"{self.where}, line {line}"
        kept = keep_notes(theirs, fields.get("notes", ""), user=self.user, where=where)
        if kept:
            said += "; its notes were added to that lead's notes"
        self.report.add_error(line, said)
        if kept or theirs.pk not in self.noted:
            self.noted.add(theirs.pk)
            who = display_name(self.user) if self.user is not None else "the command line"
            actions.note_on_timeline(
                theirs,
                f"{self.reason} by {who}: this person, already this lead, was not added again"
                + (f"; the notes of line {line} were added to its notes" if kept else ""),
            )

    def origin(self, line: int) -> str:
        """Which import a timeline note comes from ("line 4 of the import of x.csv, by Al")."""
        who = display_name(self.user) if self.user is not None else "the command line"
        return f"line {line} of {self.where}, by {who}"

    def door(self, line: int) -> str:
        """Which import a row written with its user says it comes from: `origin`, without the
        user's name the timeline already shows beside the row ("line 4 of the import of
        leads.csv"); the command line, which has no user, names itself."""
        return f"line {line} of {self.where}" if self.user is not None else self.origin(line)

    def outside(self, kind: str, value: str):
        """The leads holding this address that the importing user may not change (none for
        an owner's or the command line's import, whose scope is every lead), but for those
        opted out already (suppressing an address of theirs changes nothing for them)."""
        theirs = Lead.objects.filter(**{kind: value}).exclude(status=Status.OPTED_OUT)
        return theirs.exclude(pk__in=self.scope.values("pk"))

    def said_no_unseen(self, line: int, fields: dict, record: Lead, holder) -> None:
        """A row for someone who opted out on a record outside the scope (another owner's,
        in a salesperson's import): no second record (`said_no.keep_unseen_record`); later
        rows of the person in this file are them too."""
        said_no.keep_unseen_record(
            self.report,
            record,
            fields,
            line,
            self.dry_run,
            holder,
            self.origin(line),
            self.user,
            self.outside,
        )
        for key in row_keys(fields):
            self.unseen_said_no.setdefault(key, record)

    def merge(self, lead: Lead, fields: dict, line: int = 0, holder=None) -> None:
        """Update `lead` with a row for the same person. A second row for them only fills
        blanks (and adds notes), so a re-import is a no-op. A stored record of someone who
        opted out is left as it is (`said_no.keep_record`); of another stored lead, how they
        first came to us and a higher value are kept, said on the line (`changes.keep_known`)."""
        marker = lead.pk if lead.pk is not None else id(lead)
        again = marker in self.touched  # a second row of the person in this file
        changes = row_changes(lead, fields, fill_only=again)
        for name in ("email", "phone"):  # an address someone else has stays theirs: no duplicates
            other = holder(changes[name]) if holder is not None and name in changes else None
            if other is not None and token(other) != marker:
                del changes[name]
        self.touched.add(marker)
        self.first_lines.setdefault(marker, line)
        self.remember(lead, fields, holder)
        if lead.pk is not None and lead.status == Status.OPTED_OUT:
            said_no.keep_record(
                self.report, lead, fields, changes, line, self.dry_run, self.origin(line), self.user
            )
            return
        if again:
            self.same_as_earlier(lead, fields, changes, line, self.first_lines.get(marker))
        if lead.pk is not None:  # its source and a higher value stay (`changes.keep_known`)
            for kept in keep_known(lead, changes):
                self.report.add_warning(line, f"{fields.get('name', '')}: {kept}")
        self.update(lead, changes, line)
        if said := self.said_no_lines.get(line):
            said_no.joined(
                self.report, line, lead, fields, said, self.user, self.dry_run, self.door(line)
            )

    def same_as_earlier(self, lead, fields: dict, changes: dict, line: int, first) -> None:
        """Say on its line that a row is a person an earlier row of the file already was, and
        what came of it: the blanks it filled, and what it says otherwise, kept in the lead's
        notes (`changes.said_otherwise`), never dropped unsaid (eval30 #5)."""
        key = next((fields[k] for k in ("email", "phone") if fields.get(k)), lead.name)
        said = f"same person as {f'line {first}' if first else 'an earlier row'} ({key})"
        otherwise = said_otherwise(lead, fields, changes)
        if otherwise:
            added = f"Another row of the file said: {'; '.join(otherwise)}."
            notes = with_note(changes.get("notes", lead.notes) or "", added)
            if notes is not None:
                changes["notes"] = notes
            said += f": {'; '.join(otherwise)} in this row, kept in the notes"
        filled = [k for k in changes if k != "notes"]
        if filled:
            said += f"; {', '.join(filled)} filled in from this row"
        if not otherwise and not changes:
            said += ": nothing new in this row"
        elif not otherwise:
            said += ": merged"
        self.report.add_warning(line, f"{fields.get('name', '')}: {said}.")

    def update(self, lead: Lead, changes: dict, line: int) -> None:
        """Apply a row's changes to a lead (a dry run, or one not saved yet: in memory)."""
        if not changes:
            self.report.came_unchanged(line, stored=lead.pk is not None)
            return
        self.report.add_update(line, lead, changes)
        self.report.updated += 1
        if lead.pk is None:  # created by an earlier row of this import, not saved yet
            for name, value in changes.items():
                setattr(lead, name, value)
            return
        if not self.dry_run:  # a row saying they opted out: the opt-out says so (`door`)
            door = self.door(line)
            addressed = self.said_no_lines.get(line) == said_no.ADDRESSED
            why = said_no.row_says_no(door) if addressed else ""
            actions.update_lead(lead, user=self.user, via=door, why_opted_out=why, **changes)
        else:
            for name, value in changes.items():
                setattr(lead, name, value)

    def write_new(self, new: list[tuple[int, NewLead]]) -> None:
        """Store the new leads of a batch (a dry run: nothing) through the one door for new
        leads (`imports.create_leads`: planned by the decision core, a StatusChange each),
        and say on its line each that is someone who opted out: an opted-out record (a dry
        run: would be), by the rule Add lead and the API follow (`actions.why_said_no`), or
        because its row said so (`said_no.opt_out_row`)."""
        leads = [lead for _, lead in new]
        if not self.dry_run:
            whys = {  # a row saying they opted out: its record's opt-out says which row
                i: said_no.row_says_no(self.door(line))
                for i, (line, _) in enumerate(new)
                if line in self.said_no_lines
            }
            imports.create_leads(leads, user=self.user, reason=self.reason, why_opted_out=whys)
            for line, lead in new:
                for note in self.noted_lines.get(line, ()):
                    actions.note_on_timeline(Lead.objects.get(pk=lead.id), note, user=self.user)
                if line in self.said_no_lines:
                    said_no.opt_out_row(self.report, line, lead, self.user, False, self.door(line))
                if lead.status == Status.OPTED_OUT:
                    self.report.add_warning(
                        line, f"{lead.name}: {said_no.SAID_NO}: {said_no.opt_out_reason(lead)}"
                    )
                if line in self.kept_lines:
                    restoring.finish(
                        self.report, line, lead, self.kept_lines[line], self.user, False
                    )
            restoring.link_exported(new, self.exported_ids)
            return
        blocked = said_no_at(v for lead in leads for v in (lead.email, lead.phone))
        for line, lead in new:
            unsaved = Lead(name=lead.name, email=lead.email, phone=lead.phone)
            if {lead.email, lead.phone} & blocked and (why := actions.why_said_no(unsaved)):
                self.report.add_warning(line, f"{lead.name}: {said_no.SAID_NO_DRY}: {why}.")
            elif line in self.said_no_lines:  # its row says so (nothing is suppressed yet)
                said_no.opt_out_row(self.report, line, lead, self.user, True)
            elif line in self.kept_lines:
                restoring.finish(self.report, line, lead, self.kept_lines[line], self.user, True)

    def run(self, rows: Iterable[Row], mapping: list[str]) -> ImportReport:
        batch = Batch(self)
        self.report.mapping = mapping
        if problem := mapping_problem(mapping):
            self.report.add_error(1, problem)
            return self.report
        self.report.not_read(mapping)
        header, unread = self.report.header, Counter()  # unread: (column, field) -> rows
        width = len(header) or len(mapping)
        for row, total in with_totals(rows, mapping):
            self.report.rows += 1
            if total:
                self.report.add_error(row.line, total_said(row, mapping))
                continue
            reading = read_row(row, mapping, width, self.default_source, self.zone, header)
            fields = reading.fields  # what it has: the web's page counts with the same function
            unread.update(unread_in_row(row.cells, mapping, fields))
            if reading.skipped:
                self.report.add_error(row.line, reading.skipped)
                continue
            for problem in reading.warnings:
                self.report.add_read_warning(row.line, f"{fields['name']}: {problem}")
            origin = self.origin(row.line)
            noted: list[str] = []
            if said := said_no.honour_row(
                self.report, row.line, fields, self.dry_run, origin, self.user, noted, self.outside
            ):
                self.said_no_lines[row.line] = said
            if said == said_no.HELD_OUT:  # its owner decides first: nothing added for it
                continue
            if noted:
                self.noted_lines[row.line] = noted
            if kept := fields.pop("kept_status", ""):
                self.kept_lines[row.line] = kept
            if "id" in fields:
                self.exported_ids[row.line] = fields["id"]
            batch.items.append((row.line, fields))
            if len(batch.items) >= BATCH:
                self._flush(batch)
        self._flush(batch)
        self.report.about.extend(unread_said(unread, header))
        self.report.warnings.sort(key=lambda w: w[0])  # an owner's warning comes at its flush
        self.report.asked_not.sort(key=lambda w: w[0])
        self.report.say_who_said_no()
        self.report.say_renamed()
        return self.report

    def check_in(self) -> None:
        """Say how far the import is (`progress`, `jobs.mover`), first in each batch's transaction
        (`Batch.flush`): a run started again stops (`Superseded`), its batch's leads rolled back;
        what its rows' said-no wrote as they were read stays, and the new run rewrites it as is."""
        if self.progress:
            self.progress(self.report.rows)

    def _flush(self, batch: Batch) -> None:
        try:
            batch.flush()
        except Superseded:  # not a failed batch: this run stops, the new one imports
            raise
        except Exception as exc:  # a database failure loses this batch, not the whole import
            log.exception("import batch failed")
            lines = [line for line, _ in batch.items] or [0]
            self.report.add_error(
                lines[0], f"This batch could not be saved ({type(exc).__name__}: {exc})."
            )
            batch.items.clear()
            self.pending.clear()
            self.phones.clear()


def import_file(
    stream,
    owner,
    *,
    filename: str = "",
    mapping: list[str] | None = None,
    scope=None,
    user=None,
    dry_run: bool = False,
    default_source: str = "import",
    progress: Callable[[int], None] | None = None,
    max_rows: int | None = None,
    sheet: str = "",
    columns: dict[str, str] | None = None,
) -> ImportReport:
    """Import a CSV/Excel file (binary stream) for `owner`; never raises (but `Superseded`).
    `max_rows` stops after that many data rows (a quick web dry run); `sheet` names a sheet to
    read (one it lacks: said, nothing imported); `columns` maps columns by header (`with_columns`)."""
    try:
        header, rows = header_and_rows(stream, filename, sheet)
        other = restoring.not_leads(header.cells) if header is not None else ""
        if header is None or header.problem or other:
            why = (header.problem or other) if header else "The file has no rows."
            rep = ImportReport(dry_run=dry_run, unreadable=why)
            rep.add_error(header.line if header else 1, why)
            return rep
        preset, detected = detect_mapping(header.cells)
        if columns:
            try:
                detected = with_columns(header.cells, mapping or detected, columns)
            except ValueError as exc:
                return ImportReport(dry_run=dry_run, unreadable=str(exc))
            mapping = None
        imp = Importer(
            owner,
            scope=scope,
            user=user,
            dry_run=dry_run,
            default_source=default_source,
            reason=f"Imported from {filename}" if filename else "Imported",
            where=f"the import of {filename}" if filename else "an import",
            progress=progress,
        )
        imp.report.preset, imp.report.header = preset, header.cells
        # our export's times are the wall clock of the zone its header names
        imp.zone = restoring.header_zone(header.cells, mapping or detected) or imp.zone
        imp.report.about.extend(header.warnings)  # which sheet of a workbook was read
        report = imp.run(
            islice(rows, max_rows) if max_rows else rows,
            mapping if mapping is not None else detected,
        )
        report.truncated = bool(max_rows and report.rows >= max_rows)
        return report
    except Superseded:  # from `progress`: its background job was started again meanwhile
        raise
    except Exception as exc:  # the promise is a report, never a traceback
        log.exception("import failed")
        rep = ImportReport(dry_run=dry_run)
        rep.add_error(0, f"The import stopped: {type(exc).__name__}: {exc}")
        return rep
