"""A phone system retries `POST .../attempts` after a timeout: with an `Idempotency-Key`
the call is logged once and the retry gets the first answer (eval30 #12)."""

import json

from django.utils import timezone

from fairchase.api.models import IdempotentRequest
from fairchase.leads.models import Attempt, Commitment

CALL = {"channel": "call", "outcome": "left_message", "minutes": 3, "notes": "PBX call id 777"}


def post(client, headers, path, body, key):
    return client.post(
        "/api/leads/" + path,
        json.dumps(body),
        content_type="application/json",
        headers={**headers, "Idempotency-Key": key},
    )


def test_a_retried_attempt_is_logged_once_and_answered_alike(client, alice, make_lead, token_for):
    h, lead = token_for(alice), make_lead(alice)
    first = post(client, h, f"{lead.pk}/attempts", CALL, "call-777")
    again = post(client, h, f"{lead.pk}/attempts", {**CALL}, "call-777")
    assert first.status_code == again.status_code == 201, again.content
    assert first.json() == again.json()
    assert Attempt.objects.filter(lead=lead).count() == 1
    other = post(client, h, f"{lead.pk}/attempts", CALL, "call-778")
    assert other.status_code == 201 and Attempt.objects.filter(lead=lead).count() == 2


def test_the_same_key_with_another_body_is_refused(client, alice, make_lead, token_for):
    h, lead = token_for(alice), make_lead(alice)
    post(client, h, f"{lead.pk}/attempts", CALL, "k1")
    changed = post(client, h, f"{lead.pk}/attempts", {**CALL, "minutes": 4}, "k1")
    assert changed.status_code == 422
    assert "different request body" in changed.json()["detail"]
    assert Attempt.objects.filter(lead=lead).count() == 1


def test_a_retried_commitment_is_pinned_once(client, alice, make_lead, token_for):
    h, lead = token_for(alice), make_lead(alice)
    due = (timezone.now() + timezone.timedelta(days=1)).isoformat()
    body = {"what": "Send the quote", "due_at": due, "channel": "email"}
    first = post(client, h, f"{lead.pk}/commitments", body, "quote-1")
    again = post(client, h, f"{lead.pk}/commitments", body, "quote-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json()
    assert Commitment.objects.filter(lead=lead, what="Send the quote").count() == 1


def test_a_refused_post_keeps_no_key_and_old_keys_are_forgotten(
    client, alice, make_lead, token_for
):
    h, lead = token_for(alice), make_lead(alice)
    refused = post(client, h, f"{lead.pk}/attempts", {**CALL, "outcome": "bounced"}, "k2")
    assert refused.status_code == 400
    assert post(client, h, f"{lead.pk}/attempts", CALL, "k2").status_code == 201
    IdempotentRequest.objects.update(created_at=timezone.now() - timezone.timedelta(hours=25))
    assert post(client, h, f"{lead.pk}/attempts", CALL, "k3").status_code == 201
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["k3"]


def test_the_header_is_in_the_schema(client, alice):
    client.force_login(alice)  # the schema is the team's (eval36 #6)
    op = client.get("/api/openapi.json").json()["paths"]["/api/leads/{lead_id}/attempts"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in op["parameters"]]
