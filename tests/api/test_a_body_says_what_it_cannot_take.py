"""A body is taken only as its schema says: a blank name is no name (the web form refuses
one too), and a field the request does not take, unknown or read-only (`status`, `id`), is
a 422 naming it instead of a 200 that silently changed nothing."""

from __future__ import annotations

from fairchase.leads.models import Lead, Status


def _where(response) -> list[list]:
    return [e["loc"] for e in response.json()["errors"]]


def test_a_blank_name_is_refused(api, alice):
    for name in ("   ", "\uffff", ""):
        response = api("POST", "/leads", {"name": name, "email": "ann@example.com"})
        assert response.status_code == 422, name
        assert _where(response) == [["body", "payload", "name"]]
    assert not Lead.objects.exists()


def test_a_name_is_stored_trimmed(api, alice):
    response = api("POST", "/leads", {"name": "  Ann Lee ", "email": "ann@example.com"})
    assert response.status_code == 201 and response.json()["name"] == "Ann Lee"


def test_a_patch_of_a_read_only_field_names_it_and_changes_nothing(api, alice, make_lead):
    lead = make_lead(alice, name="Ann Lee")
    response = api("PATCH", f"/leads/{lead.pk}", {"status": "won", "name": "Ann Stone"})
    assert response.status_code == 422
    assert _where(response) == [["body", "payload", "status"]]
    lead.refresh_from_db()
    assert (lead.status, lead.name) == (Status.OPEN, "Ann Lee")
    response = api("PATCH", f"/leads/{lead.pk}", {"name": "   "})
    assert response.status_code == 422


def test_an_unknown_field_is_refused_everywhere(api, alice, make_lead):
    lead = make_lead(alice)
    posts = [
        ("POST", "/leads", {"name": "Bo", "email": "bo@example.com", "nmae": "typo"}),
        ("POST", f"/leads/{lead.pk}/attempts", {"channel": "call", "outcome": "talked", "min": 5}),
        ("POST", f"/leads/{lead.pk}/stop", {"next_state": "closed", "why": "x"}),
    ]
    for method, path, body in posts:
        response = api(method, path, body)
        assert response.status_code == 422, path
        assert _where(response)[0][-1] in {"nmae", "min", "why"}
    assert lead.attempts.count() == 0
