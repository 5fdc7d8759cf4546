"""Logging in: the form, throttling across workers (rows, not memory), Argon2, logout by POST."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fairchase.web.models import LoginFailure
from tests.conftest import PASSWORD


def _login(client, username, password, ip="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_alice_logs_in_and_lands_on_today(client, alice):
    r = _login(client, "alice", PASSWORD)
    assert r.status_code == 302 and r["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_is_refused_and_counted(client, alice):
    r = _login(client, "alice", "nope")
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username="alice").count() == 1


def test_too_many_failures_lock_the_username_from_that_address(client, alice, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _login(client, "alice", "wrong")
    r = _login(client, "alice", PASSWORD)  # even the right password is refused now
    assert r.status_code == 429
    assert "Too many failed attempts" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address_and_per_username(client, alice, bob, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        _login(client, "alice", "wrong", ip="10.0.0.1")
    assert _login(client, "bob", PASSWORD, ip="10.0.0.1").status_code == 302
    client.logout()
    assert _login(client, "alice", PASSWORD, ip="10.0.0.2").status_code == 302


def test_failures_outside_the_window_do_not_count(client, alice, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        _login(client, "alice", "wrong")
    settings.LOGIN_WINDOW_SECONDS = 0
    assert _login(client, "alice", PASSWORD).status_code == 302


def test_a_successful_login_forgets_earlier_failures(client, alice, settings):
    settings.LOGIN_MAX_FAILURES = 3
    _login(client, "alice", "wrong")
    _login(client, "alice", PASSWORD)
    assert not LoginFailure.objects.filter(username="alice").exists()


def test_logout_is_a_post(client, alice):
    client.force_login(alice)
    assert client.get("/logout/").status_code == 405
    r = client.post("/logout/")
    assert r.status_code == 302 and "login" in r["Location"]
    assert client.get("/").status_code == 302


def test_an_anonymous_visit_to_today_redirects_to_login(client):
    r = client.get("/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_argon2_is_the_configured_hasher():
    # conftest swaps in MD5 for speed, so read the real settings in a fresh interpreter.
    out = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='fairchase.settings';"
         "django.setup(); from django.conf import settings as s; from django.contrib.auth.hashers import "
         "make_password; print(s.PASSWORD_HASHERS[0]); print(make_password('x').split('$')[0]);"
         "print(len(s.AUTH_PASSWORD_VALIDATORS))"],
        capture_output=True, text=True, check=True)
    hasher, prefix, validators = out.stdout.split()
    assert hasher == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert prefix == "argon2"
    assert int(validators) >= 3


@pytest.mark.parametrize("password", ["password", "12345678", "alice"])
def test_weak_passwords_are_rejected_by_the_validators(alice, password):
    from django.contrib.auth.password_validation import ValidationError, validate_password

    with pytest.raises(ValidationError):
        validate_password(password, alice)
