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


def test_a_strangers_failures_do_not_lock_the_owner_out_from_another_address(
    client, alice, settings
):
    """eval32 #5: five wrong passwords from anywhere locked the account for everyone."""
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login(client, "alice", "wrong", ip="198.51.100.7")
    assert _login(client, "alice", PASSWORD, ip="198.51.100.7").status_code == 429
    assert _login(client, "alice", PASSWORD, ip="10.0.0.3").status_code == 302


def test_an_account_is_locked_from_every_address_and_other_accounts_are_not(
    client, alice, bob, settings
):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 2
    _login(client, "alice", "wrong", ip="10.0.0.1")
    _login(client, "alice", "wrong", ip="10.0.0.2")
    assert (
        _login(client, "alice", PASSWORD, ip="10.0.0.3").status_code == 429
    )  # spraying addresses does not help
    assert _login(client, "bob", PASSWORD, ip="10.0.0.1").status_code == 302


def test_an_address_is_locked_across_accounts(client, alice, bob, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for name in ("carol", "dave", "erin"):  # password spraying: one guess per username
        assert _login(client, name, "Summer2026!", ip="10.0.0.9").status_code == 200
    assert _login(client, "alice", PASSWORD, ip="10.0.0.9").status_code == 429
    assert _login(client, "alice", PASSWORD, ip="10.0.0.10").status_code == 302


def test_the_admin_login_is_throttled_with_the_same_buckets(client, boss, settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 2
    boss.is_staff = True
    boss.save(update_fields=["is_staff"])
    _login(client, "boss", "wrong")
    r = client.post(
        "/admin/login/", {"username": "boss", "password": "wrong"}, REMOTE_ADDR="10.0.0.5"
    )
    assert r.status_code == 200
    r = client.post(
        "/admin/login/", {"username": "boss", "password": PASSWORD}, REMOTE_ADDR="10.0.0.6"
    )
    assert r.status_code == 429 and "Too many failed attempts" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_still_logs_staff_in(client, boss):
    boss.is_staff = True
    boss.save(update_fields=["is_staff"])
    r = client.post(
        "/admin/login/?next=/admin/",
        {"username": "boss", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.5",
    )
    assert r.status_code == 302 and r["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_failures_outside_the_window_do_not_count(client, alice, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        _login(client, "alice", "wrong")
    settings.LOGIN_WINDOW_SECONDS = 0
    assert _login(client, "alice", PASSWORD).status_code == 302


def test_a_successful_login_does_not_use_up_the_limit(client, alice, settings):
    settings.LOGIN_MAX_FAILURES = 3
    _login(client, "alice", "wrong")
    for _ in range(5):
        assert _login(client, "alice", PASSWORD).status_code == 302
        client.logout()
    assert LoginFailure.objects.filter(username="alice").count() == 1
    _login(client, "alice", "wrong")
    _login(client, "alice", "wrong")
    assert _login(client, "alice", PASSWORD).status_code == 429


@pytest.mark.parametrize(
    "remote,forwarded,proxies,expected",
    [
        (
            "203.0.113.9",
            "198.51.100.1",
            [],
            "203.0.113.9",
        ),  # no trusted proxy: the header is ignored
        (
            "203.0.113.9",
            "198.51.100.1",
            ["127.0.0.1"],
            "203.0.113.9",
        ),  # not from our proxy: ignored
        ("127.0.0.1", "198.51.100.1", ["127.0.0.1"], "198.51.100.1"),
        (
            "127.0.0.1",
            "6.6.6.6, 198.51.100.1",
            ["127.0.0.1"],
            "198.51.100.1",
        ),  # a spoofed left part is skipped
        (
            "10.0.0.2",
            "198.51.100.1, 10.0.0.7",
            ["10.0.0.0/8"],
            "198.51.100.1",
        ),  # two proxies of ours
        ("127.0.0.1", "not-an-ip", ["127.0.0.1"], "127.0.0.1"),
        ("127.0.0.1", "", ["127.0.0.1"], "127.0.0.1"),
        ("::1", "2001:db8::5", ["::1"], "2001:db8::5"),
    ],
)
def test_the_client_address_comes_from_x_forwarded_for_only_through_trusted_proxies(
    rf, settings, remote, forwarded, proxies, expected
):
    from fairchase.web.throttle import client_ip

    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_a_trusted_proxy_each_client_has_its_own_address_bucket(client, alice, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    for name in ("x1", "x2"):
        client.post(
            "/login/",
            {"username": name, "password": "no"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    r = client.post(
        "/login/",
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert r.status_code == 302


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
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='fairchase.settings';"
            "django.setup(); from django.conf import settings as s; from django.contrib.auth.hashers import "
            "make_password; print(s.PASSWORD_HASHERS[0]); print(make_password('x').split('$')[0]);"
            "print(len(s.AUTH_PASSWORD_VALIDATORS))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    hasher, prefix, validators = out.stdout.split()
    assert hasher == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert prefix == "argon2"
    assert int(validators) >= 3


@pytest.mark.parametrize("password", ["password", "12345678", "alice"])
def test_weak_passwords_are_rejected_by_the_validators(alice, password):
    from django.contrib.auth.password_validation import ValidationError, validate_password

    with pytest.raises(ValidationError):
        validate_password(password, alice)
