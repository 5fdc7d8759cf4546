"""Every owner picker names people as Add lead and the filters do (their full name, else
their username): the Capture & import page's three (a form's owner, a new form's, an
import's) and the lead page's Reassign, never usernames beside names elsewhere."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.leads.people import display_name

OPTIONS = re.compile(r'<option value="(\d+)"[^>]*>([^<]*)</option>')


def _named(username: str, first: str, last: str):
    return get_user_model().objects.create_user(
        username, f"{username}@example.com", "pw", first_name=first, last_name=last
    )


def _pickers(html: str) -> list[dict[int, str]]:
    """Each `<select name="owner">` of the page as {user id: label}."""
    selects = re.findall(r'<select name="owner"[^>]*>(.*?)</select>', html, re.S)
    return [{int(pk): label.strip() for pk, label in OPTIONS.findall(s)} for s in selects]


def test_the_capture_pages_owner_pickers_show_names(boss):
    maria = _named("maria", "Maria", "Lopez")
    nameless = _named("sam", "", "")
    form = CaptureForm.objects.create(name="Site", owner=boss)
    c = Client()
    c.force_login(boss)
    pickers = _pickers(c.get("/in/").content.decode())
    assert len(pickers) == 3, pickers  # the form's owner, a new form's, an import's
    for labels in pickers:
        assert labels[maria.pk] == "Maria Lopez" and labels[boss.pk] == display_name(boss)
        assert labels[nameless.pk] == "sam"  # no name given: the username, as elsewhere
    r = c.post(f"/in/forms/{form.pk}/", {"action": "save", "owner": maria.pk}, follow=True)
    assert "its enquiries go to Maria Lopez." in r.content.decode()


def test_the_reassign_picker_shows_names(boss, alice, make_lead):
    olivia = _named("olivia", "Olivia", "Grant")
    lead = make_lead(alice)
    c = Client()
    c.force_login(boss)
    html = c.get(f"/leads/{lead.pk}/").content.decode()
    (labels,) = _pickers(html)
    assert labels[olivia.pk] == "Olivia Grant" and labels[alice.pk] == "Alice"
