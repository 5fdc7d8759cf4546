"""`make clean` is the usual first fix for a broken install: it removes only what can be
rebuilt and never the business's lead database; deleting that takes `make clean-data
CONFIRM=yes`, and without CONFIRM it says what it would delete (every file) and deletes nothing,
a dry run that succeeds rather than make's "Error 1"."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = ("fairchase.sqlite3", "fairchase.sqlite3-wal", "fairchase.sqlite3-shm", ".secret_key")


def _checkout(tmp_path: Path) -> Path:
    """The Makefile in a scratch directory with a database, a virtualenv and test output."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    for name in DATABASE:
        (tmp_path / name).write_text("leads")
    for folder in (".venv/bin", "test-output/screenshots", ".hypothesis", ".ruff_cache"):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


def _make(where: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATA_DIR", "CONFIRM")}
    return subprocess.run(["make", "-s", *args], cwd=where, env=env, capture_output=True, text=True)


def test_make_clean_removes_what_can_be_rebuilt_and_keeps_the_database(tmp_path):
    where = _checkout(tmp_path)
    assert _make(where, "clean").returncode == 0
    assert not (where / ".venv").exists() and not (where / "test-output").exists()
    assert not (where / ".hypothesis").exists() and not (where / ".ruff_cache").exists()
    assert all((where / name).exists() for name in DATABASE)


def test_make_clean_data_refuses_without_confirm_and_says_why(tmp_path):
    where = _checkout(tmp_path)
    refused = _make(where, "clean-data")
    # it only said what it would delete: no make "Error 1" (newcomer69 #4), every file named
    assert refused.returncode == 0 and not refused.stderr, refused
    assert "Nothing was deleted" in refused.stdout and "CONFIRM=yes" in refused.stdout
    named = [line.strip() for line in refused.stdout.splitlines() if line.startswith("  ")]
    assert named == [f"{where}/{name}" for name in DATABASE[:3]] + [
        f"{where}/fairchase.sqlite3.locks"
    ], refused.stdout
    assert all((where / name).exists() for name in DATABASE)


def test_make_clean_data_with_confirm_deletes_the_database_and_keeps_the_key(tmp_path):
    where = _checkout(tmp_path)
    assert _make(where, "clean-data", "CONFIRM=yes").returncode == 0
    assert not any((where / name).exists() for name in DATABASE[:3])
    assert (where / ".secret_key").exists()
