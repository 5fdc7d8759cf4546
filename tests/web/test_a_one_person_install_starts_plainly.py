"""Starting alone, without the demo (eval22 #12): `make run DEMO=0`, a login page that says how
the first account is made, no "Whose leads" picker with nobody else on the team, and an empty
day that names the next follow-up rather than saying "add leads" beside a planned lead."""

from __future__ import annotations

import os
import subprocess
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command

from fairchase.leads import actions

ROOT = Path(__file__).resolve().parents[2]
HINT = "fairchase createsuperuser</code>"


def test_make_run_demo_0_asks_for_the_first_account_and_loads_no_demo():
    dry = subprocess.run(
        ["make", "-n", "run", "DEMO=0"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "fairchase createsuperuser" in dry and "fairchase serve" in dry
    assert "fairchase demo" not in dry
    assert (
        "fairchase demo --if-empty"
        in subprocess.run(
            ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    )


def test_the_login_page_says_how_to_make_the_first_account_while_there_is_none(client, db):
    assert HINT in client.get("/login/").content.decode()
    get_user_model().objects.create_user("dan", "dan@example.com", "pw-dan-12345")
    assert HINT not in client.get("/login/").content.decode()


def test_alone_on_the_team_no_one_elses_leads_are_offered(client, boss):
    client.force_login(boss)
    today = client.get("/").content.decode()
    assert "Whose leads" not in today and "Everyone's" not in today
    assert 'name="owner"' not in client.get("/leads/").content.decode()


def test_with_a_teammate_the_picker_is_back(client, boss, alice):
    client.force_login(boss)
    assert "Whose leads" in client.get("/").content.decode()
    assert 'name="owner"' in client.get("/leads/").content.decode()


def test_a_leavers_leads_can_still_be_reassigned_to_the_one_left(client, boss, alice, make_lead):
    make_lead(alice, name="Carried Carl")
    get_user_model().objects.filter(pk=alice.pk).update(is_active=False)
    client.force_login(boss)
    today = client.get("/").content.decode()
    assert f'<option value="{boss.pk}">' in today.split(f'id="reassign-{alice.pk}"')[1]


def test_an_empty_day_names_the_next_follow_up_on_the_web_and_in_the_terminal(
    client, boss, make_lead
):
    ann = make_lead(boss, name="Ann Parker")
    actions.log_attempt(ann, "call", "no_answer", user=boss)  # next: a call in a day or two
    client.force_login(boss)
    assert "Next follow-up: <strong>" in client.get("/").content.decode()
    assert "(Ann Parker).</span>" in client.get("/").content.decode()
    out = StringIO()
    call_command("agenda", stdout=out)
    said = " ".join(out.getvalue().split())
    assert "Next follow-up: " in said and "(Ann Parker)." in said
    assert "add leads" not in said


def test_the_terminal_says_add_leads_only_with_none(boss):
    out = StringIO()
    call_command("agenda", stdout=out)
    assert "Nothing to do: add leads" in out.getvalue()


def test_make_first_user_without_a_terminal_says_how_to_make_the_account(tmp_path):
    """newcomer69 #3: with no terminal (nohup, CI, docker exec without -t) Django's
    createsuperuser said "You can run `manage.py createsuperuser`": there is no manage.py."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    ran = subprocess.run(
        ["make", "-s", "first-user", f"DATA_DIR={tmp_path}"],
        cwd=ROOT,
        env={**env, "DATA_DIR": str(tmp_path)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0, ran
    assert "manage.py" not in ran.stdout + ran.stderr, ran
    # the data lives outside the checkout, so the command to run names it
    hint = f"no terminal here to ask for it: run DATA_DIR={tmp_path} .venv/bin/fairchase createsuperuser"
    assert hint in ran.stdout
    assert (tmp_path / "fairchase.sqlite3").exists()  # migrated there, not in the checkout
