"""A lead's `warnings` say an email address with letters outside ASCII before the @
(jürgen@müller.de) reaches only mail servers offering SMTPUTF8, as Add lead and an import
say it (eval24 #9); a domain outside ASCII alone (info@bücher.de) is no trouble."""

from __future__ import annotations

from tests.web.test_an_address_email_may_not_reach_is_said_where_it_is_stored import WARNED


def test_the_api_says_it_with_the_lead(client, alice, token_for):
    body = {"name": "Jürgen Müller", "email": "jürgen@müller.de"}
    r = client.post("/api/leads", body, content_type="application/json", headers=token_for(alice))
    assert r.status_code == 201, r.content
    assert r.json()["warnings"] == [WARNED]
    ok = {"name": "Buch Laden", "email": "info@bücher.de"}
    r = client.post("/api/leads", ok, content_type="application/json", headers=token_for(alice))
    assert r.json()["warnings"] == []
