"""A lead's page names the people who acted on it as the rest of the app does (their full
name, else their username): who logged an attempt, who changed it, whom it was reassigned
from and to, and the message saying so."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Profile


def _person(username: str, first: str, last: str, *, role: str = "sales"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "pw", first_name=first, last_name=last
    )
    Profile.objects.update_or_create(user=user, defaults={"role": role})
    return user


def test_the_timeline_and_a_reassignment_name_people(make_lead):
    boss = _person("boss", "Olivia", "Grant", role="admin")
    maria = _person("maria", "Maria", "Lopez")
    dan = _person("dan", "Dan", "Moss")
    lead = make_lead(maria)
    actions.log_attempt(lead, "call", "no_answer", user=maria, minutes=2)
    c = Client()
    c.force_login(boss)
    r = c.post(f"/leads/{lead.pk}/reassign/", {"owner": dan.pk}, follow=True)
    html = r.content.decode()
    assert f"{lead.name} now belongs to Dan Moss." in html
    assert "Reassigned from Maria Lopez to Dan Moss (by Olivia Grant)" in html
    assert "by Maria Lopez" in html
    assert "by maria" not in html and "(by boss)" not in html
