"""The lead list's `?source=` reads its value as a POST's source is read (the importer's
`map_source`): a label in any case finds the leads stored under its code, and an imported
lead's own source (outside the app's codes) is still found by that code."""

from __future__ import annotations

import pytest


@pytest.fixture
def listed(client, alice, token_for, make_lead):
    """`listed(source)` -> the names of Alice's leads the API lists for `?source=`."""
    for name, source in [
        ("Ref", "referral"),
        ("Web", "web_form"),
        ("Window", "window_cleaning_co"),
        ("Imp", "import"),
        ("Blank", ""),  # what a value of no letters would read as
    ]:
        make_lead(alice, name=name, source=source)
    headers = token_for(alice)

    def names(source):
        r = client.get("/api/leads", {"source": source}, headers=headers)
        assert r.status_code == 200, r.content
        return sorted(item["name"] for item in r.json()["items"])

    return names


@pytest.mark.parametrize("sent", ["referral", "Referral", "REFERRAL", "word of mouth"])
def test_a_label_finds_the_leads_under_its_code(listed, sent):
    assert listed(sent) == ["Ref"]


def test_a_label_finds_what_a_post_with_it_stored(api, listed):
    assert api("POST", "/leads", {"name": "Posted", "source": "Web form"}).status_code == 201
    assert listed("Web form") == ["Posted", "Web"]


@pytest.mark.parametrize(
    ("sent", "found"),
    [("window_cleaning_co", ["Window"]), ("Window Cleaning Co", ["Window"]), ("import", ["Imp"])],
)
def test_an_imported_leads_own_source_is_found_by_its_code(listed, sent, found):
    assert listed(sent) == found


def test_a_source_nobody_has_finds_nothing(listed):
    assert listed("Martians") == []
    assert listed("!!!") == []
