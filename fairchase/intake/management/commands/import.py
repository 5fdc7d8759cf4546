"""`fairchase import FILE [--owner USER] [--sheet NAME] [--map "HEADER=FIELD"] [--dry-run]`
and `fairchase import --history FILE.jsonl`."""

from __future__ import annotations

import argparse
import io
import os
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fairchase.hints import command_line
from fairchase.intake.history import import_history
from fairchase.intake.importer import import_file
from fairchase.intake.jobs import estimate_rows
from fairchase.intake.mapping import FIELDS
from fairchase.leads.people import user_named

MAX_SHOWN_ERRORS = 50
STDIN = "-"


def no_column_read(header: list[str]) -> str:
    """Why a file none of whose columns names a lead field imports nobody, said as the
    command line can say it (it has no mapping page): exit 1, not "1 row skipped" and 0
    (eval30 #16: a cron job could not tell the wrong export from success)."""
    named = ", ".join(f"“{h.strip()[:40]}”" for h in header[:8] if h.strip()) or "none"
    more = " ..." if len(header) > 8 else ""
    return (
        f"none of its columns ({named}{more}) names a lead field. Its first row must name "
        "them (Name, Email, Phone, Company, Value, Notes, ...: README, Importing), or map "
        'them with --map "HEADER=FIELD" or on the web\'s Import page.'
    )


def column_map(text: str) -> tuple[str, str]:
    """A --map argument, "HEADER=FIELD" ("Ph#=phone", "Where from=source", "Notes=ignore")."""
    named, eq, fname = text.rpartition("=")
    fname = fname.strip().lower().replace(" ", "_").replace("-", "_")
    if not eq or not named.strip():
        raise argparse.ArgumentTypeError(f'{text!r}: write it as HEADER=FIELD, e.g. "Ph#=phone".')
    if fname not in FIELDS and fname != "ignore":
        raise argparse.ArgumentTypeError(
            f"{text!r}: {fname!r} is no field; one of {', '.join(FIELDS)} or ignore."
        )
    return named, fname


class Command(BaseCommand):
    help = "Import leads from a CSV or Excel file, or past leads (--history) from JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV or .xlsx file of leads (- for stdin)")
        parser.add_argument("--owner", help="username or email of the owner of the imported leads")
        parser.add_argument(
            "--sheet",
            metavar="NAME",
            default="",
            help="the sheet of an Excel workbook to import (default: the first whose header "
            "row names lead fields)",
        )
        parser.add_argument(
            "--map",
            metavar="HEADER=FIELD",
            action="append",
            type=column_map,
            default=[],
            help="read a column as a field, over the detected mapping; repeat for each column, "
            'e.g. --map "Ph#=phone" --map "Where from=source" (FIELD: '
            + ", ".join(FIELDS)
            + ", or ignore to leave a column unread)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
        parser.add_argument(
            "--history",
            metavar="FILE.jsonl",
            help="past leads in the decision core's record format (- for stdin)",
        )
        parser.add_argument(
            "--source", default="import", help="source for rows without one (default: import)"
        )

    def handle(self, *args, **opts):
        if not opts["file"] and not opts["history"]:
            raise CommandError("Give a FILE to import, or --history FILE.jsonl.")
        if opts["file"] == opts["history"] == STDIN:
            raise CommandError("Only one of FILE and --history can be `-` (standard input).")
        owner = self._owner(opts["owner"])
        console = Console(stderr=True)
        if opts["history"]:
            self._run(console, opts["history"], owner, opts, history=True)
        if opts["file"]:
            self._run(console, opts["file"], owner, opts, history=False)

    def _lines(self, title: str, items: list[tuple[int, str]], total: int) -> None:
        if not items:
            return
        self.stdout.write(title)
        for line, text in items[:MAX_SHOWN_ERRORS]:
            self.stdout.write(f"  line {line}: {text}")
        if total > MAX_SHOWN_ERRORS:
            self.stdout.write(f"  ... and {total - MAX_SHOWN_ERRORS:,} more.")

    def _owner(self, name):
        users = get_user_model().objects.filter(is_active=True)
        if name:  # a username first, then an email address; a name fitting two users is refused
            user, why = user_named(name)
            if user is None:
                hint = command_line("createsuperuser")
                raise CommandError(f"--owner {name!r} {why}: see `{hint}`.")
            if not user.is_active:
                raise CommandError(f"--owner {name!r}: {user.get_username()} no longer works here.")
            return user
        candidates = list(users.order_by("-is_superuser", "pk")[:2])
        if len(candidates) == 1 or (candidates and candidates[0].is_superuser):
            return candidates[0]
        raise CommandError("Say who owns the imported leads: --owner USERNAME.")

    @staticmethod
    def _source(path: str, sheet: str):
        """(A way to open the file, its name ("" for standard input), its rows if known).
        Standard input is read whole: the reader looks at a file's start, then goes back."""
        if path == STDIN:
            data = sys.stdin.buffer.read()
            return lambda: io.BytesIO(data), "", estimate_rows(data, sheet)
        if not os.path.isfile(path):
            raise CommandError(f"No such file: {path}")
        with open(path, "rb") as f:
            small = os.path.getsize(path) < 512 * 2**20
            total = estimate_rows(f.read(), sheet) if small else None
        return lambda: open(path, "rb"), os.path.basename(path), total

    def _run(self, console: Console, path: str, owner, opts, history: bool):
        opened, name, total = self._source(path, opts["sheet"])
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as progress:
            task = progress.add_task(
                escape(name or "standard input"),  # a file named "x[/].csv" is no rich markup
                total=(total + 1 if history and total is not None else total),
            )
            update = lambda rows: progress.update(task, completed=rows)  # noqa: E731
            with opened() as f:
                if history:
                    report = import_history(f, owner, dry_run=opts["dry_run"], progress=update)
                else:
                    report = import_file(
                        f,
                        owner,
                        filename=name,
                        dry_run=opts["dry_run"],
                        default_source=opts["source"],
                        progress=update,
                        sheet=opts["sheet"],
                        columns=dict(opts["map"]),
                    )
            progress.update(task, completed=report.rows, total=max(report.rows, 1))
        shown = name or "standard input"
        if report.unreadable:  # a file that is no table: one line, not "0 rows, 1 skipped"
            raise CommandError(f"Cannot import {shown}: {report.unreadable}")
        if not history and report.header and not any(report.mapping):
            raise CommandError(f"Cannot import {shown}: {no_column_read(report.header)}")
        if not history:
            self.stdout.write(
                f"Columns ({report.preset}): "
                + ", ".join(
                    f"{h} -> {m}" for h, m in zip(report.header, report.mapping, strict=False) if m
                )
            )
        for said in report.about:  # which sheet was read, which columns were not
            self.stdout.write(said)
        self._lines("Not imported:", report.errors, report.bad)
        self._lines(
            "Not imported: asked not to be contacted:", report.asked_not, len(report.asked_not)
        )
        self._lines(
            "Would come in, with a warning (a cell left out or to check):"
            if opts["dry_run"]
            else "Imported, with a warning (a cell left out or to check):",
            report.warnings,
            len(report.warnings),
        )
        self._lines("Updated:", report.changes, len(report.changes))
        self.stdout.write(("Dry run: " if opts["dry_run"] else "") + report.summary())
