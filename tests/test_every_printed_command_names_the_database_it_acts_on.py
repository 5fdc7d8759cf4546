"""Every command the Makefile and the app print names the database it acts on (eval31 #3, #8,
#9): `make clean-data DATA_DIR=...` says to back up *that* database, not the checkout's demo;
`fairchase serve` says which database it serves, so a plain `make run` after one with
DATA_DIR (the demo, where her own account is not) is plain to see; and its first-account
hint runs as printed (`.venv/bin/fairchase`, not a bare `fairchase`) and never offers to load
the demo into a data folder of one's own."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from fairchase.hints import command_line, database_served
from fairchase.leads.management.commands.serve import Command

ROOT = Path(__file__).resolve().parents[1]


def _clean_data_says(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATA_DIR"}
    run = subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "clean-data", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_clean_data_says_to_back_up_the_database_it_would_delete():
    said = _clean_data_says("DATA_DIR=/srv/maria")
    assert "Back up first: DATA_DIR=/srv/maria .venv/bin/fairchase backup FILE" in said
    assert "make clean-data CONFIRM=yes DATA_DIR=/srv/maria deletes" in said
    assert "/srv/maria/.secret_key" in said
    plain = _clean_data_says()
    assert "Back up first: .venv/bin/fairchase backup FILE" in plain
    assert "DATA_DIR=" not in plain


def _announced() -> str:
    out = io.StringIO()
    Command(stdout=out)._announce("127.0.0.1:8765")
    return out.getvalue()


@pytest.mark.django_db
def test_serve_names_the_database_it_serves(settings, tmp_path):
    """The checkout's SQLite file, said as such (a server database is said by its name and
    host: `test_the_database_is_said_by_its_file_or_its_server`)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the suite runs on a database server: no checkout file to name")
    settings.SITE_URL_SET = True
    assert "Database: " in _announced() and "the checkout's" in _announced()
    settings.DATA_DIR = tmp_path
    line = next(x for x in _announced().splitlines() if x.startswith("Database: "))
    assert f"DATA_DIR={tmp_path}" in line and "the checkout's" not in line


def test_the_database_is_said_by_its_file_or_its_server(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "fairchase.sqlite3"}
    assert database_served(sqlite) == (f"{tmp_path}/fairchase.sqlite3 (DATA_DIR={tmp_path})")
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "sales", "HOST": "db"}
    assert database_served(postgres) == "PostgreSQL database sales on db (DATABASE_URL)"


@pytest.mark.django_db
def test_the_first_account_hint_runs_as_printed_and_keeps_the_demo_out(
    settings, tmp_path, monkeypatch
):
    monkeypatch.chdir(ROOT)
    settings.SITE_URL_SET = True
    said = _announced()
    assert "`.venv/bin/fairchase createsuperuser`" in said
    assert "`.venv/bin/fairchase demo`" in said  # the checkout's database: the demo may go there
    settings.DATA_DIR = tmp_path
    said = _announced()
    assert f"`DATA_DIR={tmp_path} .venv/bin/fairchase createsuperuser`" in said
    assert "demo" not in said
    assert command_line("backup x") == f"DATA_DIR={tmp_path} .venv/bin/fairchase backup x"


def test_make_run_listens_where_host_says():
    """`make run HOST=0.0.0.0`: a phone on the same network can reach it (README)."""

    def served(*args: str) -> str:
        run = subprocess.run(
            ["make", "-n", "-f", str(ROOT / "Makefile"), "run", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return next(line for line in run.stdout.splitlines() if " serve " in line)

    assert served().endswith("serve --addr 127.0.0.1:8000")
    assert served("HOST=0.0.0.0", "PORT=8001").endswith("serve --addr 0.0.0.0:8001")


def test_readme_says_where_make_run_names_its_database_as_it_prints_it():
    """newcomer72 #3: README said `make run`'s "first line says which database it serves";
    the Database line comes after make's own lines (and, the first time, the install's and
    the demo's). README names the line by its words instead."""
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "first line says which database" not in readme
    assert "a line of its output, `Database: ...`, says which database it serves" in readme
