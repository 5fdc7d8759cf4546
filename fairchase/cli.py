"""The `fairchase` command: Django's management commands under one name.

`fairchase serve`, `fairchase worker`, `fairchase demo`, `fairchase agenda`, `fairchase log`,
`fairchase fit`, `fairchase simulate`, `fairchase backtest`, `fairchase import`, ... plus
every stock Django command (`migrate`, `createsuperuser`, `shell`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairchase.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fairchase", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
