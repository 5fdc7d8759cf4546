"""The API takes JSON bodies only and says why not in words: another Content-Type is a 415,
a body not UTF-8 or not JSON a 400 naming which; 413 and 415 are in the schema; a chunked
body (no Content-Length) is read whole (eval30 #2, #3, #14)."""

import io
import json
from wsgiref.util import setup_testing_defaults

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from fairchase.leads.models import Lead
from fairchase.wsgi import application


def test_a_body_not_sent_as_json_is_a_415(client, alice, token_for):
    h = token_for(alice)
    for content_type in ("text/plain", "application/x-www-form-urlencoded", ""):
        r = client.post("/api/leads", '{"name": "ct"}', content_type=content_type, headers=h)
        assert r.status_code == 415, (content_type, r.content)
        assert r.json()["errors"] == [] and "application/json" in r.json()["detail"]
    assert not Lead.objects.exists()


def test_a_body_not_utf8_or_not_json_says_which(client, alice, token_for):
    h = token_for(alice)
    bad = client.post(
        "/api/leads", b'{"name": "bad\xff\xfe"}', content_type="application/json", headers=h
    )
    assert (bad.status_code, bad.json()["detail"]) == (400, "The body must be JSON in UTF-8.")
    broken = client.post("/api/leads", '{"name": ', content_type="application/json", headers=h)
    assert broken.status_code == 400 and "not valid JSON" in broken.json()["detail"]


def test_413_and_415_are_documented(client, alice):
    client.force_login(alice)  # the schema is the team's (eval36 #6)
    post = client.get("/api/openapi.json").json()["paths"]["/api/leads"]["post"]
    assert {"413", "415"} <= set(post["responses"])


def test_a_chunked_body_is_read_whole(alice, token_for):
    body = json.dumps({"name": "Chunky Small", "email": "chunky@example.com"}).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/leads",
        "CONTENT_TYPE": "application/json",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "HTTP_AUTHORIZATION": token_for(alice)["Authorization"],
        "wsgi.input": io.BytesIO(body),  # as gunicorn hands it over: de-chunked
        "wsgi.input_terminated": True,
    }
    setup_testing_defaults(environ)
    environ.pop("CONTENT_LENGTH", None)
    statuses = []
    # As Django's test client does: a request's start and end must not close the test's
    # connection (PostgreSQL: the test's transaction would go with it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        b"".join(application(environ, lambda status, headers: statuses.append(status)))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert statuses[0].startswith("201"), statuses
    assert Lead.objects.filter(email="chunky@example.com").exists()


def test_a_deal_value_of_the_wrong_type_is_a_422(api):
    for value in (True, "100"):
        r = api("POST", "/leads", {"name": "Typed", "value": value})
        assert r.status_code == 422 and r.json()["errors"][0]["loc"][-1] == "value", r.content
    assert api("POST", "/leads", {"name": "Typed", "value": 100}).json()["value"] == 100.0
