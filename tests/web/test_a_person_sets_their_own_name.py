"""A person sets their own first and last name in Settings (eval31 #14: `createsuperuser`
asks for none, so messages signed "maria" and Settings had no field): messages sign with it,
Settings says who is signed in by it, and until it is set, asks for it."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from fairchase.outreach.rendering import lead_values


def test_a_person_saves_their_name_and_messages_sign_with_it(client, alice, make_lead):
    alice.first_name = ""
    alice.save()
    client.force_login(alice)
    page = client.get("/settings/").content.decode()
    assert 'id="no-name"' in page and 'name="first_name"' in page and 'name="last_name"' in page
    client.post(
        "/settings/",
        {
            "form": "profile",
            "first_name": "Maria",
            "last_name": "Lopez",
            "phone": "+1 512 555 0100",
            "outreach_mode": "suggest",
        },
    )
    alice = get_user_model().objects.get(pk=alice.pk)
    assert (alice.first_name, alice.last_name) == ("Maria", "Lopez")
    page = client.get("/settings/").content.decode()
    assert "Signed in as Maria Lopez (alice)" in page and 'id="no-name"' not in page
    assert lead_values(make_lead(alice), "email")["owner_name"] == "Maria Lopez"


def test_a_name_on_two_lines_is_refused(client, alice):
    client.force_login(alice)
    r = client.post(
        "/settings/",
        {"form": "profile", "first_name": "Maria\nBcc: x", "outreach_mode": "suggest"},
    )
    assert "Write this on one line" in r.content.decode()
    assert get_user_model().objects.get(pk=alice.pk).first_name == "Alice"
