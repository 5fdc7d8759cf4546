"""`POST /api/leads` with timezone "PST" (as US CRMs send it) stores the region, whose
clock keeps summer time; a fixed offset is refused with the reason (eval21 #13)."""

from __future__ import annotations

from fairchase.leads.models import Lead


def test_an_api_lead_in_pst_is_on_los_angeles(client, alice, token_for):
    body = {"name": "Pat Lee", "email": "pat@example.com", "timezone": "PST"}
    r = client.post("/api/leads", body, content_type="application/json", headers=token_for(alice))
    assert r.status_code == 201, r.content
    assert Lead.objects.get(pk=r.json()["id"]).timezone == "America/Los_Angeles"


def test_an_api_lead_at_a_fixed_offset_is_refused(client, alice, token_for):
    body = {"name": "Pat Lee", "email": "pat@example.com", "timezone": "Etc/GMT+5"}
    r = client.post("/api/leads", body, content_type="application/json", headers=token_for(alice))
    assert r.status_code in (400, 422) and "fixed offset" in r.content.decode(), r.content
    assert not Lead.objects.exists()
