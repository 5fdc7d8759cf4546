"""A capture post whose Content-Type names its charset (`; charset=ISO-8859-1`, valid HTTP
that hand-written forms on older sites send) is read in it, where Django answers a bare
"Bad Request (400)" and the enquiry is lost. The JSON webhook reads UTF-8, JSON's own
encoding, then the charset a body names; a body that is text in neither is told so, not
"The body must be a JSON object."."""

from __future__ import annotations

import json

import pytest

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Website", owner=alice)


def _post(client, url, body: bytes, content_type: str, ip: str):
    return client.generic("POST", url, body, content_type=content_type, REMOTE_ADDR=ip)


@pytest.mark.parametrize(
    ("charset", "body"),
    [
        ("ISO-8859-1", b"name=Jos\xe9 Pe\xf1a&email=jose.pena2@example.es"),
        ("ISO-8859-1", b"name=Jos%E9+Pe%F1a&email=jose.pena2%40example.es"),
        ("windows-1252", b"name=Jos%E9+Pe%F1a&email=jose.pena2@example.es&message=50%80"),
    ],
)
def test_a_form_post_in_latin_1_becomes_a_lead_with_its_accents(client, form, charset, body):
    url = f"/in/f/{form.key}/"
    r = _post(client, url, body, f"application/x-www-form-urlencoded; charset={charset}", "1.2.3.4")
    assert r.status_code == 200 and "Thank you" in r.content.decode(), r.content[:300]
    lead = Lead.objects.get()
    assert (lead.name, lead.email) == ("José Peña", "jose.pena2@example.es")
    if b"message" in body:
        assert "50€" in lead.notes


def test_a_form_post_in_a_charset_that_is_not_ascii_based_is_told_why(client, form):
    body = "name=Ann&email=ann@example.com".encode("utf-16")
    url = f"/in/f/{form.key}/"
    r = _post(client, url, body, "application/x-www-form-urlencoded; charset=utf-16", "1.2.3.5")
    assert r.status_code == 400 and "send it in UTF-8" in r.content.decode(), r.content
    assert not Lead.objects.exists()


def test_the_webhook_reads_a_body_in_the_charset_it_names(client, form):
    url = f"/in/f/{form.webhook_key}/json/"
    data = {"name": "José Peña", "email": "jose@example.es"}
    latin = json.dumps(data, ensure_ascii=False).encode("latin-1")
    r = _post(client, url, latin, "application/json; charset=latin-1", "1.2.3.6")
    assert r.status_code == 202, r.content
    # UTF-8 under a charset that is not its own is read as UTF-8, JSON's encoding
    data = {"name": "Zoë Brück", "email": "zoe@example.de"}
    utf8 = json.dumps(data, ensure_ascii=False).encode()
    r = _post(client, url, utf8, "application/json; charset=ISO-8859-1", "1.2.3.7")
    assert r.status_code == 202, r.content
    assert sorted(Lead.objects.values_list("name", flat=True)) == ["José Peña", "Zoë Brück"]


def test_a_webhook_body_that_is_not_text_says_so(client, form):
    url = f"/in/f/{form.webhook_key}/json/"
    body = '{"name": "José", "email": "j@example.es"}'.encode("latin-1")
    r = _post(client, url, body, "application/json", "1.2.3.8")
    assert r.status_code == 400 and r.json() == {
        "error": "The body must be JSON in UTF-8 (or its Content-Type must name its charset)."
    }
    r = _post(client, url, body, "application/json; charset=ascii", "1.2.3.9")
    assert r.status_code == 400 and r.json() == {
        "error": "The body is neither UTF-8 (JSON's encoding) nor ascii, "
        "the charset its Content-Type names."
    }
    assert not Lead.objects.exists()
