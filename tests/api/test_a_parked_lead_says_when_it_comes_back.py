"""A lead let go to revisit says when it comes back, in its read and its plan (eval30 #10)."""

import json

from django.utils import timezone


def test_the_revisit_date_is_in_the_lead_and_its_plan(client, alice, make_lead, token_for):
    h, lead = token_for(alice), make_lead(alice)
    when = (timezone.now() + timezone.timedelta(days=90)).replace(microsecond=0)
    body = {"next_state": "revisit", "revisit_at": when.isoformat()}
    stopped = client.post(
        f"/api/leads/{lead.pk}/stop", json.dumps(body), content_type="application/json", headers=h
    )
    assert stopped.status_code == 200, stopped.content
    read = client.get(f"/api/leads/{lead.pk}", headers=h).json()
    plan = client.get(f"/api/leads/{lead.pk}/plan", headers=h).json()
    assert read["status"] == "revisit"
    assert read["revisit_at"] == plan["revisit_at"] == when.isoformat().replace("+00:00", "Z")
