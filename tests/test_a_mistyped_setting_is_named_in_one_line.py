"""A setting from the environment that cannot be read (EMAIL_PORT=abc, DEBUG=maybe,
DATABASE_URL=nonsense), or a number the worker cannot use (REFIT_EVERY_HOURS=0,
WORKER_IDLE_SECONDS=-2), stops every command with one line naming the variable and what
it should look like, not a traceback; a variable set but empty counts as unset (so
DATABASE_URL= is the SQLite default); a database that cannot be reached is named."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from fairchase import settings as fs

ROOT = Path(__file__).resolve().parents[1]
FAIRCHASE = str(Path(sys.executable).parent / "fairchase")


def _fairchase(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "SQLITE_PATH", "DJANGO_SETTINGS_MODULE")
    }
    return subprocess.run(
        [FAIRCHASE, *args],
        env={**base, "DATA_DIR": str(tmp_path), **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("EMAIL_PORT", "abc", "EMAIL_PORT must be a whole number, got 'abc'"),
        ("IMAP_PORT", "9 93", "IMAP_PORT must be a whole number, got '9 93'"),
        ("LOGIN_MAX_FAILURES", "five", "LOGIN_MAX_FAILURES must be a whole number"),
        ("SECURE_HSTS_SECONDS", "1y", "SECURE_HSTS_SECONDS must be a whole number"),
        ("REFIT_EVERY_HOURS", "abc", "REFIT_EVERY_HOURS must be a number like 2 or 0.5"),
        ("REFIT_EVERY_HOURS", "inf", "REFIT_EVERY_HOURS must be a number"),
        ("REFIT_EVERY_HOURS", "0", "REFIT_EVERY_HOURS must be from 1 to 8760, got '0'"),
        ("REFIT_EVERY_HOURS", "-1", "REFIT_EVERY_HOURS must be from 1 to 8760, got '-1'"),
        ("REFIT_EVERY_HOURS", "1e12", "REFIT_EVERY_HOURS must be from 1 to 8760, got '1e12'"),
        ("WORKER_IDLE_SECONDS", "-2", "WORKER_IDLE_SECONDS must be from 0.1 to 60, got '-2'"),
        ("WORKER_IDLE_SECONDS", "0", "WORKER_IDLE_SECONDS must be from 0.1 to 60, got '0'"),
        (
            "DEBUG",
            "maybe",
            "DEBUG must be on or off (1/0, true/false, yes/no, on/off), got 'maybe'",
        ),
        ("HTTPS", "ture", "HTTPS must be on or off"),
        ("DATABASE_URL", "nonsense", "DATABASE_URL must look like postgres://"),
        ("DATABASE_URL", "mysq://u:pw@h/x", "unknown scheme 'mysq'"),
    ],
)
def test_a_value_that_cannot_be_read_is_refused_naming_its_variable(monkeypatch, name, value, said):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=said.replace("(", r"\(").replace(")", r"\)")):
        _read_all_settings()


def _read_all_settings():
    """Each reading settings.py does of the variables above."""
    fs.envint("EMAIL_PORT", 25), fs.envint("IMAP_PORT", 993)
    fs.envint("LOGIN_MAX_FAILURES", 5), fs.envint("SECURE_HSTS_SECONDS", 0)
    fs.envfloat("REFIT_EVERY_HOURS", 24, low=1, high=8760), fs.envbool("DEBUG")
    fs.envfloat("WORKER_IDLE_SECONDS", 2, low=0.1, high=60), fs.envbool("HTTPS")
    fs.database(fs.env("DATABASE_URL", "sqlite:///x.sqlite3"))


def test_the_password_in_a_database_url_is_never_repeated(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:hunter2@h:port/x")
    with pytest.raises(ImproperlyConfigured) as refused:
        _read_all_settings()
    assert "hunter2" not in str(refused.value)


@pytest.mark.parametrize("word", ["1", "on", "Yes", "TRUE", " on "])
def test_every_usual_way_of_saying_on_is_on(monkeypatch, word):
    monkeypatch.setenv("DEBUG", word)
    assert fs.envbool("DEBUG") is True
    monkeypatch.setenv("DEBUG", {"1": "0", "on": "off", "Yes": "no"}.get(word, "false"))
    assert fs.envbool("DEBUG", True) is False


def test_a_variable_set_but_empty_is_unset(monkeypatch):
    for name in ("EMAIL_PORT", "DEBUG", "REFIT_EVERY_HOURS", "DATABASE_URL"):
        monkeypatch.setenv(name, "")
    assert fs.envint("EMAIL_PORT", 25) == 25 and fs.envbool("DEBUG", True) is True
    assert fs.envfloat("REFIT_EVERY_HOURS", 24) == 24.0
    db = fs.database(fs.env("DATABASE_URL", "sqlite:///data/fairchase.sqlite3"))
    assert db["ENGINE"] == "django.db.backends.sqlite3"


def test_the_command_says_it_in_one_line_on_stderr(tmp_path):
    out = _fairchase(tmp_path, "agenda", "--everyone", EMAIL_PORT="abc")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr == "fairchase agenda: EMAIL_PORT must be a whole number, got 'abc'\n"


def test_a_number_the_worker_cannot_use_is_refused_by_the_settings_themselves(tmp_path):
    """Zero hours refit the whole book at every step; a negative idle spins a core."""
    out = _fairchase(tmp_path, "agenda", "--everyone", REFIT_EVERY_HOURS="0")
    assert out.returncode == 1 and out.stderr == (
        "fairchase agenda: REFIT_EVERY_HOURS must be from 1 to 8760, got '0'\n"
    ), out.stderr
    out = _fairchase(tmp_path, "agenda", "--everyone", WORKER_IDLE_SECONDS="-2")
    assert out.stderr == "fairchase agenda: WORKER_IDLE_SECONDS must be from 0.1 to 60, got '-2'\n"


def test_an_empty_database_url_is_the_sqlite_default(tmp_path):
    out = _fairchase(tmp_path, "check", DATABASE_URL="")
    assert out.returncode == 0 and "no issues" in out.stdout, out.stderr


def test_a_database_server_that_is_down_is_named(tmp_path):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgres://fairchase:pw@127.0.0.1:{port}/fairchase"
    out = _fairchase(tmp_path, "agenda", "--everyone", DATABASE_URL=url)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.startswith(
        f"fairchase agenda: cannot reach the database at 127.0.0.1:{port} (DATABASE_URL)"
    )
    assert len(out.stderr.splitlines()) == 1
