"""A direction control (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) typed into a name is not
stored: left open, it turned around everything shown after the name, so a visitor to the
public form made the team's alert and timeline show the phone number and email backwards
(eval27 finding 2). Letters carry their own direction: an Arabic name is kept as typed."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead
from fairchase.outreach.models import OutboundMessage

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture
def form(bob):
    return CaptureForm.objects.create(name="Website", owner=bob)


@pytest.mark.parametrize("control", list(OVERRIDES))
def test_a_public_post_stores_the_name_without_it(form, control):
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps(
            {"name": f"Quinn {control}eman", "phone": "+1 312 555 0130", "email": "q@example.com"}
        ),
        "application/json",
        REMOTE_ADDR="203.0.113.70",
    )
    assert r.status_code == 202
    lead = Lead.objects.get()
    assert lead.name == "Quinn eman"
    said = " ".join(lead.status_changes.values_list("reason", flat=True))
    said += " ".join(OutboundMessage.objects.values_list("subject", "body").first() or ())
    assert not set(OVERRIDES) & set(said + lead.notes)


def test_an_arabic_name_is_kept_as_typed(form):
    Client().post(
        f"/in/f/{form.key}/",
        {"name": "محمد العتيبي", "phone": "(312) 555-0131"},
        REMOTE_ADDR="203.0.113.71",
    )
    assert Lead.objects.get().name == "محمد العتيبي"


def test_mail_from_a_stranger_is_stored_without_it(db):
    from django.utils import timezone

    from fairchase.outreach.inbound import record_inbound
    from fairchase.outreach.replies import Reading

    got = record_inbound(
        key="<x@stranger.test>",
        lead=None,
        channel="email",
        sender="Eve \u202e <eve@stranger.test>",
        subject="Invoice \u202efdp.exe",
        reading=Reading("unmatched", None, "", "Pay \u202e0031 now"),
        received_at=timezone.now(),
    )
    assert (got.subject, got.text) == ("Invoice fdp.exe", "Pay 0031 now")
    assert "\u202e" not in got.sender
