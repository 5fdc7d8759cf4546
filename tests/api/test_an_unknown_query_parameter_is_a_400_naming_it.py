"""A list endpoint answers 400 to a query parameter it does not take, naming it and the ones
it takes: `/api/leads?staus=won` listed every lead, which read as "these are the won ones"
(newcomer #4). The documented parameters keep working."""

from __future__ import annotations

import pytest


def test_a_misspelt_filter_is_refused_naming_it_and_the_accepted_ones(
    client, alice, make_lead, token_for
):
    make_lead(alice, name="Ann Lee", email="ann@example.com")
    r = client.get("/api/leads?staus=won", headers=token_for(alice))
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert detail == (
        "Unknown query parameter 'staus': this takes status, source, owner, search, limit, "
        "offset, order, cursor, updated_since."
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/agenda?ownr=all",
        "/api/commitments?stat=done",
        "/api/leads/{id}/attempts?limit=5",
        "/api/leads/{id}/commitments?lead_id=1",
    ],
)
def test_every_list_refuses_what_it_does_not_take(client, alice, make_lead, token_for, path):
    lead = make_lead(alice, email="ann@example.com")
    r = client.get(path.format(id=lead.pk), headers=token_for(alice))
    assert r.status_code == 400 and "Unknown query parameter" in r.json()["detail"]


def test_the_documented_parameters_still_filter(client, alice, make_lead, token_for):
    make_lead(alice, name="Ann Lee", email="ann@example.com")
    h = token_for(alice)
    got = client.get("/api/leads?status=open&search=ann&limit=5&offset=0&order=priority", headers=h)
    assert got.status_code == 200 and got.json()["count"] == 1
    assert client.get("/api/leads?status=won", headers=h).json()["count"] == 0
    assert client.get("/api/commitments?state=done&limit=3", headers=h).status_code == 200
    assert client.get("/api/agenda?owner=", headers=h).status_code == 200
