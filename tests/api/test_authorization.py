"""Every API operation on another user's lead or commitment is a 404 (never 403), and
changes nothing; an admin sees the team's leads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.api.api import api
from fairchase.leads import actions
from fairchase.leads.models import Lead, StatusChange

BODIES = {
    ("patch", "/api/leads/{lead_id}"): {"name": "Hijacked"},
    ("post", "/api/leads/{lead_id}/attempts"): {"channel": "call", "outcome": "talked"},
    ("post", "/api/leads/{lead_id}/commitments"): {"what": "x", "due_at": "2030-01-01T10:00:00Z"},
    ("post", "/api/leads/{lead_id}/stop"): {"next_state": "closed"},
    ("post", "/api/leads/{lead_id}/opt-out"): {},
    ("post", "/api/commitments/{commitment_id}/resolve"): {"state": "cancelled"},
}


def object_operations():
    """(method, path) of every operation that takes a lead or commitment id, from the schema."""
    schema = api.get_openapi_schema()
    return [
        (method, path) for path, ops in schema["paths"].items() for method in ops if "{" in path
    ]


@pytest.fixture
def alices(alice, make_lead):
    lead = make_lead(alice, name="Ann Lee")
    c = actions.add_commitment(
        lead, by="us", what="Call back", due_at=timezone.now() + timedelta(days=1)
    )
    return lead, c


def test_every_object_operation_is_covered_here():
    assert set(object_operations()) == {op for op in BODIES} | {
        ("get", "/api/leads/{lead_id}"),
        ("get", "/api/leads/{lead_id}/plan"),
        ("get", "/api/leads/{lead_id}/attempts"),
        ("get", "/api/leads/{lead_id}/commitments"),
    }


@pytest.mark.parametrize("op", object_operations(), ids="{0[0]} {0[1]}".format)
def test_another_users_object_is_404_and_untouched(client, alices, bob, token_for, op):
    lead, commitment = alices
    method, path = op
    url = path.format(lead_id=lead.pk, commitment_id=commitment.pk)
    before = (
        list(Lead.objects.values()),
        StatusChange.objects.count(),
        lead.attempts.count(),
        lead.commitments.count(),
    )
    response = getattr(client, method)(
        url, BODIES.get(op, {}), content_type="application/json", headers=token_for(bob)
    )
    assert response.status_code == 404, (url, response.content)
    after = (
        list(Lead.objects.values()),
        StatusChange.objects.count(),
        lead.attempts.count(),
        lead.commitments.count(),
    )
    assert after == before


@pytest.mark.parametrize("op", object_operations(), ids="{0[0]} {0[1]}".format)
def test_the_owner_can_use_every_object_operation(client, alices, alice, token_for, op):
    lead, commitment = alices
    method, path = op
    url = path.format(lead_id=lead.pk, commitment_id=commitment.pk)
    response = getattr(client, method)(
        url, BODIES.get(op, {}), content_type="application/json", headers=token_for(alice)
    )
    assert response.status_code in (200, 201), (url, response.content)


def test_lists_hold_only_your_own_objects(client, alices, bob, make_lead, token_for):
    make_lead(bob, name="Bob's lead")
    h = token_for(bob)
    assert [x["name"] for x in client.get("/api/leads", headers=h).json()["items"]] == [
        "Bob's lead"
    ]
    assert client.get("/api/commitments", headers=h).json() == []
    agenda = client.get("/api/agenda", headers=h).json()
    assert "Ann Lee" not in str(agenda)


def test_an_admin_sees_the_team_and_a_salesperson_cannot_assign_to_others(
    client, alices, boss, bob, token_for
):
    lead, _ = alices
    assert client.get(f"/api/leads/{lead.pk}", headers=token_for(boss)).status_code == 200
    refused = client.post(
        "/api/leads",
        {"name": "X", "email": "x@example.com", "owner_id": boss.pk},
        content_type="application/json",
        headers=token_for(bob),
    )
    assert refused.status_code == 400
    moved = client.patch(
        f"/api/leads/{lead.pk}",
        {"owner_id": bob.pk},
        content_type="application/json",
        headers=token_for(boss),
    )
    assert moved.status_code == 200 and moved.json()["owner"] == "bob"


def test_an_inactive_users_token_is_refused(client, charlie, token_for):
    assert client.get("/api/leads", headers=token_for(charlie)).status_code == 401
