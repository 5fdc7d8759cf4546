"""eval36 #6: /api/docs and /api/openapi.json answered anyone. Now a browser is sent to the
login page and a program gets 401; a logged-in person, or a program with its token, gets
them."""

from __future__ import annotations

from fairchase.api.models import ApiToken


def test_anonymous_gets_neither_the_docs_nor_the_schema(client, db):
    docs = client.get("/api/docs")
    assert docs.status_code == 302 and docs["Location"].startswith("/login/"), docs
    assert b"swagger" not in docs.content.lower()
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 401
    assert "paths" not in schema.json() and "token" in schema.json()["detail"]
    wrong = client.get("/api/openapi.json", headers={"Authorization": "Bearer fc_nope"})
    assert wrong.status_code == 401


def test_a_logged_in_user_or_a_token_gets_both(client, alice, bob):
    client.force_login(alice)
    assert client.get("/api/docs").status_code == 200
    assert "/api/leads" in client.get("/api/openapi.json").json()["paths"]
    client.logout()
    _token, secret = ApiToken.issue(bob, "codegen")
    r = client.get("/api/openapi.json", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200 and "/api/leads" in r.json()["paths"]
