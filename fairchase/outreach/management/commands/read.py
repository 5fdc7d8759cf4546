"""`fairchase read FILE...`: read saved messages as the worker would and print one JSON
line per file, so a person can see why a message was read as it was."""

from __future__ import annotations

import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fairchase.leads.models import BusinessSettings
from fairchase.outreach import replies_learning
from fairchase.outreach.reading.files import as_json, read_file
from fairchase.outreach.reading.when import zone_of


class Command(BaseCommand):
    help = (
        "Read saved messages (.eml, or a text message as .txt) and print one JSON line per file: "
        '{"file", "kind", "date", "language", "evidence"}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
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
        for path in files:
            try:
                line = as_json(path, read_file(path, zone, arrived, learner))
            except OSError as e:
                line = {
                    "file": path,
                    "kind": None,
                    "date": None,
                    "language": None,
                    "evidence": f"unreadable: {e.strerror}",
                }
            except Exception as e:  # one odd message must not stop the others; a person reads it
                line = {
                    "file": path,
                    "kind": "unclear",
                    "date": None,
                    "language": None,
                    "evidence": f"could not be read: {type(e).__name__}",
                }
            self.stdout.write(json.dumps(line, ensure_ascii=False))

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
