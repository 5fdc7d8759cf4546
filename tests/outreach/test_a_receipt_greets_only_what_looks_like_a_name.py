"""A form's receipt goes to whatever address is typed, so its first line must not carry
whatever is typed as a name: it greets by a first name only when that looks like one
(letters, apostrophes, hyphens, a title's dot, at most 40 characters), else "Hello,"."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.outreach import outbox


@pytest.fixture
def form(bob):
    return CaptureForm.objects.create(name="Website", owner=bob, acknowledge=True)


def _first_line_received(smtp_server, to: str) -> str:
    outbox.send_due()
    got = next(r.message for r in smtp_server.received if to in r.to)
    return got.get_content().splitlines()[0]


@pytest.mark.parametrize(
    "name",
    [
        "https://evil.example/x Smith",
        "WINNER!Claim-your-$500-giftcard-at-evil.example/claim Smith",
        "evil.example Smith",
        "Call0800123456 Now",
        "Supercalifragilisticexpialidociouslyveryverylong Smith",
    ],
)
def test_a_typed_link_or_pitch_is_not_greeted(form, smtp_server, open_all_day, name):
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps({"name": name, "email": "victim-spam@example.org"}),
        "application/json",
        REMOTE_ADDR="203.0.113.50",
    )
    assert r.status_code == 202
    assert _first_line_received(smtp_server, "victim-spam@example.org") == "Hello,"


@pytest.mark.parametrize(
    "name, hello",
    [
        ("Mrs. Olga Lopez", "Hello Olga,"),
        ("Seán O'Brien", "Hello Seán,"),
        ("Anne-Marie Dupont", "Hello Anne-Marie,"),
        ("Mrs. Lopez", "Hello Mrs. Lopez,"),
    ],
)
def test_a_name_is_still_greeted(form, smtp_server, open_all_day, name, hello):
    r = Client().post(
        f"/in/f/{form.key}/",
        {"name": name, "email": "olga@example.org", "message": "hi"},
        REMOTE_ADDR="203.0.113.51",
    )
    assert r.status_code == 200
    assert _first_line_received(smtp_server, "olga@example.org") == hello
