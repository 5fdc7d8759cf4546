"""`fairchase demo` never adds its known logins (olivia / fairchase-demo, an admin) to a
database with users of its own or leads: one line on stderr and a non-zero exit; with
--if-empty (what `make run` calls) a note and exit 0. A new database still loads it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from fairchase.cli import main
from fairchase.leads.demo import _users
from fairchase.leads.models import Lead

SMALL = ["--history", "30", "--open", "10", "--seed", "3"]
# The command line closes its database connections when a command ends (Django does), so the
# tests that run it whole use a database that outlives the connection: transactional_db.


def test_the_demo_refuses_a_database_with_a_user_of_its_own(transactional_db, capsys):
    get_user_model().objects.create_user("jo", "", "a real password 123")
    with pytest.raises(SystemExit) as exit:
        main(["demo", *SMALL])
    assert exit.value.code != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "users of its own (jo)" in err
    assert not get_user_model().objects.filter(username="olivia").exists()
    assert not Lead.objects.exists()


def test_the_demo_refuses_a_database_with_leads(transactional_db, make_lead, capsys):
    olivia = _users()[0]  # only the demo's own users: the leads alone must refuse it
    make_lead(olivia, name="Someone's real lead")
    with pytest.raises(SystemExit) as exit:
        main(["demo", *SMALL])
    assert exit.value.code != 0
    assert "this database has leads" in capsys.readouterr().err
    assert list(Lead.objects.values_list("name", flat=True)) == ["Someone's real lead"]


@pytest.mark.parametrize("username", ["olivia", "maria"])
def test_a_real_user_with_a_demo_name_is_not_taken_for_the_demos(
    transactional_db, capsys, username
):
    real = get_user_model().objects.create_user(username, "me@real.example", "my own password 1")
    with pytest.raises(SystemExit):
        main(["demo", *SMALL])
    assert f"users of its own ({username})" in capsys.readouterr().err
    real.refresh_from_db()
    assert real.check_password("my own password 1") and real.email == "me@real.example"
    assert not Lead.objects.exists()


def test_make_runs_if_empty_says_why_and_exits_0_on_a_real_install_and_loads_a_new_one(db):
    get_user_model().objects.create_user("jo", "", "a real password 123")
    out = StringIO()
    call_command("demo", "--if-empty", *SMALL, stdout=out)
    assert "Demo data not loaded: this database has users of its own (jo)" in out.getvalue()
    assert not get_user_model().objects.filter(username="olivia").exists()
    get_user_model().objects.filter(username="jo").delete()
    call_command("demo", "--if-empty", *SMALL, stdout=out)  # a new database: loaded
    assert get_user_model().objects.filter(username="olivia").exists() and Lead.objects.exists()
    out = StringIO()
    call_command("demo", "--if-empty", *SMALL, stdout=out)  # make run again: left alone
    assert "Demo data not loaded: this database has leads" in out.getvalue()
