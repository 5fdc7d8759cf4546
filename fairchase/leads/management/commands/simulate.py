"""`fairchase simulate`: the decision core's simulate (see `fairchase simulate --help`)."""

import argparse

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run fairchase.sim's simulate; all arguments pass through (try --help after the name)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("sim_args", nargs=argparse.REMAINDER)
        return parser

    def run_from_argv(self, argv):
        # Hand every argument to the simulator's own parser, --help included.
        from fairchase.sim.cli import simulate_main

        raise SystemExit(simulate_main(argv[2:]) or 0)

    def handle(self, *args, sim_args=(), **opts):
        # call_command's way in: a refusal raises, as `fairchase simulate` exits non-zero
        from fairchase.sim.cli import simulate_main

        code = simulate_main(list(sim_args))
        if code:
            raise CommandError(
                f"The simulation did not run (exit {code}): see the message above.",
                returncode=code,
            )
