"""The Capture & import page says who an import updates as the importer decides it (and as
README says): the same email, or the same phone under a matching name, not "same email or
phone" (a family's shared number is not one person)."""

from __future__ import annotations


def test_the_page_names_the_rule(client, alice):
    client.force_login(alice)
    html = client.get("/in/").content.decode()
    assert "the same email, or the same phone under a matching name" in html
    assert "same email or phone" not in html
