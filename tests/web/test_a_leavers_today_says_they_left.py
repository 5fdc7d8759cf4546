"""Someone who no longer works here has no day to plan: their Today (an owner's `?owner=`,
`fairchase agenda --user`) gives no selling minutes, no sections to work and no first-run
advice, but says they left and what is left to do: reassign the leads they still carry, or
that all of them are reassigned."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fairchase.web.agenda import agenda_for


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _leaves(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def _agenda_of(username: str) -> str:
    out = StringIO()
    call_command("agenda", user=username, stdout=out)
    return out.getvalue()


def test_a_leavers_today_asks_for_their_leads_to_be_reassigned_and_plans_no_minutes(
    alice, bob, boss, make_lead
):
    make_lead(alice, name="Ann Waiting", created_at=timezone.now())  # a new enquiry
    make_lead(alice)
    _leaves(alice)
    html = _client(boss).get(f"/?owner={alice.pk}").content.decode()
    assert "Alice no longer works here: reassign their 2 leads." in html
    assert f'href="#leaver-{alice.pk}">Reassign all 2</a>' in html
    assert "selling minutes" not in html and 'id="minutes"' not in html
    assert "respond now" not in html and "Ann Waiting" not in html
    assert agenda_for(boss, timezone.now(), owner=alice).budget_minutes == 0
    said = _agenda_of("alice")
    assert "Alice no longer works here: reassign their 2 leads." in said
    assert "selling minutes" not in said and "Ann Waiting" not in said


def test_once_their_leads_are_reassigned_a_leavers_today_says_so_not_how_to_start(
    alice, bob, boss, make_lead
):
    make_lead(alice)
    _leaves(alice)
    _client(boss).post("/leads/reassign-all/", {"leaver": alice.pk, "owner": bob.pk})
    html = _client(boss).get(f"/?owner={alice.pk}").content.decode()
    assert "Alice no longer works here: all their leads are reassigned." in html
    assert "Nothing to chase yet" not in html and "selling minutes" not in html
    said = _agenda_of("alice")
    assert "Alice no longer works here: all their leads are reassigned." in said
    assert "Nothing to do: add leads" not in said and "selling minutes" not in said


def test_someone_who_works_here_keeps_their_day(alice, boss, make_lead):
    make_lead(alice)
    html = _client(boss).get(f"/?owner={alice.pk}").content.decode()
    assert "selling minutes" in html and "no longer works here" not in html
