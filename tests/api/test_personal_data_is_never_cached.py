"""Pages and exports shown to a signed-in person, and the API's answers, say
`Cache-Control: no-store` (eval32 #7: a shared computer's browser could keep a lead's details
after logout); the calendar feed keeps its own `private, max-age=300`."""

from __future__ import annotations

from fairchase.intake.calendar import calendar_secret
from fairchase.leads.people import profile_of


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_pages_and_exports_of_a_signed_in_person_are_not_stored(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Lee")
    client.force_login(alice)
    for path in ("/", f"/leads/{lead.pk}/", "/in/export/leads.csv", "/api/tokens/"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert no_store(r) and "private" in r["Cache-Control"], path


def test_an_api_answer_is_not_stored(client, alice, token_for):
    r = client.get("/api/leads", headers=token_for(alice))
    assert r.status_code == 200 and no_store(r)


def test_the_calendar_feed_keeps_its_own_caching(client, alice):
    r = client.get(f"/in/calendar/{calendar_secret(profile_of(alice))}.ics")
    assert r.status_code == 200 and r["Cache-Control"] == "private, max-age=300"
