"""Add lead's phone hint says what the field does (eval34 #5): it said "With the country
code, e.g. +1 312 555 0100" while a plain "312 555 0142" was taken, as a number of the
business's country. Now it says a number without a country code is read as one of it."""

from __future__ import annotations

from fairchase.leads.models import Lead


def test_the_hint_says_a_national_number_is_read_in_the_businesss_country(client, alice):
    client.force_login(alice)
    html = client.get("/leads/new/").content.decode()
    assert "With the country code" not in html
    assert "Without a country code it is read as a number in the United States" in html
    assert "(312) 555-0100 is +1 312 555 0100" in html
    client.post("/leads/new/", {"name": "Dave Roof", "phone": "312 555 0142", "source": "referral"})
    assert Lead.objects.get().phone == "+13125550142"  # what the hint says is what happens
