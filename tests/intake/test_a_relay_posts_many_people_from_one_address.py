"""A Zapier-style relay posts every visitor to the JSON webhook from one address: limited
per person and per form, never per sender address (eval30 #8); a flood still gets a 429
saying when to retry."""

import json

import pytest
from django.conf import settings
from django.test import override_settings

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Zap", owner=alice)


def post(client, form, **body):
    return client.post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps(body),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.50",
    )


def test_many_people_from_one_relay_all_become_leads(client, form):
    people = settings.CAPTURE_RATE_LIMIT + 5
    for n in range(people):
        r = post(client, form, name=f"Zap Person {n}", email=f"zap.person{n}@example.com")
        assert r.status_code == 202, (n, r.content)
    assert Lead.objects.count() == people


def test_one_person_posted_over_and_over_is_refused_with_when_to_retry(client, form):
    for n in range(settings.CAPTURE_RATE_LIMIT):
        post(client, form, name="Loop", email="loop@example.com", message=f"try {n}")
    refused = post(client, form, name="Loop", email="loop@example.com", message="again")
    assert refused.status_code == 429
    assert "try again in 10 minutes" in refused.json()["error"]
    assert 590 <= int(refused["Retry-After"]) <= 600
    assert post(client, form, name="Other", email="other@example.com").status_code == 202


@override_settings(CAPTURE_WEBHOOK_RATE_LIMIT=3, CAPTURE_RATE_WINDOW_SECONDS=120)
def test_a_flood_on_one_form_is_held_by_its_own_limit(client, form):
    codes = [
        post(client, form, name=f"F{n}", email=f"f{n}@example.com").status_code for n in range(5)
    ]
    assert codes == [202, 202, 202, 429, 429]
    assert Lead.objects.count() == 3


@override_settings(CAPTURE_RATE_LIMIT=2, CAPTURE_WEBHOOK_RATE_LIMIT=5)
def test_a_looping_sender_does_not_use_up_the_forms_limit(client, form):
    """The person's limit is checked first (review25 M2): a repeat refused for the person
    takes no form slot, so one zap in a loop cannot make every real enquiry a 429."""
    loop = [post(client, form, name="Loop", email="loop@example.com").status_code for _ in range(8)]
    assert loop == [202, 202] + [429] * 6
    assert post(client, form, name="Ann Lee", email="ann@example.com").status_code == 202
