"""A lead's source, signals and consents through the API are codes of the app's own lists
(the Add lead form's, the signals checklist's): a typo ("martians", "nonsense") is a 422
naming the field and the valid codes, never a value stored that nothing counts. A PATCH may
send back what the lead already carries (an imported lead's source or signal of its own),
as the edit form and the checklist keep it."""

from __future__ import annotations

import json

import pytest

from fairchase.leads.models import CONSENTS, GOOD_SIGNALS, POOR_SIGNALS, SOURCES, Lead

VALID = {
    "source": [c for c, _ in SOURCES],
    "signals": [c for c, _ in GOOD_SIGNALS + POOR_SIGNALS],
    "consents": [c for c, _ in CONSENTS],
}
BAD = [("source", "martians"), ("signals", ["nonsense"]), ("consents", ["nonsense"])]


def _names_field_and_codes(r, field: str) -> None:
    assert r.status_code == 422, r.content
    problems = r.json()["errors"]
    assert [p["loc"][2] for p in problems] == [field], problems
    for code in VALID[field]:
        assert repr(code) in problems[0]["message"], (code, problems[0]["message"])


@pytest.mark.parametrize(("field", "value"), BAD)
def test_a_new_lead_with_a_code_outside_the_lists_is_refused(api, field, value):
    r = api("POST", "/leads", {"name": "Bad src", "email": "b@example.com", field: value})
    _names_field_and_codes(r, field)
    assert not Lead.objects.filter(name="Bad src").exists()


@pytest.mark.parametrize(("field", "value"), BAD)
def test_a_change_to_a_code_outside_the_lists_is_refused(api, alice, make_lead, field, value):
    lead = make_lead(alice, source="referral", signals=["asked_price"], consents=["sms"])
    _names_field_and_codes(api("PATCH", f"/leads/{lead.pk}", {field: value}), field)
    lead.refresh_from_db()
    assert (lead.source, lead.signals, lead.consents) == ("referral", ["asked_price"], ["sms"])


def test_the_apps_own_codes_are_taken(api, alice, make_lead):
    good = {"source": "walk_in", "signals": ["asked_price", "vague"], "consents": ["sms"]}
    r = api("POST", "/leads", {"name": "Good src", "email": "g@example.com", **good})
    assert r.status_code == 201, r.content
    assert {k: r.json()[k] for k in good} == good
    lead = make_lead(alice)
    changed = {"source": "event", "signals": ["kept_promise"], "consents": ["mailing_list"]}
    r = api("PATCH", f"/leads/{lead.pk}", changed)
    assert r.status_code == 200, r.content
    lead.refresh_from_db()
    assert (lead.source, lead.signals, lead.consents) == (
        "event",
        ["kept_promise"],
        ["mailing_list"],
    )


def test_an_imported_leads_own_source_and_signal_may_be_sent_back(api, alice, make_lead):
    lead = make_lead(alice, source="trade_fair", signals=["budget_confirmed"])
    read = api("GET", f"/leads/{lead.pk}", None).json()
    body = {k: read[k] for k in ("source", "signals", "consents")}
    r = api("PATCH", f"/leads/{lead.pk}", {**body, "signals": [*body["signals"], "asked_price"]})
    assert r.status_code == 200, r.content
    lead.refresh_from_db()
    assert lead.source == "trade_fair" and lead.signals == ["budget_confirmed", "asked_price"]
    # ... but not another lead's custom code, and the message names the lead's own.
    r = api("PATCH", f"/leads/{lead.pk}", {"source": "expo_2027"})
    assert r.status_code == 422 and "'trade_fair'" in r.json()["errors"][0]["message"]


def test_a_bad_signal_is_named_by_its_place_in_the_list(api, alice, make_lead):
    lead = make_lead(alice)
    r = api("PATCH", f"/leads/{lead.pk}", {"signals": ["asked_price", "askd_details"]})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"][-2:] == ["signals", 1]


def test_the_openapi_schema_lists_the_codes_a_new_lead_takes(client, alice):
    client.force_login(alice)  # the schema is the team's (eval36 #6)
    spec = client.get("/api/openapi.json").json()
    props = spec["components"]["schemas"]["LeadIn"]["properties"]
    assert props["source"]["enum"] == VALID["source"]
    assert props["signals"]["items"]["enum"] == VALID["signals"]
    assert props["consents"]["items"]["enum"] == VALID["consents"]
    patch = json.dumps(spec["components"]["schemas"]["LeadPatch"]["properties"]["source"])
    assert "'referral'" in patch and "already has" in patch


def test_a_code_sent_twice_is_kept_once(api, alice, make_lead):
    twice = {"signals": ["vague", "asked_price", "vague"], "consents": ["sms", "sms"]}
    r = api("POST", "/leads", {"name": "Twice", "email": "t@example.com", **twice})
    assert r.status_code == 201, r.content
    assert (r.json()["signals"], r.json()["consents"]) == (["vague", "asked_price"], ["sms"])
    lead = make_lead(alice)
    r = api("PATCH", f"/leads/{lead.pk}", {"consents": ["mailing_list", "mailing_list"]})
    assert r.status_code == 200, r.content
    lead.refresh_from_db()
    assert lead.consents == ["mailing_list"]
