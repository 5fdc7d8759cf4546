"""A name of only invisible characters (zero-width spaces, joiners, direction marks: Unicode
Cf, and spaces of every kind) names nobody: refused as blank, by the API and by the actions
every other way in goes through, and trimmed from a name's ends. A line break or control
character in a name or company is refused, as the web forms refuse it, in words ("must be
on one line, without control characters"), not as the regular expression that checks it."""

from __future__ import annotations

import pytest

from fairchase.leads import actions
from fairchase.leads.models import Lead

INVISIBLE = "\u200b\u200b"  # two zero-width spaces


def _said(response) -> str:
    assert response.status_code == 422, response.content
    return " ".join(d["message"] for d in response.json()["errors"])


def test_a_name_of_invisible_characters_is_blank_to_the_api(api, alice, make_lead):
    assert "must not be blank" in _said(api("POST", "/leads", {"name": INVISIBLE}))
    assert "must not be blank" in _said(api("POST", "/leads", {"name": "\u2060\ufeff\u3000"}))
    lead = make_lead(alice, name="Ann Lee")
    assert "must not be blank" in _said(api("PATCH", f"/leads/{lead.pk}", {"name": "\u200e"}))
    assert not Lead.objects.exclude(pk=lead.pk).exists()


def test_invisible_characters_at_a_names_ends_are_trimmed(api):
    r = api("POST", "/leads", {"name": "\u200bAnn Lee\u200d ", "company": "\ufeffAcme\u200b"})
    assert r.status_code == 201, r.content
    assert (r.json()["name"], r.json()["company"]) == ("Ann Lee", "Acme")


def test_a_name_of_invisible_characters_is_refused_every_way_in(alice, make_lead):
    with pytest.raises(actions.ActionError, match="needs a name"):
        actions.create_lead(alice, name=INVISIBLE, email="ann@lee.example")
    lead = make_lead(alice, name="Ann Lee")
    with pytest.raises(actions.ActionError, match="needs a name"):
        actions.update_lead(lead, name="\u00a0\u200b")
    lead.refresh_from_db()
    assert lead.name == "Ann Lee"


@pytest.mark.parametrize("field", ["name", "company"])
def test_a_control_character_is_refused_in_words(api, field):
    body = {"name": "Ann Lee", field: "Ann\x01Lee"}
    said = _said(api("POST", "/leads", body))
    assert "must be on one line, without control characters" in said, said
    assert "pattern" not in said and "\\x00" not in said
    said = _said(api("POST", "/leads", {"name": "Ann Lee", field: "Ann\nLee"}))
    assert "without control characters" in said
    assert not Lead.objects.exists()
