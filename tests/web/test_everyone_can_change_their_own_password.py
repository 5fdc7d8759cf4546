"""Everyone changes their own password on Settings (before, only an admin could set one in
Django's admin: a salesperson kept the password they were given, and could not change it
after it was seen or shared). The old password is asked for; the new one passes Django's
validators; the session stays signed in; the old password no longer works."""

from __future__ import annotations

from django.test import Client

from tests.conftest import PASSWORD

NEW = "umbrella-lantern-quartz-42"


def test_a_salesperson_changes_her_password_from_settings(client, alice):
    client.force_login(alice)
    elsewhere = Client()  # her phone, signed in with the old password
    elsewhere.force_login(alice)
    assert "/settings/password/" in client.get("/settings/").content.decode()
    page = client.get("/settings/password/")
    assert page.status_code == 200 and "Old password" in page.content.decode()
    r = client.post(
        "/settings/password/",
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert r.status_code == 200 and "incorrect" in r.content.decode()
    r = client.post(
        "/settings/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert r.status_code == 200 and "too common" in r.content.decode()
    r = client.post(
        "/settings/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Your password is changed" in r.content.decode()
    assert client.get("/").status_code == 200  # still signed in here
    assert "/login/" in elsewhere.get("/")["Location"]  # every other session ends
    other = Client()
    assert not other.login(username="alice", password=PASSWORD)
    assert other.login(username="alice", password=NEW)


def test_the_password_page_needs_a_login(client):
    r = client.get("/settings/password/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_guessing_the_old_password_is_throttled_as_logging_in_is(client, alice, settings):
    settings.LOGIN_MAX_FAILURES = 3
    client.force_login(alice)
    for _ in range(3):
        r = client.post(
            "/settings/password/",
            {"old_password": "guess", "new_password1": NEW, "new_password2": NEW},
        )
        assert r.status_code == 200
    r = client.post(
        "/settings/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert r.status_code == 429 and "Too many failed attempts" in r.content.decode()
    assert Client().login(username="alice", password=PASSWORD)  # unchanged
