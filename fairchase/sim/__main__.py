"""`python -m fairchase.sim simulate|backtest ...`"""

from __future__ import annotations

import sys

from fairchase.sim.cli import backtest_main, simulate_main


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the `simulate` or `backtest` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"simulate": simulate_main, "backtest": backtest_main}
    if not argv or argv[0] not in commands:
        print("usage: python -m fairchase.sim {simulate,backtest} [options]  (-h for help)")
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
