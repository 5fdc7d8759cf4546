"""A public post that joins a lead by its name and phone gives no newsletter consent for the
lead's email, which the poster never typed (anyone may type a customer's name and number):
the consent is named in the note and on the timeline for the owner to ask about. A text
consent still counts for the number it came with, and a mailing-list consent for the email
it came with."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fairchase.intake.models import CaptureForm

NOT_GIVEN = (
    "not given (a web form gives no consent for an address the lead has that it did not "
    "carry); ask them"
)


@pytest.fixture
def form(bob):
    return CaptureForm.objects.create(name="Website", owner=bob)


def test_a_post_with_a_name_and_phone_gives_the_leads_email_no_newsletter(alice, form, make_lead):
    otto = make_lead(alice, name="Otto Gray", email="otto@gray.example", phone="+12245557724")
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps(
            {
                "name": "Otto Gray",
                "phone": "+1 224 555 7724",
                "message": "text me",
                "sms": True,
                "mailing_list": True,
            }
        ),
        "application/json",
        REMOTE_ADDR="203.0.113.60",
    )
    assert r.status_code == 202
    otto.refresh_from_db()
    assert otto.consents == ["sms"]  # the number it typed is his: texts, yes
    said = f"it asked for the mailing list: {NOT_GIVEN}"
    assert f"New enquiry through Website; {said}:\ntext me" in otto.notes
    assert said in otto.status_changes.order_by("-pk").first().reason


def test_a_first_name_and_phone_on_the_html_form_give_no_newsletter_either(alice, form, make_lead):
    bob_wong = make_lead(alice, name="Bob Wong", email="bob@wong.example", phone="+13315555368")
    r = Client().post(
        f"/in/f/{form.key}/",
        {"name": "Bob", "phone": "(331) 555-5368", "mailing_list": "1"},
        REMOTE_ADDR="203.0.113.61",
    )
    assert r.status_code == 200
    bob_wong.refresh_from_db()
    assert bob_wong.consents == []
    assert f"it asked for the mailing list: {NOT_GIVEN}" in bob_wong.notes


def test_a_post_with_the_leads_own_email_still_joins_the_newsletter(alice, form, make_lead):
    ann = make_lead(alice, name="Ann Lee", email="ann@lee.example", phone="+12125550150")
    r = Client().post(
        f"/in/f/{form.key}/",
        {"name": "Ann Lee", "email": "ANN@lee.example", "mailing_list": "1"},
        REMOTE_ADDR="203.0.113.62",
    )
    assert r.status_code == 200
    ann.refresh_from_db()
    assert ann.consents == ["mailing_list"]
    assert "not given" not in ann.notes
