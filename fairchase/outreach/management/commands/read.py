"""`fairchase read FILE...`: read saved messages as the worker would and print one JSON
line per file, so a person can see why a message was read as it was."""

from __future__ import annotations

import json
import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fairchase.leads.models import BusinessSettings
from fairchase.outreach import replies_learning
from fairchase.outreach.reading.files import as_json, looks_like_mail, read_file, read_raw
from fairchase.outreach.reading.when import zone_of


class Command(BaseCommand):
    help = (
        "Read saved messages (.eml, or a text message as .txt) and print one JSON line per file: "
        '{"file", "kind", "date", "language", "evidence"}.'
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="a saved message; - reads standard input"
        )
        parser.add_argument("--zone", help="the lead's IANA time zone (default: the business's)")
        parser.add_argument(
            "--now",
            help="when the messages arrived, ISO 8601 (default: now); "
            "a mail's own Date header is used when it has one",
        )

    def handle(self, *args, files, zone=None, now=None, **options):
        zone = zone or self._business_zone()
        if zone_of(zone).key != zone and zone != "UTC":
            raise CommandError(f"Unknown time zone: {zone}")
        try:
            arrived = datetime.fromisoformat(now) if now else timezone.now()
        except ValueError as e:
            raise CommandError(f"--now is not an ISO date: {now}") from e
        if arrived.tzinfo is None:
            arrived = arrived.replace(tzinfo=zone_of(zone))
        learner = self._learner()
        lines = [self._line(path, zone, arrived, learner) for path in files]
        for line, _ in lines:
            self.stdout.write(json.dumps(line, ensure_ascii=False))
        if failed := sum(not read for _, read in lines):  # said by the exit status too
            raise CommandError(f"{failed} of {len(files)} files could not be read.")

    def _line(self, path: str, zone: str, arrived: datetime, learner) -> tuple[dict, bool]:
        """(The JSON line for one file, whether it could be read)."""
        try:
            return as_json(path, self._read(path, zone, arrived, learner)), True
        except OSError as e:
            evidence, kind = f"unreadable: {e.strerror}", None
        except Exception as e:  # one odd message must not stop the others; a person reads it
            evidence, kind = f"could not be read: {type(e).__name__}", "unclear"
        line = {"file": path, "kind": kind, "date": None, "language": None, "evidence": evidence}
        return line, False

    @staticmethod
    def _read(path: str, zone: str, arrived: datetime, learner):
        """A file read as the worker would; `-`, standard input: a saved mail when it starts
        with a mail's headers, else a text message."""
        if path != "-":
            return read_file(path, zone, arrived, learner)
        raw = sys.stdin.buffer.read()
        return read_raw(raw, looks_like_mail(raw), zone, arrived, learner)

    @staticmethod
    def _learner():
        """The classifier as the worker has it: taught by this business's corrections."""
        try:
            return replies_learning.learner()
        except Exception:  # no database yet: the shipped examples alone
            return "shipped"

    @staticmethod
    def _business_zone() -> str:
        try:
            return BusinessSettings.current().business_timezone or "UTC"
        except Exception:  # no database yet: the command still reads files
            return "UTC"
