"""The hint that says how to make the first account (`fairchase createsuperuser`) names this
install's DATA_DIR when it has its own: run without it, the command would make the account
in the checkout's database, and the login page would still say "No account yet". Said by
`make run DEMO=0` without a terminal, `fairchase serve`, `agenda` and `import`, and the login
page (newcomer #2)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from fairchase.hints import command_line

ROOT = Path(__file__).resolve().parents[1]


def test_the_command_line_has_data_dir_in_front_only_when_it_is_set(settings, tmp_path):
    assert command_line("createsuperuser", "fairchase") == "fairchase createsuperuser"
    settings.DATA_DIR = tmp_path / "my data"
    assert command_line("createsuperuser", ".venv/bin/fairchase") == (
        f"DATA_DIR='{tmp_path}/my data' .venv/bin/fairchase createsuperuser"
    )


def test_the_login_page_and_the_agenda_name_it(client, db, settings, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # `.venv/bin/fairchase` is how the virtualenv's command runs from here
    settings.DATA_DIR = tmp_path
    page = client.get(reverse("login")).content.decode()
    assert f"DATA_DIR={tmp_path} .venv/bin/fairchase createsuperuser" in page
    with pytest.raises(
        CommandError, match=f"DATA_DIR={tmp_path} .venv/bin/fairchase createsuperuser"
    ):
        call_command("agenda")


def test_make_run_without_a_terminal_names_it(tmp_path):
    """The Makefile in a scratch folder, its `fairchase` a stand-in that finds no account."""
    (tmp_path / "Makefile").write_text((ROOT / "Makefile").read_text())
    (tmp_path / "pyproject.toml").write_text("")
    fake = tmp_path / ".venv/bin/fairchase"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    os.utime(tmp_path / "pyproject.toml", (0, 0))  # older than the virtualenv: no install
    env = {k: v for k, v in os.environ.items() if k != "DATA_DIR"}

    def hint(*args: str) -> str:
        run = subprocess.run(
            ["make", "-s", "first-user", *args],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    assert "run .venv/bin/fairchase createsuperuser in one" in hint()
    said = hint("DATA_DIR=/srv/fairchase")
    assert "run DATA_DIR=/srv/fairchase .venv/bin/fairchase createsuperuser in one" in said
