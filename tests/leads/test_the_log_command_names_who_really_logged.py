"""`fairchase log` without --user records its attempt, and the status change it makes, as
"by the command line", as the import command does: never as the lead's owner, who did
nothing. Before (eval27 #4), `fairchase log 674 --call --no-answer` on Maria's lead wrote
"Call: no answer / 6 min, by Maria", and an opt-out taken on the command line named her as
who took it. With --user the attempt is that user's; a --user nobody has is refused, not
dropped. The output says who it was logged as. The whole command, as a person types it."""

from __future__ import annotations

import pytest

from fairchase.leads.models import Lead, Status

pytestmark = pytest.mark.usefixtures("transactional_db")


def _page(lead: Lead, user) -> str:
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c.get(f"/leads/{lead.pk}/").content.decode()


def test_an_attempt_logged_without_a_user_is_the_command_lines(cli, alice, make_lead):
    nina = make_lead(alice, name="Nina Moore")
    code, out, err = cli("log", str(nina.pk), "--call", "--no-answer")
    assert code == 0, err
    assert f"Nina Moore (#{nina.pk}), by the command line (no --user)." in out
    attempt = nina.attempts.get()
    assert attempt.user is None and "by the command line" in attempt.notes
    page = _page(nina, alice)
    assert "by Alice" not in page and "Logged by the command line." in page


def test_a_status_change_logged_without_a_user_says_so(cli, alice, make_lead):
    lead = make_lead(alice, name="Sam Talker")
    code, _out, err = cli("log", str(lead.pk), "--call", "--talked", "--notes", "CLI note")
    assert code == 0, err
    change = lead.status_changes.get(new=Status.ENGAGED)
    assert change.user is None and change.reason == "Talked (call), by the command line"
    attempt = lead.attempts.get()
    assert attempt.user is None and attempt.notes == "CLI note\nLogged by the command line."


def test_an_opt_out_taken_on_the_command_line_names_no_salesperson(cli, alice, make_lead):
    lead = make_lead(alice, name="Hal Hostile")
    code, _out, err = cli("log", str(lead.pk), "--email", "--opted-out")
    assert code == 0, err
    change = lead.status_changes.get(new=Status.OPTED_OUT)
    assert change.user is None
    assert change.reason == "Asked not to be contacted (email), by the command line"
    assert lead.attempts.get().user is None


def test_with_a_user_the_attempt_is_theirs(cli, alice, bob, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    code, out, err = cli("log", str(lead.pk), "--call", "--talked", "--user", "bob")
    assert code == 0, err
    assert ", as Bob." in out
    assert lead.attempts.get().user == bob and lead.attempts.get().notes == ""
    assert lead.status_changes.get(new=Status.ENGAGED).reason == "Talked (call)"


def test_a_user_nobody_has_is_refused_and_nothing_logged(cli, alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    code, _out, err = cli("log", str(lead.pk), "--call", "--no-answer", "--user", "nobody")
    assert code != 0 and "No user 'nobody'" in err
    assert not lead.attempts.exists()
