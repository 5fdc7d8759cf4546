"""A name with something after a comma that is not a given name ("Bob Stone, Acme Corp",
"Bob Stone, Office Manager") was read as "Family, Given" because the part after the comma
had as many words as the part before: "Acme Corp Bob Stone", no longer the "Bob Stone"
who said no on that number, so a new lead of his was open (and greeted "Acme"). A name is
turned round only when the part before its comma is one word (titles and suffixes aside),
and two names match if they match as written or turned round: missing a match is the
unsafe direction for an opt-out."""

from __future__ import annotations

import pytest

from fairchase.api.models import ApiToken
from fairchase.leads import actions
from fairchase.leads.models import Status
from fairchase.leads.names import first_name, in_order
from fairchase.leads.same_person import _names_match

PHONE = "+33612345678"
WITH_A_COMPANY = [
    "Bob Stone, Acme Corp",
    "Bob Stone, Office Manager",
    "Robert Stone, Sales Manager",
]


@pytest.mark.parametrize("name", WITH_A_COMPANY)
def test_a_name_with_its_company_after_a_comma_is_read_as_written(name):
    assert in_order(name) == name
    assert first_name(name) in ("Bob", "Robert")
    assert _names_match(name, name.split(",")[0]) and _names_match(name.split(",")[0], name)


@pytest.mark.parametrize(
    "name, first",
    [
        ("Stone, Bob", "Bob"),
        ("Bob Stone, Acme Corp", "Bob"),
        ("Stone Jr., Bob", "Bob"),
        ("Dr. Stone, Bob", "Bob"),
        ("O'Brien, Pat", "Pat"),
        ("Garcia Lopez, Maria", "Garcia"),  # two words before the comma: as written
    ],
)
def test_a_name_is_turned_round_only_when_one_word_is_before_its_comma(name, first):
    assert first_name(name) == first


def test_a_name_matches_as_written_or_turned_round():
    assert _names_match("Stone, Bob", "Bob") and _names_match("Bob", "Stone, Bob")
    assert _names_match("Bob, Acme Corp", "Bob")  # as written: "Acme Corp Bob" turned round
    assert not _names_match("Stone, Ann", "Bob Stone")  # two first names stay two people
    assert not _names_match("Bob Stone, Acme Corp", "Ann Stone")


@pytest.mark.parametrize("name", WITH_A_COMPANY)
def test_a_new_lead_with_a_company_after_the_name_stays_opted_out(alice, make_lead, name):
    said_no = make_lead(alice, name=name.split(",")[0], email="", phone=PHONE)
    actions.opt_out(said_no)
    lead = actions.create_lead(alice, name=name, phone=PHONE)
    assert lead.status == Status.OPTED_OUT
    stranger = actions.create_lead(alice, name="Ann Stone, Acme Corp", phone=PHONE)
    assert stranger.status == Status.OPEN


def test_the_api_keeps_him_opted_out(client, alice, make_lead):
    said_no = make_lead(alice, name="Bob Stone", email="", phone=PHONE)
    actions.opt_out(said_no)
    _token, secret = ApiToken.issue(alice, "tests")
    r = client.post(
        "/api/leads",
        {"name": "Bob Stone, Acme Corp", "phone": "+33 6 12 34 56 78"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 201 and r.json()["status"] == "opted_out", r.content
