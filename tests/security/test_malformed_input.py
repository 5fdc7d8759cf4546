"""Public endpoints answer a malformed body with 4xx and a message, never 500, and store
nothing: deep nesting, lone surrogates, NUL bytes, 1 MB fields and bodies, wrong types.
(Run on SQLite and, under `make test`, on PostgreSQL, which refuses NUL characters.)"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead

MB = 1_000_000

JSON_CORPUS = {
    "nested 100k arrays": b'{"name": '
    + b"[" * 100_000
    + b"]" * 100_000
    + b', "email": "a@example.com"}',
    "nested 100k objects": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "nested 40 levels": json.dumps(
        {"name": "Ann", "email": "a@example.com", "x": json.loads("[" * 40 + "]" * 40)}
    ).encode(),
    "bare 50k arrays": b"[" * 50_000,
    "lone high surrogate": b'{"name": "\\ud800", "email": "a@example.com"}',
    "lone low surrogate in a key": b'{"\\udfff": "x", "name": "Ann", "email": "a@example.com"}',
    "surrogate in a nested list": b'{"name": "Ann", "email": "a@example.com", "tags": ["\\udbff"]}',
    "NUL escape": b'{"name": "Ann\\u0000", "email": "a@example.com"}',
    "NUL escape in the message": b'{"name": "Ann", "email": "a@example.com", "message": "hi\\u0000there"}',
    "raw NUL byte": b'{"name": "Ann\x00", "email": "a@example.com"}',
    "1 MB name": json.dumps({"name": "x" * MB, "email": "a@example.com"}).encode(),
    "1 MB message": json.dumps(
        {"name": "Ann", "email": "a@example.com", "message": "m" * MB}
    ).encode(),
    "1 MB of padding": json.dumps(
        {"name": "Ann", "email": "a@example.com", "pad": "p" * MB}
    ).encode(),
    "name is a list": b'{"name": ["Ann"], "email": "a@example.com"}',
    "email is an object": b'{"name": "Ann", "email": {"$ne": ""}}',
    "message is an object": b'{"name": "Ann", "email": "a@example.com", "message": {"a": 1}}',
    "honeypot is a list": b'{"name": "Ann", "email": "a@example.com", "website": []}',
    "body is a list": b'[{"name": "Ann", "email": "a@example.com"}]',
    "body is a string": b'"Ann"',
    "body is a number": b"5",
    "body is null": b"null",
    "not JSON": b"name=Ann&email=a@example.com",
    "invalid UTF-8": b'{"name": "\xff\xfe\xfd", "email": "a@example.com"}',
    "a 5000-digit number": b'{"name": "Ann", "phone": 1' + b"0" * 5000 + b"}",
    "empty body": b"",
    "over-long email": json.dumps({"name": "Ann", "email": "a" * 300 + "@example.com"}).encode(),
    "a header break in the name": b'{"name": "Ann\\r\\nBcc: all@example.com", "email": "a@example.com"}',
    "a line break in the company": b'{"name": "Ann", "company": "A\\nB", "email": "a@example.com"}',
}

FORM_CORPUS = {
    "NUL in the name": b"name=Ann%00&email=a%40example.com",
    "NUL in a field name": b"na%00me=Ann&email=a%40example.com",
    "NUL in an unknown field": b"name=Ann&email=a%40example.com&x=%00",
    "1 MB message": b"name=Ann&email=a%40example.com&message=" + b"m" * MB,
    "1 MB name": b"name=" + b"n" * MB + b"&email=a%40example.com",
    "3 MB body": b"name=Ann&email=a%40example.com&pad=" + b"p" * (3 * MB),
    "5000 fields": b"&".join(b"f%d=1" % i for i in range(5000)),
    "over-long phone": b"name=Ann&phone=" + b"5" * 100,
    "a header break in the name": b"name=Ann%0D%0ABcc%3A+all%40example.com&email=a%40example.com",
}


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Website", owner=alice)


def _refused(response) -> str:
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    text = response.content.decode("utf-8", "replace")
    assert len(text.strip()) > 10, text  # a message a person (or a developer) can read
    return text


@pytest.mark.parametrize("case", sorted(JSON_CORPUS))
def test_the_json_webhook_refuses_a_malformed_body_with_a_4xx_message(db, form, case):
    r = Client().generic(
        "POST",
        f"/in/f/{form.webhook_key}/json/",
        JSON_CORPUS[case],
        content_type="application/json",
        REMOTE_ADDR="198.51.100.7",
    )
    _refused(r)
    assert "error" in r.json()
    assert not Lead.objects.exists()


@pytest.mark.parametrize("case", sorted(FORM_CORPUS))
def test_the_capture_form_refuses_a_malformed_post_with_a_4xx_message(db, form, case):
    r = Client().generic(
        "POST",
        f"/in/f/{form.key}/",
        FORM_CORPUS[case],
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="198.51.100.8",
    )
    _refused(r)
    assert not Lead.objects.exists()


def test_a_nul_in_a_multipart_capture_post_is_refused(db, form):
    r = Client().post(
        f"/in/f/{form.key}/",
        {"name": "Ann\x00", "email": "a@example.com"},
        REMOTE_ADDR="198.51.100.9",
    )
    assert "NUL" in _refused(r)
    assert not Lead.objects.exists()


def test_surrogate_bytes_in_a_form_post_are_read_as_replacement_characters_not_a_500(db, form):
    # UTF-8 of U+D800 is invalid: Django decodes it as U+FFFD, which every database stores.
    r = Client().generic(
        "POST",
        f"/in/f/{form.key}/",
        b"name=Ann%ED%A0%80&email=a%40example.com",
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="198.51.100.10",
    )
    assert r.status_code == 200, r.content[:300]
    assert Lead.objects.get().name == "Ann\ufffd\ufffd\ufffd"


def test_a_well_formed_submission_still_becomes_a_lead(db, form):
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        {"name": "Ann", "email": "ann@example.com", "phone": 2125550100},
        content_type="application/json",
        REMOTE_ADDR="198.51.100.11",
    )
    assert r.status_code == 202, r.content
    assert Lead.objects.get().name == "Ann"


@pytest.mark.parametrize(
    "path",
    [
        "/o/unsubscribe/abc%00def",
        "/o/unsubscribe/" + "a" * 20_000,
        "/o/unsubscribe/%ED%A0%80",
        "/leads/?q=%00",
        "/in/f/%00/",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unsubscribe_and_other_addresses_with_hostile_text_get_4xx(db, path, method):
    r = Client().generic(method, path)
    assert r.status_code < 500, (path, r.status_code)
    if "%00" in path:
        assert r.status_code == 400 and b"NUL" in r.content


@pytest.mark.parametrize(
    "body,ctype",
    [
        (b"From=%2B12125550100&Body=STOP%00&MessageSid=SM1", "application/x-www-form-urlencoded"),
        (b"[" * 100_000, "application/json"),
        (b'{"Body": "\\ud800"}', "application/json"),
    ],
)
def test_the_sms_webhook_refuses_malformed_bodies_before_anything_else(db, body, ctype):
    r = Client().generic("POST", "/o/sms/inbound", body, content_type=ctype)
    _refused(r)
