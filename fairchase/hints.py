"""The command lines the app prints for a person to run (`fairchase createsuperuser`), written
for this install: one that keeps its data outside the checkout (DATA_DIR, SQLITE_PATH) needs
the same setting in front, or the command reads, or makes, another database."""

from __future__ import annotations

import shlex
from pathlib import Path

from django.conf import settings


def command_line(args: str, program: str = "fairchase") -> str:
    """`program args`, with `DATA_DIR=...` in front when this install's DATA_DIR is not its
    checkout (the default), and `SQLITE_PATH=...` when that is set."""
    where = []
    if Path(settings.DATA_DIR).resolve() != Path(settings.BASE_DIR).resolve():
        where.append(f"DATA_DIR={shlex.quote(str(settings.DATA_DIR))}")
    if settings.SQLITE_PATH:
        where.append(f"SQLITE_PATH={shlex.quote(settings.SQLITE_PATH)}")
    return " ".join([*where, program, args])
