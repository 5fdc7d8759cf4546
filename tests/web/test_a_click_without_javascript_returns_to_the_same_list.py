"""A click on Today without JavaScript (a plain form post) comes back to the list it was made
on: the row's form carries the page's `?owner=`. On the whole team's list ("Everyone") it
carried nothing, and the click came back to the owner's own leads."""

from __future__ import annotations

import re


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
