"""The API reads a lead's source as the CSV importer reads a Source column: the code, its
label in any case ("Referral", "Web form") or another tool's name for it is stored as the
code, on a new lead and on a change; anything else is still a 422 naming the field and the
codes."""

from __future__ import annotations

import pytest

from fairchase.intake.sources import map_source
from fairchase.leads.models import SOURCES, Lead

CODES = [code for code, _ in SOURCES]
AS_PEOPLE_WRITE_THEM = [
    *(label for _, label in SOURCES),
    "REFERRAL",
    "web form",
    "Walk-In",
    "inbound_call",
    "Organic Search",
]


@pytest.mark.parametrize("sent", AS_PEOPLE_WRITE_THEM)
def test_a_new_lead_takes_a_source_as_the_importer_does(api, sent):
    r = api("POST", "/leads", {"name": "Src", "email": "src@example.com", "source": sent})
    assert r.status_code == 201, r.content
    code, _ = map_source(sent)
    assert code in CODES and r.json()["source"] == code
    assert Lead.objects.get(name="Src").source == code


def test_a_change_takes_a_label_too(api, alice, make_lead):
    lead = make_lead(alice, source="referral")
    r = api("PATCH", f"/leads/{lead.pk}", {"source": "Purchased List"})
    assert r.status_code == 200, r.content
    lead.refresh_from_db()
    assert lead.source == "purchased_list"


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_an_unknown_source_is_still_refused_with_the_codes(api, alice, make_lead, method):
    lead = make_lead(alice, source="referral")
    body = {"name": "Bad", "email": "bad@example.com", "source": "Martians"}
    path = "/leads" if method == "POST" else f"/leads/{lead.pk}"
    r = api(method, path, body if method == "POST" else {"source": "Martians"})
    assert r.status_code == 422, r.content
    (problem,) = r.json()["errors"]
    assert problem["loc"][-1] == "source"
    assert all(repr(code) in problem["message"] for code in CODES), problem["message"]
    lead.refresh_from_db()
    assert lead.source == "referral" and not Lead.objects.filter(name="Bad").exists()


def test_the_importers_own_import_code_is_not_a_source_the_api_takes(api):
    r = api("POST", "/leads", {"name": "Imp", "email": "imp@example.com", "source": "import"})
    assert r.status_code == 422
