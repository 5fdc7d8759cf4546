"""A visitor who gives a valid email and writes the phone as people do in their country
("030 1234999", "8 (495) 123-45-67") is not refused: the enquiry is made, the number kept
in it as typed with why it was not used, and the owner alerted. The webhook answered 400
and the hosted page "Your message was not sent", so the enquiry was lost (eval24 finding
16, serious). With no readable way back left, it is still refused, saying why."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead
from fairchase.outreach.models import OutboundMessage


@pytest.fixture
def form(bob):
    bob.email = "bob@example.com"
    bob.save()
    return CaptureForm.objects.create(name="Website", owner=bob)


def test_the_webhook_keeps_the_enquiry_and_the_number_as_typed(form):
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps(
            {
                "name": "Heinz Berliner",
                "email": "heinz.b@example.de",
                "phone": "030 1234999",
                "message": "Bitte um Rückruf.",
            }
        ),
        "application/json",
        REMOTE_ADDR="203.0.113.80",
    )
    assert r.status_code == 202
    lead = Lead.objects.get()
    assert (lead.email, lead.phone) == ("heinz.b@example.de", "")
    assert "Bitte um Rückruf." in lead.notes
    assert "Phone as typed, not used: 030 1234999 (Not a valid phone number" in lead.notes
    assert OutboundMessage.objects.filter(kind="alert", lead=lead).exists()


def test_the_hosted_page_keeps_it_too(form):
    r = Client().post(
        f"/in/f/{form.key}/",
        {"name": "Olga Smirnova", "email": "olga.s@example.ru", "phone": "8 (495) 123-45-67"},
        REMOTE_ADDR="203.0.113.81",
    )
    assert r.status_code == 200 and "not sent" not in r.content.decode()
    assert Lead.objects.get().email == "olga.s@example.ru"


def test_with_no_readable_way_back_it_is_refused_saying_why(form):
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps({"name": "Nobody", "phone": "030 1234999"}),
        "application/json",
        REMOTE_ADDR="203.0.113.82",
    )
    assert r.status_code == 400 and "phone number" in r.json()["error"]
    assert not Lead.objects.exists()
