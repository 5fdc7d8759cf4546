"""Every refusal of the API has one shape, whatever refused it (the middleware, the schema,
a view, an action): `{"detail": "<a sentence>", "errors": [{"field", "message", "loc",
"type"}]}`, with a status that says which kind (eval33 #2). Before, a schema's 422 had
`detail` a list and every other refusal a string."""

import json

from fairchase.api.errors import SHAPE

PROBLEM = {"field", "message", "loc", "type"}


def shaped(r, status: int, *fields: str | None) -> dict:
    """The answer is `status` in the one shape, its `errors` naming `fields` in order."""
    assert r.status_code == status, (r.status_code, r.content)
    body = r.json()
    assert set(body) == {"detail", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"].strip(), body
    assert all(set(e) == PROBLEM and isinstance(e["message"], str) for e in body["errors"])
    assert [e["field"] for e in body["errors"]] == list(fields), body
    return body


def send(client, headers, method, path, body, content_type="application/json", **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.generic(
        method, "/api" + path, data, content_type=content_type, headers={**headers, **extra}
    )


def test_bad_json_is_a_400(client, alice, token_for):
    h = token_for(alice)
    shaped(send(client, h, "POST", "/leads", '{"name": '), 400)
    shaped(send(client, h, "POST", "/leads", b'{"name": "\xff"}'), 400)


def test_a_body_not_an_object_is_a_422(client, alice, token_for):
    shaped(send(client, token_for(alice), "POST", "/leads", [1, 2]), 422, None)


def test_a_wrong_type_is_a_422_naming_the_field(client, alice, token_for):
    body = shaped(
        send(client, token_for(alice), "POST", "/leads", {"name": "N", "value": "9"}), 422, "value"
    )
    assert body["errors"][0]["loc"] == ["body", "payload", "value"]
    assert body["detail"].startswith("value: ")


def test_an_unknown_or_missing_field_is_a_422(client, alice, token_for):
    h = token_for(alice)
    shaped(send(client, h, "POST", "/leads", {"name": "N", "status": "won"}), 422, "status")
    shaped(send(client, h, "POST", "/leads", {}), 422, "name")


def test_a_code_outside_the_lists_is_a_422_naming_its_place(client, alice, token_for):
    r = send(client, token_for(alice), "POST", "/leads", {"name": "N", "signals": ["x"]})
    shaped(r, 422, "signals.0")


def test_a_bad_query_value_is_a_422_and_an_unknown_one_a_400(client, alice, token_for):
    h = token_for(alice)
    shaped(client.get("/api/leads", {"limit": "many"}, headers=h), 422, "limit")
    shaped(client.get("/api/leads", {"order": "oldest"}, headers=h), 422, "order")
    shaped(client.get("/api/leads", {"staus": "won"}, headers=h), 400, "staus")


def test_an_owner_who_is_nobody_is_a_422(client, boss, token_for):
    shaped(client.get("/api/leads", {"owner": "99999"}, headers=token_for(boss)), 422, "owner")
    r = client.get("/api/agenda", {"owner": "nobody"}, headers=token_for(boss))
    shaped(r, 422, "owner")


def test_bad_ids_are_a_422_and_unknown_ones_a_404(client, alice, token_for):
    h = token_for(alice)
    shaped(client.get("/api/leads/abc", headers=h), 422, "lead_id")
    shaped(client.get("/api/leads/0", headers=h), 422, "lead_id")
    shaped(client.get("/api/leads/123456", headers=h), 404)
    shaped(send(client, h, "POST", "/commitments/99/resolve", {"state": "done"}), 404)


def test_a_bad_cursor_is_a_422(client, alice, token_for):
    shaped(client.get("/api/leads", {"cursor": "???"}, headers=token_for(alice)), 422, "cursor")


def test_an_idempotency_key_reused_with_another_body_is_a_422(client, alice, make_lead, token_for):
    h, lead = token_for(alice), make_lead(alice)
    call = {"channel": "call", "outcome": "no_answer"}
    path = f"/leads/{lead.pk}/attempts"
    assert send(client, h, "POST", path, call, **{"Idempotency-Key": "k"}).status_code == 201
    other = send(client, h, "POST", path, {**call, "minutes": 2}, **{"Idempotency-Key": "k"})
    shaped(other, 422, "Idempotency-Key")


def test_a_body_too_large_is_a_413_and_not_json_a_415(client, alice, token_for, settings):
    h = token_for(alice)
    shaped(send(client, h, "POST", "/leads", "name=N", "application/x-www-form-urlencoded"), 415)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    shaped(send(client, h, "POST", "/leads", {"name": "N", "notes": "x" * 500}), 413)


def test_no_token_is_a_401(client):
    shaped(client.get("/api/leads"), 401)


def test_a_refused_action_is_a_400_and_a_conflict_a_409(client, alice, make_lead, token_for):
    h, lead = token_for(alice), make_lead(alice)
    stop = {"next_state": "revisit"}  # a revisit without its date
    shaped(send(client, h, "POST", f"/leads/{lead.pk}/stop", stop), 400)
    due = {"what": "Call back", "due_at": "2030-01-01T10:00:00Z"}
    made = send(client, h, "POST", f"/leads/{lead.pk}/commitments", due).json()
    path = f"/commitments/{made['id']}/resolve"
    assert send(client, h, "POST", path, {"state": "done"}).status_code == 200
    shaped(send(client, h, "POST", path, {"state": "missed"}), 409)


def test_the_shape_is_documented_in_the_openapi_schema(client, alice):
    client.force_login(alice)  # the schema is the team's (eval36 #6)
    schema = client.get("/api/openapi.json").json()
    assert SHAPE in schema["info"]["description"]
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["detail"]["type"] == "string"
    assert "errors" in error["properties"]


def test_an_address_the_api_does_not_have_is_a_404(client, alice, token_for):
    h = token_for(alice)
    shaped(client.get("/api/nope", headers=h), 404)
    shaped(client.get("/api/leads/1/nope", headers=h), 404)
    assert client.get("/api/tokens").status_code == 301  # a web page: the slash completes it


def test_a_method_an_address_does_not_take_is_a_405(client, alice, token_for):
    r = client.delete("/api/leads", headers=token_for(alice))
    shaped(r, 405)
    assert set(r["Allow"].split(", ")) == {"GET", "POST"} and "GET" in r.json()["detail"]
