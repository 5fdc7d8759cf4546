"""A click on Today without JavaScript (a plain form post) comes back to the list it was made
on: the row's form carries the page's `?owner=`. On the whole team's list ("Everyone") it
carried nothing, and the click came back to the owner's own leads."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from fairchase.leads import actions


def test_a_click_on_everyones_list_comes_back_to_everyones_list(client, boss, alice, make_lead):
    lead = make_lead(alice, name="Ann Lee")
    client.force_login(boss)
    html = client.get("/?owner=all").content.decode()
    form = re.search(
        rf'<form class="outcomes"[^>]*action="/leads/{lead.pk}/outcome/".*?</form>', html
    )
    assert form and 'name="owner" value="all"' in form.group(0)
    r = client.post(f"/leads/{lead.pk}/outcome/", {"outcome": "no_answer", "owner": "all"})
    assert r.status_code == 302 and r["Location"] == "/?owner=all"


def test_on_ones_own_list_the_form_names_no_owner(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Lee")
    client.force_login(alice)
    html = client.get("/").content.decode()
    form = re.search(
        rf'<form class="outcomes"[^>]*action="/leads/{lead.pk}/outcome/".*?</form>', html
    )
    assert form and 'name="owner"' not in form.group(0)


def _commitment_card(html: str, pk: int) -> str:
    card = html[html.index(f'id="commitment-{pk}"') :]
    return card[: card.index("</li>")]


def test_a_promise_card_on_everyones_list_comes_back_to_everyones_list(
    client, boss, alice, make_lead
):
    """Both forms of a promise's card (the call's outcome, Done / Cancel it) carry the
    page's ?owner=, and Done without JavaScript comes back to the whole team's list."""
    lead = make_lead(alice, name="Ann Lee")
    c = actions.add_commitment(
        lead, by="us", what="send the quote", due_at=timezone.now() - timedelta(minutes=5)
    )
    client.force_login(boss)
    card = _commitment_card(client.get("/?owner=all").content.decode(), c.pk)
    assert f'action="/leads/{lead.pk}/outcome/"' in card
    assert card.count('name="owner" value="all"') == 2  # the outcome form and the resolve form
    r = client.post(
        f"/commitments/{c.pk}/resolve/", {"state": "done", "next": "today", "owner": "all"}
    )
    assert r.status_code == 302 and r["Location"] == "/?owner=all"


def test_a_promise_card_on_ones_own_list_names_no_owner(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Lee")
    c = actions.add_commitment(
        lead, by="us", what="send the quote", due_at=timezone.now() - timedelta(minutes=5)
    )
    client.force_login(alice)
    card = _commitment_card(client.get("/").content.decode(), c.pk)
    assert 'name="owner"' not in card
    r = client.post(f"/commitments/{c.pk}/resolve/", {"state": "done", "next": "today"})
    assert r.status_code == 302 and r["Location"] == "/"
