"""The API validates bodies and date ranges as its schema says, and the schema says it:
a body is a JSON object (a list is 422 and changes nothing), a time is ISO 8601 text
(a number such as 0, read as 1970 by pydantic, is refused), and times far in the past or
future are refused with the range in the message and in the OpenAPI description."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads.models import Status


def _iso(delta: timedelta) -> str:
    return (timezone.now() + delta).isoformat()


@pytest.mark.parametrize("body", [[], ["email"], [{"channel": "email"}], "email", 1, None, True])
def test_an_opt_out_with_a_body_that_is_not_an_object_is_refused_and_changes_nothing(
    api, alice, make_lead, body
):
    lead = make_lead(alice)
    r = api("POST", f"/leads/{lead.pk}/opt-out", body)
    assert r.status_code in (400, 422), r.content
    lead.refresh_from_db()
    assert lead.status != Status.OPTED_OUT


def test_an_opt_out_with_an_object_body_still_works(api, alice, make_lead):
    lead = make_lead(alice)
    assert api("POST", f"/leads/{lead.pk}/opt-out", {"channel": "email"}).status_code == 200


@pytest.mark.parametrize(
    "path,body",
    [
        ("/leads/{pk}/stop", [{"next_state": "closed"}]),
        ("/leads/{pk}/attempts", [{"channel": "call", "outcome": "no_answer"}]),
        ("/leads/{pk}/commitments", [{"what": "Call back", "due_at": "2030-01-01T00:00:00Z"}]),
        ("/leads", [{"name": "Ann", "email": "ann@example.com"}]),
    ],
)
def test_every_body_must_be_an_object(api, alice, make_lead, path, body):
    lead = make_lead(alice)
    r = api("POST", path.format(pk=lead.pk), body)
    assert r.status_code == 422 and "JSON object" in r.content.decode()


@pytest.mark.parametrize(
    "at",
    [
        0,
        1,
        1_700_000_000,
        1.5e9,
        "0",
        "1970-01-01T00:00:00Z",
        "1999-12-31T23:59:59Z",
        "9999-01-01T00:00:00Z",
        True,
        [],
        {},
    ],
)
def test_an_attempt_time_that_is_a_number_or_out_of_range_is_refused(api, alice, make_lead, at):
    lead = make_lead(alice)
    r = api(
        "POST", f"/leads/{lead.pk}/attempts", {"channel": "call", "outcome": "no_answer", "at": at}
    )
    assert r.status_code == 422, (at, r.content)
    assert lead.attempts.count() == 0


def test_an_attempt_in_the_future_is_refused_and_one_an_hour_ago_is_taken(api, alice, make_lead):
    lead = make_lead(alice, created_at=timezone.now() - timedelta(hours=3))
    r = api(
        "POST",
        f"/leads/{lead.pk}/attempts",
        {"channel": "call", "outcome": "no_answer", "at": _iso(timedelta(days=1))},
    )
    assert r.status_code == 422 and "future" in r.content.decode()
    r = api(
        "POST",
        f"/leads/{lead.pk}/attempts",
        {"channel": "call", "outcome": "no_answer", "at": _iso(-timedelta(hours=1))},
    )
    assert r.status_code == 201, r.content


def test_commitment_and_revisit_dates_must_be_within_a_few_years(api, alice, make_lead):
    lead = make_lead(alice)
    for due in (_iso(timedelta(days=6 * 365)), _iso(-timedelta(days=400)), 0):
        r = api("POST", f"/leads/{lead.pk}/commitments", {"what": "Call back", "due_at": due})
        assert r.status_code == 422, (due, r.content)
    assert (
        api(
            "POST",
            f"/leads/{lead.pk}/commitments",
            {"what": "Call back", "due_at": _iso(timedelta(days=2))},
        ).status_code
        == 201
    )
    r = api(
        "POST",
        f"/leads/{lead.pk}/stop",
        {"next_state": "revisit", "revisit_at": "2100-01-01T00:00:00Z"},
    )
    assert r.status_code == 422


def test_a_lead_created_decades_ago_or_tomorrow_is_refused(api):
    for created in ("1990-05-01T00:00:00Z", _iso(timedelta(days=1)), 946684800):
        r = api(
            "POST", "/leads", {"name": "Ann", "email": "ann@example.com", "created_at": created}
        )
        assert r.status_code == 422, (created, r.content)


def test_the_schema_says_bodies_are_objects_and_gives_the_date_ranges(client, alice):
    client.force_login(alice)  # the schema is the team's (eval36 #6)
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in ("OptOutIn", "AttemptIn", "CommitmentIn", "StopIn", "LeadIn", "LeadPatch"):
        assert schemas[name]["type"] == "object", name
    at = schemas["AttemptIn"]["properties"]["at"]
    text = json.dumps(at)
    assert "date-time" in text and "20 years ago" in text and "in the future" not in text
    due = json.dumps(schemas["CommitmentIn"]["properties"]["due_at"])
    assert "date-time" in due and "5 years ahead" in due


@pytest.mark.parametrize("field", ["name", "company", "source", "email"])
def test_names_that_go_into_email_headers_must_be_one_line(api, field):
    body = {"name": "Ann", "email": "ann@example.com", field: "Ann\r\nBcc: all@example.com"}
    assert api("POST", "/leads", body).status_code == 422
