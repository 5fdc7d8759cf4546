"""`fairchase backup FILE [--force]`: a consistent copy of the database, app running or not."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

from fairchase.leads.backup import BackupError, copy_sqlite, dump_postgres, secret_key_note


class Command(BaseCommand):
    help = (
        "Back up the database to FILE while the app runs: SQLite by its online backup "
        "(one self-contained file), PostgreSQL by pg_dump --format=custom."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the copy (refused if it exists)")
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")

    def handle(self, *args, file, force, **opts):
        db = connection.settings_dict
        if os.path.isdir(file):
            raise CommandError(f"{file} is a directory: name the backup file in it.")
        if os.path.exists(file) and not force:
            raise CommandError(f"{file} exists: add --force to replace it.")
        if connection.vendor == "sqlite" and _same_file(file, str(db["NAME"])):
            raise CommandError(f"{file} is the database itself: name another file.")
        try:
            if connection.vendor == "sqlite":
                made = self._sqlite(str(db["NAME"]), file)
            elif connection.vendor == "postgresql":
                made = dump_postgres(db, file)
            else:
                raise BackupError(f"{connection.vendor} databases: use the database's own tool.")
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = f"{made['bytes'] / 2**20:,.1f} MB"
        n = made["leads"]
        leads = f", {n:,} lead{'' if n == 1 else 's'}" if n >= 0 else ""
        kind = "pg_restore format" if connection.vendor == "postgresql" else "SQLite"
        self.stdout.write(f"Backed up to {file} ({kind}, {size}{leads}).")
        self.stdout.write(secret_key_note(settings.DATA_DIR))

    def _sqlite(self, name: str, file: str) -> dict[str, int]:
        """The online backup, with a progress bar on a terminal (gone once done)."""
        console = Console(stderr=True)
        if not console.is_terminal:  # a cron job's log gets the one line of the result
            return copy_sqlite(name, file)
        with Progress(
            TextColumn("Backing up"),
            BarColumn(),
            TaskProgressColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("backup", total=None)
            return copy_sqlite(
                name, file, lambda done, total: bar.update(task, completed=done, total=total)
            )


def _same_file(file: str, db_name: str) -> bool:
    try:
        return os.path.samefile(file, db_name)
    except OSError:
        return False
