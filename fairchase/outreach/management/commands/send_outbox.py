"""`fairchase send_outbox`: send due messages (and optionally poll the mailbox) without
the rest of the worker; `--until-empty` exits when nothing is due (tests, cron)."""

import time

from django.core.management.base import BaseCommand, CommandError

from fairchase.arguments import number, whole
from fairchase.outreach import claiming, mailbox, outbox


class Command(BaseCommand):
    help = "Send due outbox messages (the worker's outreach_send step), optionally in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--until-empty", action="store_true", help="Exit once nothing is due.")
        parser.add_argument(
            "--iterations", type=whole(0), default=1, help="Loop this many times (0 = forever)."
        )
        parser.add_argument("--poll", action="store_true", help="Also read the reply mailbox.")
        parser.add_argument(
            "--idle",
            type=number(0, 3600),
            default=0.2,
            help="Seconds to sleep when nothing is due.",
        )

    def handle(self, *args, until_empty=False, iterations=1, poll=False, idle=0.2, **opts):
        claiming.recover_abandoned()
        total, i = 0, 0
        while iterations == 0 or i < iterations or until_empty:
            i += 1
            done = outbox.send_due()
            if poll:
                done += mailbox.poll_mailbox()
            total += done
            if done == 0:
                if until_empty:
                    break
                time.sleep(idle)
        self.stdout.write(f"send_outbox: {total} message(s) handled by {claiming.WORKER_ID}")
        if poll and (why := mailbox.last_poll_failed()):
            raise CommandError(why)  # one line, the reason in words: not a traceback
