"""`fairchase worker`: the background loop (refit, replan, lapse promises, send, poll)."""

from django.core.management.base import BaseCommand

from fairchase.arguments import whole
from fairchase.leads.models import WorkerLease
from fairchase.leads.worker import STEPS, Loop, run_once


class Command(BaseCommand):
    help = "Run the background worker loop (claims due work from the database)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every step once and exit.")
        parser.add_argument(
            "--iterations", type=whole(1), default=None, help="Stop after N loop iterations."
        )

    def handle(self, *args, once=False, iterations=None, **opts):
        # A database it cannot reach (or one without tables) stops it here with the one line
        # that migrate and serve give (fairchase/cli.py), not a traceback per step forever.
        WorkerLease.objects.exists()
        if once:
            done = run_once()
            self.stdout.write(f"worker: {done} item(s) handled by {len(STEPS)} step(s)")
            return
        self.stdout.write(f"worker: running steps {', '.join(STEPS)} (Ctrl-C to stop)")
        Loop().run(max_iterations=iterations)
