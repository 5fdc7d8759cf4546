"""Add lead in the browser asks for a source (eval22 #8); `POST /api/leads` keeps its
documented default: a lead sent by a website's form without a source is a web form's."""

from __future__ import annotations

from fairchase.leads.models import Lead


def test_an_api_post_without_a_source_is_still_a_web_form(client, alice, token_for):
    body = {"name": "Ann Parker", "email": "ann.parker@example.com"}
    r = client.post("/api/leads", body, content_type="application/json", headers=token_for(alice))
    assert r.status_code == 201, r.content
    assert Lead.objects.get(pk=r.json()["id"]).source == "web_form"
