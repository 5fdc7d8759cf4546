"""The command lines the app prints for a person to run (`fairchase createsuperuser`), written
for this install: one that keeps its data outside the checkout (DATA_DIR, SQLITE_PATH) needs
the same setting in front, or the command reads, or makes, another database."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from django.conf import settings


def fairchase_program() -> str:
    """How a person starts `fairchase` from here: the virtualenv's script beside this Python
    (`.venv/bin/fairchase` from the checkout, its whole path from elsewhere), else plain
    `fairchase` (installed on the PATH). Copied as printed, the line runs: a bare `fairchase`
    is "command not found" until the virtualenv is on the PATH."""
    script = Path(sys.executable).parent / "fairchase"
    if not script.exists():
        return "fairchase"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def uses_the_checkout() -> bool:
    """True when this install's SQLite database is the checkout's (no DATA_DIR, SQLITE_PATH)."""
    return not _settings_in_front()


def command_line(args: str, program: str | None = None) -> str:
    """`program args`, with `DATA_DIR=...` in front when this install's DATA_DIR is not its
    checkout (the default), and `SQLITE_PATH=...` when that is set."""
    return " ".join([*_settings_in_front(), program or fairchase_program(), args])


def _settings_in_front() -> list[str]:
    """`DATA_DIR=...` (and `SQLITE_PATH=...`) as a command for this install needs them."""
    where = []
    if Path(settings.DATA_DIR).resolve() != Path(settings.BASE_DIR).resolve():
        where.append(f"DATA_DIR={shlex.quote(str(settings.DATA_DIR))}")
    if settings.SQLITE_PATH:
        where.append(f"SQLITE_PATH={shlex.quote(settings.SQLITE_PATH)}")
    return where


def database_served(db: dict | None = None) -> str:
    """Which database this process reads and writes (`db`: these settings'), for a person:
    the SQLite file's path (and that it is the checkout's, where the demo loads), or
    PostgreSQL's name and host."""
    db = db or settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        host = f" on {db['HOST']}" if db.get("HOST") else ""
        return f"PostgreSQL database {db['NAME']}{host} (DATABASE_URL)"
    path = os.fspath(db["NAME"])
    if uses_the_checkout():
        return f"{path} (the checkout's; your own data elsewhere: run with DATA_DIR=... in front)"
    return f"{path} ({' '.join(_settings_in_front())})"
