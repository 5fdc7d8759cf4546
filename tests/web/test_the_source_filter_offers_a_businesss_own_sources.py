"""The Leads page's Source filter offers the sources the person's leads have (an evaluator's
finding, eval31): it offered only the seven built-in sources, so a business whose leads came
in with its own ("Home show 2026", "Angi") could not filter by them. Now it offers what the
visible leads have, ours with their labels, a business's own as the list shows them; a
teammate's source is never offered to someone who cannot see that lead."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairchase.leads.models import Lead


def _choices(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select name="source".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def _listed(html: str) -> set[str]:
    return {lead.name for lead in Lead.objects.all() if f'<tr id="lead-{lead.pk}"' in html}


def test_a_businesss_own_source_is_offered_and_filters(client, alice, make_lead):
    make_lead(alice, name="Hal Show", source="home_show_2026")
    make_lead(alice, name="Ann Angi", source="angi")
    make_lead(alice, name="Rita Ref", source="referral")
    client.force_login(alice)
    choices = _choices(client.get("/leads/").content.decode())
    assert choices == [
        ("", "Any source"),
        ("referral", "Referral"),
        ("angi", "angi"),
        ("home_show_2026", "home show 2026"),
    ]
    html = client.get("/leads/", {"source": "home_show_2026"}).content.decode()
    assert _listed(html) == {"Hal Show"}
    assert '<option value="home_show_2026" selected>' in html
    # a source none has (a link kept from before): shown as what the filter filters by
    html = client.get("/leads/", {"source": "yard_sign"}).content.decode()
    assert _listed(html) == set()
    assert '<option value="yard_sign" selected>yard sign</option>' in html


def test_a_teammates_source_is_not_offered_to_who_cannot_see_the_lead(
    client, alice, bob, boss, make_lead
):
    make_lead(alice, name="Ann", source="angi")
    make_lead(bob, name="Bo", source="bobs_secret_supplier")
    client.force_login(alice)
    html = client.get("/leads/").content.decode()
    assert "bobs_secret_supplier" not in html and "bobs secret supplier" not in html
    assert [v for v, _ in _choices(html)] == ["", "angi"]
    client.force_login(boss)  # the owner sees every lead, so every source
    assert [v for v, _ in _choices(client.get("/leads/").content.decode())] == [
        "",
        "angi",
        "bobs_secret_supplier",
    ]


def test_a_source_is_escaped(client, alice, make_lead):
    make_lead(alice, name="Sly", source="<script>alert(1)</script>")
    client.force_login(alice)
    html = client.get("/leads/").content.decode()
    assert "<script>alert(1)" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert (escaped, escaped) in _choices(html)


def test_the_sources_are_read_in_one_query(alice, make_lead):
    from fairchase.web.views.leads import sources_of

    for source in ("angi", "referral", "angi", "houzz"):
        make_lead(alice, source=source)
    with CaptureQueriesContext(connection) as queries:
        assert sources_of(Lead.objects.filter(owner=alice)) == ["referral", "angi", "houzz"]
    assert len(queries) == 1
