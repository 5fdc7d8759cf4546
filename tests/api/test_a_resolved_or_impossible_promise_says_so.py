"""A commitment resolved already is not silently kept as it was (eval30 #15), and a
promise cannot be due before its lead came in (#11)."""

import json

from django.utils import timezone

from fairchase.leads import actions


def post(client, headers, path, body):
    return client.post(
        "/api" + path, json.dumps(body), content_type="application/json", headers=headers
    )


def test_resolving_a_resolved_commitment_otherwise_is_a_409(client, alice, make_lead, token_for):
    h, lead = token_for(alice), make_lead(alice, email="a@example.com")
    c = actions.add_commitment(
        lead, by="us", what="Quote", due_at=timezone.now() + timezone.timedelta(days=1)
    )
    assert (
        post(client, h, f"/commitments/{c.pk}/resolve", {"state": "cancelled"}).status_code == 200
    )
    again = post(client, h, f"/commitments/{c.pk}/resolve", {"state": "cancelled"})
    assert again.status_code == 200  # a retry of the same
    other = post(client, h, f"/commitments/{c.pk}/resolve", {"state": "done"})
    assert other.status_code == 409
    assert other.json()["detail"].startswith(
        "Not changed: this commitment was already cancelled on"
    )


def test_a_promise_due_before_the_lead_came_in_is_refused(client, alice, make_lead, token_for):
    lead = make_lead(alice, email="b@example.com")
    before = (lead.created_at - timezone.timedelta(days=30)).isoformat()
    r = post(
        client, token_for(alice), f"/leads/{lead.pk}/commitments", {"what": "x", "due_at": before}
    )
    assert r.status_code == 422 and r.json()["detail"].startswith(
        "due_at: before this lead came in"
    )
    assert not lead.commitments.exists()
