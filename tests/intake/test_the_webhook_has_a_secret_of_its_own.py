"""The key a form's snippet publishes opens the form only, never its JSON webhook, which
has a secret of its own; and both paths share the per-person and per-form limits (eval32
#1: the published key drove 60 acknowledgements to chosen addresses through the webhook
while the form itself answered 429)."""

import json

import pytest
from django.conf import settings
from django.test import override_settings

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Site", owner=alice, acknowledge=True)


def webhook(client, key, **body):
    return client.post(f"/in/f/{key}/json/", json.dumps(body), content_type="application/json")


def test_the_published_form_key_does_not_open_the_webhook(client, form):
    assert form.webhook_key != form.key
    assert webhook(client, form.key, name="Spam", email="victim@example.org").status_code == 404
    assert webhook(client, form.webhook_key, name="Ann", email="ann@example.com").status_code == 202
    assert list(Lead.objects.values_list("email", flat=True)) == ["ann@example.com"]


def test_the_webhook_secret_opens_no_form_page(client, form):
    assert client.get(f"/in/f/{form.webhook_key}/").status_code == 404


def test_the_capture_page_shows_the_webhook_secret_and_a_new_one_can_be_made(client, alice, form):
    client.force_login(alice)
    page = client.get("/in/").content.decode()
    assert f"/in/f/{form.webhook_key}/json/" in page and f"/in/f/{form.key}/json/" not in page
    old, key = form.webhook_key, form.key
    client.post(f"/in/forms/{form.pk}/", {"action": "rotate_webhook"})
    form.refresh_from_db()
    assert form.webhook_key != old and form.key == key
    assert webhook(client, old, name="Ann", email="ann@example.com").status_code == 404


def test_one_person_typed_over_and_over_into_the_form_is_limited_from_any_address(client, form):
    """A stranger cycling source addresses still cannot make the business write to one
    victim more than the person's limit allows."""
    codes = [
        client.post(
            f"/in/f/{form.key}/",
            {"name": f"Claim {n}", "email": "victim@example.org"},
            REMOTE_ADDR=f"203.0.113.{n + 1}",
        ).status_code
        for n in range(settings.CAPTURE_RATE_LIMIT + 1)
    ]
    assert codes[-1] == 429 and set(codes[:-1]) == {200}


@override_settings(CAPTURE_WEBHOOK_RATE_LIMIT=3)
def test_the_form_and_its_webhook_share_the_forms_limit(client, form):
    for n in range(3):
        ok = client.post(
            f"/in/f/{form.key}/",
            {"name": f"F{n}", "email": f"f{n}@example.com"},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
        assert ok.status_code == 200
    assert webhook(client, form.webhook_key, name="W", email="w@example.com").status_code == 429
