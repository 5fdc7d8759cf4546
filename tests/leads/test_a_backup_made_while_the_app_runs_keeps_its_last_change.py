"""`fairchase backup FILE` copies the database while the app runs. SQLite runs in WAL mode:
the newest changes sit in `fairchase.sqlite3-wal` until a checkpoint, so copying the main
file (what anyone would do) silently loses them. The backup holds a lead written just
before it, with the WAL not checkpointed; restored with the data directory's secret key,
it is a working install (migrations up to date, the lead's page opens, an unsubscribe
link sent before still works). A copy that exists is never overwritten without --force,
and every refusal is one line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

pytestmark = pytest.mark.slow

MAKE_LEAD = """
from django.contrib.auth import get_user_model
from fairchase.leads import actions
from fairchase.outreach.tokens import make_token
jo = get_user_model().objects.create_user("jo", "jo@example.com", "a long password 123")
lead = actions.create_lead(jo, name="Walcheck Last", email="walcheck@example.com", source="referral")
print(lead.pk, make_token(lead, "email"))
"""
OPEN_LEAD = """
from django.contrib.auth import get_user_model
from django.test import Client
from fairchase.outreach.tokens import read_token
c = Client()
c.force_login(get_user_model().objects.get(username="jo"))
page = c.get("/leads/{pk}/", HTTP_HOST="127.0.0.1")
print(page.status_code, "Walcheck Last" in page.content.decode(), read_token("{token}") is not None)
"""


def fairchase(data_dir, *args) -> subprocess.CompletedProcess:
    """The real command in its own process, on a SQLite database in `data_dir`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env |= {"DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "fairchase.settings"}
    code = "from fairchase.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300
    )


def names(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [name for (name,) in db.execute("SELECT name FROM leads_lead")]


def test_a_backup_taken_while_the_app_runs_holds_the_last_change_and_restores(tmp_path):
    live, restored = tmp_path / "live", tmp_path / "restored"
    assert fairchase(live, "migrate", "-v", "0").returncode == 0
    db = live / "fairchase.sqlite3"
    app = sqlite3.connect(db)  # the running app's connection: nothing checkpoints the WAL
    app.execute("SELECT count(*) FROM leads_lead").fetchone()
    made = fairchase(live, "shell", "-v", "0", "-c", MAKE_LEAD)
    assert made.returncode == 0, made.stderr
    pk, token = made.stdout.split()
    shutil.copy(db, tmp_path / "naive.sqlite3")
    assert names(tmp_path / "naive.sqlite3") == []  # the copy anyone would make misses it

    done = fairchase(live, "backup", str(tmp_path / "backup.sqlite3"))
    app.close()
    assert done.returncode == 0, done.stderr
    assert "1 lead)" in done.stdout and ".secret_key with it" in done.stdout, done.stdout
    assert names(tmp_path / "backup.sqlite3") == ["Walcheck Last"]
    assert not (tmp_path / "backup.sqlite3-wal").exists()  # one self-contained file
    assert oct(os.stat(tmp_path / "backup.sqlite3").st_mode & 0o777) == "0o600"

    restored.mkdir()  # README: the copy as fairchase.sqlite3, and the secret key beside it
    shutil.copy(tmp_path / "backup.sqlite3", restored / "fairchase.sqlite3")
    shutil.copy(live / ".secret_key", restored / ".secret_key")
    assert fairchase(restored, "migrate", "--check").returncode == 0
    opened = fairchase(restored, "shell", "-v", "0", "-c", OPEN_LEAD.format(pk=pk, token=token))
    assert opened.stdout.split() == ["200", "True", "True"], opened.stdout + opened.stderr


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's online backup (PostgreSQL: pg_dump)"
)


@sqlite_only
def test_the_backup_holds_what_the_app_just_wrote(
    transactional_db, make_lead, alice, cli, tmp_path
):
    make_lead(alice, name="Just Written")
    code, out, err = cli("backup", str(tmp_path / "b.sqlite3"))
    assert code == 0 and err == "", err
    assert names(tmp_path / "b.sqlite3") == ["Just Written"]
    assert out.startswith(f"Backed up to {tmp_path / 'b.sqlite3'} (SQLite, ") and "1 lead)" in out


@sqlite_only
def test_an_existing_file_is_kept_unless_forced(transactional_db, make_lead, alice, cli, tmp_path):
    make_lead(alice, name="Just Written")
    target = tmp_path / "fairchase-backup.sqlite3"
    target.write_text("an older backup")
    code, out, err = cli("backup", str(target))
    assert code == 1 and err == f"fairchase backup: {target} exists: add --force to replace it.\n"
    assert target.read_text() == "an older backup"
    code, out, err = cli("backup", str(target), "--force")
    assert code == 0 and err == "", err
    assert names(target) == ["Just Written"] and "1 lead)" in out


@pytest.mark.parametrize(
    "where, said",
    [
        ("{tmp}/missing/dir/b.sqlite3", "No such file or directory: {tmp}/missing/dir/b.sqlite3"),
        ("{tmp}", "{tmp} is a directory: name the backup file in it."),
        ("/proc/b.sqlite3", "/proc/b.sqlite3"),
    ],
)
def test_a_place_it_cannot_write_is_one_line(transactional_db, cli, tmp_path, where, said):
    code, out, err = cli("backup", where.format(tmp=tmp_path))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err + out, err
    assert err.startswith("fairchase backup: ") and said.format(tmp=tmp_path) in err, err
    assert list(tmp_path.iterdir()) == []  # no half-written copy left behind


@pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_restore") is None,
    reason="PostgreSQL with its client tools",
)
def test_postgresql_is_backed_up_with_pg_dump(transactional_db, make_lead, alice, cli, tmp_path):
    make_lead(alice, name="Just Written")
    code, out, err = cli("backup", str(tmp_path / "fairchase.dump"))
    assert code == 0, err
    listed = subprocess.run(
        ["pg_restore", "--list", str(tmp_path / "fairchase.dump")], capture_output=True, text=True
    )
    assert "TABLE DATA public leads_lead" in listed.stdout
