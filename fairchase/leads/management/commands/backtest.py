"""`fairchase backtest`: the decision core's backtest (see `fairchase backtest --help`)."""

import argparse
import os

from django.core.management.base import BaseCommand, CommandError


def not_history(args: list[str]) -> str:
    """Why the history file among these arguments is not one (a spreadsheet, say), or "".
    Said once, at once, instead of one "invalid JSON" line per row."""
    path = next((a for a in args if not a.startswith("-") and os.path.isfile(a)), None)
    if path is None:
        return ""
    with open(path, "rb") as f:
        head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head or head[:1] == b"{":
        return ""
    sheet = head[:2] == b"PK" or path.lower().endswith((".csv", ".xlsx", ".xls"))
    return (
        f"{path} is not a history file: a history file is JSON lines, one past lead per line "
        f"(`fairchase export history FILE.jsonl` writes one)."
        + (
            " It looks like a spreadsheet: to bring its leads in, `fairchase import FILE`."
            if sheet
            else ""
        )
    )


def business() -> dict | None:
    """The business's margin and costs, the backtest's defaults (None before `migrate`)."""
    from django.db import DatabaseError

    from fairchase.leads.models import BusinessSettings

    try:
        row = BusinessSettings.objects.order_by("pk").first()
    except DatabaseError:
        return None
    row = row or BusinessSettings()
    return {
        "margin": row.margin,
        "margin_unset": row.margin_unset,
        "hourly_cost": row.hourly_cost,
        "complaint_cost": row.complaint_cost,
    }


class Command(BaseCommand):
    help = "Run fairchase.sim's backtest; all arguments pass through (try --help after the name)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("sim_args", nargs=argparse.REMAINDER)
        return parser

    def run_from_argv(self, argv):
        # Hand every argument to the simulator's own parser, --help included.
        from fairchase.sim.cli import backtest_main

        problem = not_history(argv[2:])
        if problem:
            self.stderr.write(problem)
            raise SystemExit(2)
        raise SystemExit(backtest_main(argv[2:], business=business()) or 0)

    def handle(self, *args, sim_args=(), **opts):
        # call_command's way in: a refusal raises, as `fairchase backtest` exits non-zero
        from fairchase.sim.cli import backtest_main

        problem = not_history(list(sim_args))
        if problem:
            raise CommandError(problem, returncode=2)
        code = backtest_main(list(sim_args), business=business())
        if code:
            raise CommandError(
                f"The backtest did not run (exit {code}): see the message above.",
                returncode=code,
            )
