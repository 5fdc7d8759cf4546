"""A cursor walks `GET /api/leads` in every order it offers, `priority` (best first) as well
as `newest`: a keyset on the order's columns and the id, so leads added, closed or
replanned between two pages shift nobody else; every lead there throughout (and, by
priority, keeping its priority) is given exactly once (eval33 #1). A cursor says which
order it walks: sent with another it is a 400 saying so."""

import base64

import pytest

from fairchase.leads import actions
from fairchase.leads.models import Lead

# Many ties (a lead with nothing planned has 0.0): the id must break them.
PRIORITIES = [5.0, 5.0, 0.1 + 0.2, 3.0, 0.0, 0.0, 0.0, 7.5, 7.5, 0.0, 1e-9, 2.0, 0.3]


def pages(client, headers, **params):
    cursor = None
    while True:
        r = client.get(
            "/api/leads", {**params, **({"cursor": cursor} if cursor else {})}, headers=headers
        )
        assert r.status_code == 200, r.content
        yield r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return


def _book(alice, make_lead) -> list[int]:
    ids = [make_lead(alice).pk for _ in PRIORITIES]
    for pk, priority in zip(ids, PRIORITIES, strict=True):
        Lead.objects.filter(pk=pk).update(priority=priority)
    return ids


def _work(alice, make_lead, step: int, given: list[int], ids: list[int]) -> set[int]:
    """What the team does between two pages: a new lead at the top and one at the bottom, a
    lead given already replanned to the bottom, one not yet given closed; returns the
    leads touched (replanned or closed), which the walk owes nothing."""
    for priority in (99.0, 0.0):
        Lead.objects.filter(pk=make_lead(alice).pk).update(priority=priority)
    Lead.objects.filter(pk=given[0]).update(priority=-1.0)
    waiting = [pk for pk in ids if pk not in given]
    touched = {given[0]}
    if waiting:
        lead = Lead.objects.get(pk=waiting[step % len(waiting)])
        actions.stop_chasing(lead, "closed", user=alice)
        touched.add(lead.pk)
    return touched


@pytest.mark.parametrize("order", ["newest", "priority"])
def test_a_walk_gives_everyone_there_throughout_once(order, client, alice, make_lead, token_for):
    ids = _book(alice, make_lead)
    h = token_for(alice)
    given, touched = [], set()
    for step, items in enumerate(pages(client, h, order=order, status="open", limit=3)):
        keys = [(-i["priority"], i["id"]) if order == "priority" else -i["id"] for i in items]
        assert keys == sorted(keys)  # each page in the order asked
        given += [i["id"] for i in items]
        touched |= _work(alice, make_lead, step, given, ids)
    steady = [pk for pk in ids if pk not in touched]
    assert len(steady) >= 5
    assert sorted(pk for pk in given if pk in steady) == sorted(steady)  # each once


def test_the_priority_walk_is_the_lists_priority_order(client, alice, make_lead, token_for):
    ids = _book(alice, make_lead)
    h = token_for(alice)
    walked = [i["id"] for items in pages(client, h, order="priority", limit=2) for i in items]
    whole = client.get("/api/leads", {"order": "priority", "limit": 500}, headers=h).json()
    assert walked == [i["id"] for i in whole["items"]] and sorted(walked) == sorted(ids)


def test_a_cursor_sent_with_another_order_is_a_400(client, alice, make_lead, token_for):
    h = token_for(alice)
    _book(alice, make_lead)
    for own, other in (("priority", "newest"), ("newest", "priority")):
        cursor = client.get("/api/leads", {"order": own, "limit": 2}, headers=h).json()
        r = client.get("/api/leads", {"order": other, "cursor": cursor["next_cursor"]}, headers=h)
        assert r.status_code == 400, r.content
        assert f"order={own}" in r.json()["detail"]
        assert [e["field"] for e in r.json()["errors"]] == ["cursor"]


def test_a_cursor_that_is_not_ours_is_a_422(client, alice, make_lead, token_for):
    h = token_for(alice)
    make_lead(alice)
    for forged in ("nonsense", "cHJpb3JpdHk6eDox", "cHJpb3JpdHk6MQ", "bmV3ZXN0OjA"):
        # "priority:x:1", "priority:1" (no id), "newest:0"
        r = client.get("/api/leads", {"order": "priority", "cursor": forged}, headers=h)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "cursor", forged


def test_a_cursor_at_an_edge_of_the_floats_is_no_500(client, alice, make_lead, token_for):
    h = token_for(alice)
    _book(alice, make_lead)
    for key in ("nan", "inf", "-inf", "1e308"):
        cursor = base64.urlsafe_b64encode(f"priority:{key}:1".encode()).decode()
        r = client.get("/api/leads", {"order": "priority", "cursor": cursor}, headers=h)
        assert r.status_code == 200, (key, r.content)
    inf = base64.urlsafe_b64encode(b"priority:inf:1").decode()
    r = client.get("/api/leads", {"order": "priority", "cursor": inf}, headers=h)
    assert len(r.json()["items"]) == len(PRIORITIES)  # every finite priority is below it


def test_a_cursor_given_before_is_still_followed_newest_first(client, alice, make_lead, token_for):
    ids = _book(alice, make_lead)
    old = base64.urlsafe_b64encode(f"id<{ids[5]}".encode()).decode().rstrip("=")
    r = client.get("/api/leads", {"cursor": old, "limit": 500}, headers=token_for(alice))
    assert [i["id"] for i in r.json()["items"]] == sorted(ids[:5], reverse=True)
