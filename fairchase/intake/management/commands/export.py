"""`fairchase export leads|attempts|commitments|history FILE` (.csv, .xlsx or .jsonl; `-`:
CSV, or the history's JSON lines, on standard output)."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import closing, contextmanager

from django.core.management.base import BaseCommand, CommandError

from fairchase.intake.exporting import KINDS, csv_lines, excel_file
from fairchase.intake.history import history_lines
from fairchase.leads.models import FINISHED_STATUSES, Lead
from fairchase.leads.planning import with_history

OWNER_ONLY = 0o600  # an export holds personal data: nobody else on the machine reads it
STDOUT = "-"


class Command(BaseCommand):
    help = "Export every lead, attempt or commitment as CSV/Excel, or the finished leads as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[*KINDS, "history"])
        parser.add_argument(
            "file", help="where to write: .csv or .xlsx (.jsonl for history); - for stdout (CSV)"
        )

    def handle(self, *args, kind, file, **opts):
        leads = Lead.objects.all()
        if file == STDOUT:
            return self._to_stdout(kind, leads)
        if os.path.isdir(file):  # said with the path given, not the temporary file beside it
            raise CommandError(
                f"{file} is a directory: name the file to write, e.g. "
                f"{os.path.join(file, kind + ('.jsonl' if kind == 'history' else '.csv'))}"
            )
        suffix = os.path.splitext(file)[1].lower()
        if kind == "history" and suffix not in (".jsonl", ".json", ".ndjson"):
            raise CommandError(
                f"The history is JSON lines (one past lead per line): name the file .jsonl, "
                f"not {suffix or 'without a suffix'}. For a spreadsheet: `fairchase export leads "
                f"{os.path.splitext(file)[0]}{suffix or '.csv'}`."
            )
        if kind != "history" and suffix not in (".xlsx", ".csv"):
            raise CommandError("Name the file .csv or .xlsx (or .jsonl for history).")
        with written(file) as path:
            if kind == "history":
                with open(path, "w", encoding="utf-8") as out:
                    out.writelines(
                        history_lines(with_history(leads.filter(status__in=FINISHED_STATUSES)))
                    )
            elif suffix == ".xlsx":
                with open(path, "wb") as out:
                    shutil.copyfileobj(excel_file(kind, leads), out)
            else:
                with open(path, "w", encoding="utf-8", newline="") as out:
                    out.writelines(csv_lines(kind, leads))
        self.stdout.write(f"Wrote {file}")

    def _to_stdout(self, kind: str, leads) -> None:
        """`-`: the CSV (the history: JSON lines) on standard output, for a pipe, without
        the BOM a file has for Excel, and nothing else there."""
        if kind == "history":
            lines = history_lines(with_history(leads.filter(status__in=FINISHED_STATUSES)))
        else:
            lines = csv_lines(kind, leads)
        out = getattr(self.stdout, "buffer", None)  # bytes: UTF-8 whatever the locale
        # closed here, while the database is open, when the reader stops early (`| head`):
        # left to the exit, its query's cursor is closed after the database and says so
        with closing(lines):
            for i, line in enumerate(lines):
                line = line.removeprefix("\ufeff") if i == 0 else line
                if out is not None:
                    out.write(line.encode("utf-8"))
                else:
                    self.stdout.write(line, ending="")
        if out is not None:
            out.flush()


@contextmanager
def written(file: str):
    """A path to write beside `file`, put in its place only once complete: an export that
    fails leaves no empty or half-written file (and an older export there untouched). A
    failure other than the disk's is one line, as the disk's are (`cli.main`). The file is
    its owner's only (OWNER_ONLY): it holds people's names, addresses and notes."""
    try:
        fd, path = tempfile.mkstemp(
            prefix=".export-", suffix=os.path.splitext(file)[1], dir=os.path.dirname(file) or "."
        )
    except OSError as exc:  # named as the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, file) from None
    os.close(fd)
    try:
        yield path
        os.chmod(path, OWNER_ONLY)  # mkstemp's mode already; said, as it is the point
        os.replace(path, file)
    except BaseException as exc:
        os.unlink(path)
        if isinstance(exc, ValueError):
            raise CommandError(f"Could not write {file}: {exc}") from exc
        raise
