"""The JSON webhook takes text fields as text, as README says ("a wrong type gets 400"):
a name of 123 is refused saying so, not stored as "123". A consent may come as true or 1,
a phone as a whole number (as form tools send one)."""

from __future__ import annotations

import json

import pytest

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead


@pytest.fixture
def post(client, alice):
    form = CaptureForm.objects.create(name="Website", owner=alice)

    def send(body):
        return client.post(
            f"/in/f/{form.webhook_key}/json/", json.dumps(body), content_type="application/json"
        )

    return send


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("name", 123, "a number"),
        ("phone", 3125550100.0, "a number"),
        ("company", True, "true or false"),
    ],
)
def test_a_number_or_a_boolean_for_a_text_field_is_a_400(post, field, value, said):
    body = {"name": "Ann Lee", "email": "ann@example.com", field: value}
    response = post(body)
    assert response.status_code == 400
    assert response.json()["error"] == f"The field {field!r} must be text, not {said}."
    assert not Lead.objects.exists()


def test_consents_may_be_true_or_one(post):
    body = {"name": "Ann Lee", "phone": "+13125550142", "mailing_list": True, "sms": 1}
    assert post(body).status_code == 202
    assert Lead.objects.get().consents == ["mailing_list", "sms"]
