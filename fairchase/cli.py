"""The `fairchase` command: Fairchase's own commands first, Django's behind `help --all`.

`fairchase` (or `fairchase --help`, `fairchase help`) lists Fairchase's commands, one line
each; `fairchase help COMMAND` (or `fairchase COMMAND --help`) explains one;
`fairchase help --all` lists every command, Django's stock ones (`migrate`,
`createsuperuser`, `shell`, ...) included. A file that cannot be read or written is
one line on stderr, not a traceback (`--traceback` still shows it), and so is a command's
refusal: `fairchase export: Name the file .csv or .xlsx ...`, not `CommandError: ...`.
"""

from __future__ import annotations

import os
import sys

# The order a newcomer meets them in; any other Fairchase command follows, by name.
ORDER = (
    "serve",
    "demo",
    "agenda",
    "log",
    "import",
    "export",
    "backup",
    "report",
    "fit",
    "worker",
    "send_outbox",
    "simulate",
    "backtest",
)
DJANGO_USEFUL = ("migrate", "createsuperuser", "changepassword", "shell", "dbshell", "check")


def _summary(app: str, name: str) -> str:
    from django.core.management import load_command_class

    try:
        text = load_command_class(app, name).help or ""
    except Exception:  # a broken command must not hide the list
        return ""
    text = " ".join(text.split())
    first = text.split(". ")[0].rstrip(".")
    return first[:1].upper() + first[1:]


def ours() -> list[tuple[str, str]]:
    """(name, one-line description) of Fairchase's own commands, in ORDER."""
    from django.core.management import get_commands

    found = {name: app for name, app in get_commands().items() if app.startswith("fairchase")}
    names = [n for n in ORDER if n in found] + sorted(set(found) - set(ORDER))
    return [(name, _summary(found[name], name)) for name in names]


def usage() -> str:
    rows = ours()
    width = max((len(name) for name, _ in rows), default=10) + 2
    lines = [
        "Fairchase: whom to chase today, how, and when to stop.",
        "",
        "Usage: fairchase COMMAND [options]      (fairchase help COMMAND for its options)",
        "",
        "Commands:",
        *(f"  {name.ljust(width)}{text}" for name, text in rows),
        "",
        f"Django's commands work too ({', '.join(DJANGO_USEFUL)}, ...): `fairchase help --all` lists them.",
    ]
    return "\n".join(lines) + "\n"


def _utility(argv: list[str]):
    """Django's dispatcher, with a command's refusal (a `CommandError`) said as its other
    errors are (a file it cannot write, a database not migrated): `fairchase export: why`
    on one line, not Django's `CommandError: why`. With --traceback, Django's own way."""
    from django.core.management import CommandError, ManagementUtility
    from django.core.management.base import BaseCommand, SystemCheckError

    def plainly(execute, name: str):
        def run(*args, **options):
            try:
                return execute(*args, **options)
            except SystemCheckError:
                raise
            except CommandError as exc:
                sys.stderr.write(f"fairchase {name}: {exc}\n")
                raise SystemExit(exc.returncode) from None

        return run

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            command = super().fetch_command(subcommand)
            if isinstance(command, BaseCommand) and "--traceback" not in argv:
                command.execute = plainly(command.execute, subcommand)
            return command

    return Utility(argv)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairchase.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError, ProgrammingError

    try:
        _run(args)
    except BrokenPipeError:  # `fairchase export leads - | head`: the reader has all it wants
        pass
    except OSError as exc:
        if "--traceback" in args:
            raise
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        sys.stderr.write(f"fairchase {args[0]}: {exc.strerror or exc}{where}\n")
        raise SystemExit(1) from None
    except ImproperlyConfigured as exc:  # a setting from the environment it cannot read
        if "--traceback" in args:
            raise
        sys.stderr.write(f"fairchase{' ' + args[0] if args else ''}: {exc}\n")
        raise SystemExit(1) from None
    except (OperationalError, ProgrammingError) as exc:
        behind = _not_migrated(exc)
        if "--traceback" in args or not (behind or unreachable_database(exc)):
            raise
        sys.stderr.write(
            f"fairchase {args[0]}: {behind}: run `fairchase migrate` first "
            f"(`make run` does it, and loads the demo on an empty database).\n"
            if behind
            else f"fairchase {args[0]}: {unreachable_database(exc)}\n"
        )
        raise SystemExit(1) from None
    else:
        return
    _reader_gone()


def _reader_gone() -> None:
    """Stop quietly when the reader of standard output has closed it, as `cat` does when
    `head` has its lines: exit 141 (128 + SIGPIPE), nothing said. Standard output points
    at /dev/null so its last flush at exit cannot fail again (Python's "Note on SIGPIPE")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(141)


def _run(args: list[str]) -> None:
    import django

    if not args or args in (["help"], ["--help"], ["-h"]):
        django.setup()
        sys.stdout.write(usage())
        return
    if args[:2] == ["help", "--all"]:
        args = ["help", *args[2:]]  # Django's own full listing
    _utility(["fairchase", *args]).execute()


def unreachable_database(exc: Exception) -> str:
    """What to say when the database could not be opened at all (PostgreSQL down, a
    wrong host or password, a SQLite file in a folder that is not there), or ''."""
    from django.conf import settings
    from django.db import connection

    if connection.connection is not None:  # connected: the error is about a query
        return ""
    db = settings.DATABASES["default"]
    first = (str(exc).strip().splitlines() or [""])[0]
    if "sqlite" in db["ENGINE"]:
        return f"cannot open the SQLite database {db['NAME']} (DATA_DIR, SQLITE_PATH): {first}"
    where = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    return f"cannot reach the database at {where} (DATABASE_URL): {first}"


def _not_migrated(exc: Exception) -> str:
    """What a database error says about missing migrations, or ''."""
    text = str(exc).lower()
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return "the database has no tables yet"
    if "no such column" in text or ("column" in text and "does not exist" in text):
        return "the database is older than this version of Fairchase"
    return ""
