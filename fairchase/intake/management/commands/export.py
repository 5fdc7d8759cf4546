"""`fairchase export leads|attempts|commitments|history FILE` (.csv, .xlsx or .jsonl)."""

from __future__ import annotations

import os
import shutil

from django.core.management.base import BaseCommand, CommandError

from fairchase.intake.exporting import KINDS, csv_lines, excel_file
from fairchase.intake.history import history_lines
from fairchase.leads.models import FINISHED_STATUSES, Lead
from fairchase.leads.planning import with_history


class Command(BaseCommand):
    help = "Export every lead, attempt or commitment as CSV/Excel, or the finished leads as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[*KINDS, "history"])
        parser.add_argument("file", help="where to write: .csv or .xlsx (.jsonl for history)")

    def handle(self, *args, kind, file, **opts):
        leads = Lead.objects.all()
        suffix = os.path.splitext(file)[1].lower()
        if kind == "history" and suffix not in (".jsonl", ".json", ".ndjson"):
            raise CommandError(
                f"The history is JSON lines (one past lead per line): name the file .jsonl, "
                f"not {suffix or 'without a suffix'}. For a spreadsheet: `fairchase export leads "
                f"{os.path.splitext(file)[0]}{suffix or '.csv'}`."
            )
        if kind == "history":
            with open(file, "w", encoding="utf-8") as out:
                out.writelines(
                    history_lines(with_history(leads.filter(status__in=FINISHED_STATUSES)))
                )
        elif file.lower().endswith(".xlsx"):
            with open(file, "wb") as out:
                shutil.copyfileobj(excel_file(kind, leads), out)
        elif file.lower().endswith(".csv"):
            with open(file, "w", encoding="utf-8", newline="") as out:
                out.writelines(csv_lines(kind, leads))
        else:
            raise CommandError("Name the file .csv or .xlsx (or .jsonl for history).")
        self.stdout.write(f"Wrote {file}")
