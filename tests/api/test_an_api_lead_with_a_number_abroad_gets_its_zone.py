"""`POST /api/leads` with a number in France and no zone: the lead is on Paris's clock
(eval20 #9; the rule of `actions.create_lead`, see tests/leads/test_a_number_abroad_...)."""

from __future__ import annotations

from fairchase.leads.models import Lead


def test_an_api_post_with_a_number_in_france_comes_in_on_paris(client, alice, token_for):
    body = {"name": "Jean Martin", "phone": "+33 1 42 68 53 01"}
    r = client.post("/api/leads", body, content_type="application/json", headers=token_for(alice))
    assert r.status_code == 201, r.content
    assert Lead.objects.get(pk=r.json()["id"]).timezone == "Europe/Paris"
