"""Adding and editing leads: normalised contacts, messages next to the field, nothing half-saved."""

from __future__ import annotations

import pytest

from fairchase.leads.models import Lead, StatusChange

GOOD = {
    "name": "Pat Jones",
    "company": "Jones Bakery",
    "email": "Pat@Example.COM",
    "phone": "(212) 555-0142",
    "timezone": "America/New_York",
    "source": "referral",
    "value": "2500",
    "notes": "Needs a new oven",
}


def _field_errors(html: str, field: str) -> str:
    """The text of the field's block (label, errors, input) in Django's div form layout."""
    at = html.index(f'name="{field}"')
    start = html.rfind("<div", 0, at)
    return html[start:at]


def test_a_new_lead_is_normalised_and_tops_today_as_a_new_enquiry(client, alice, make_lead):
    make_lead(alice, name="Older Enquiry")
    client.force_login(alice)
    r = client.post("/leads/new/", GOOD)
    lead = Lead.objects.get(name="Pat Jones")
    assert r.status_code == 302 and r["Location"] == f"/leads/{lead.pk}/"
    assert (lead.email, lead.phone, lead.timezone, lead.owner) == (
        "pat@example.com",
        "+12125550142",
        "America/New_York",
        alice,
    )
    assert lead.is_new_enquiry and lead.next_action == "contact"
    html = client.get("/").content.decode()
    new = html.split('id="section-new"')[1].split("</section>")[0]
    assert "Pat Jones" in new


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("phone", "12345", "phone number"),
        ("email", "not-an-email", "email"),
        ("timezone", "Mars/Olympus", "Unknown time zone"),
    ],
)
def test_a_bad_contact_is_refused_next_to_its_field_and_nothing_is_saved(
    client, alice, field, value, message
):
    client.force_login(alice)
    r = client.post("/leads/new/", {**GOOD, field: value})
    assert r.status_code == 200
    block = _field_errors(r.content.decode(), field)
    assert "errorlist" in block and message.lower() in block.lower()
    assert not Lead.objects.exists()
    assert not StatusChange.objects.exists()


def test_editing_with_a_bad_phone_changes_nothing(client, alice, make_lead):
    lead = make_lead(alice, name="Keep Me")
    client.force_login(alice)
    r = client.post(f"/leads/{lead.pk}/edit/", {**GOOD, "name": "Changed", "phone": "999"})
    assert r.status_code == 200 and "errorlist" in r.content.decode()
    assert Lead.objects.get(pk=lead.pk).name == "Keep Me"


def test_editing_saves_through_the_action_and_replans(client, alice, make_lead):
    lead = make_lead(alice)
    before = Lead.objects.get(pk=lead.pk).planned_at
    client.force_login(alice)
    r = client.post(f"/leads/{lead.pk}/edit/", {**GOOD, "value": "9000"})
    assert r.status_code == 302
    lead.refresh_from_db()
    assert (lead.name, float(lead.value)) == ("Pat Jones", 9000.0)
    assert lead.planned_at > before


def test_a_salesperson_cannot_give_a_lead_to_someone_else(client, alice, bob):
    client.force_login(alice)
    client.post("/leads/new/", {**GOOD, "owner": bob.pk})
    assert Lead.objects.get(name="Pat Jones").owner == alice


def test_an_admin_adds_a_lead_for_a_salesperson(client, boss, bob):
    client.force_login(boss)
    client.post("/leads/new/", {**GOOD, "owner": bob.pk})
    assert Lead.objects.get(name="Pat Jones").owner == bob


def test_the_list_searches_and_filters(client, alice, bob, boss, make_lead):
    make_lead(alice, name="Ann Archer", company="Archery Ltd", source="event")
    make_lead(alice, name="Ben Baker", phone="+12125550777", source="referral")
    make_lead(bob, name="Bob's Carl")
    client.force_login(alice)

    def names(query):
        html = client.get("/leads/" + query).content.decode()
        return {
            n for n in ("Ann Archer", "Ben Baker", "Bob's Carl", "Bob&#x27;s Carl") if n in html
        }

    assert names("") == {"Ann Archer", "Ben Baker"}
    assert names("?q=archery") == {"Ann Archer"}
    assert names("?q=555-0777") == {"Ben Baker"}
    assert names("?q=(212) 555-0777") == {"Ben Baker"}
    assert names("?source=event") == {"Ann Archer"}
    assert names("?status=won") == set()
    client.force_login(boss)
    assert names(f"?owner={bob.pk}") == {"Bob&#x27;s Carl"}


def test_the_list_is_paginated(client, alice, make_lead):
    for i in range(55):
        make_lead(alice, name=f"Paged {i:02d}")
    client.force_login(alice)
    first = client.get("/leads/").content.decode()
    assert "Page 1 of 2" in first
    second = client.get("/leads/?page=2").content.decode()
    assert second.count('<tr id="lead-') == 5


@pytest.mark.parametrize("field", ["name", "company"])
def test_a_name_with_a_line_break_is_refused_next_to_the_field(client, alice, field):
    client.force_login(alice)
    r = client.post("/leads/new/", {**GOOD, field: "Pat\r\nBcc: all@example.com"})
    assert r.status_code == 200 and "one line" in _field_errors(r.content.decode(), field)
    assert not Lead.objects.exists()
