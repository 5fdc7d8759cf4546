"""Shared fixtures: named people (healthchecks' style), a lead factory, a real browser.

- alice: salesperson who owns the leads under test
- bob: another salesperson on the team (must never see Alice's leads)
- boss: owner/admin role, sees and reassigns everything
- charlie: an account with no access (inactive): must see nothing
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls in the
# same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"
OUTPUT = Path(os.environ.get("TEST_OUTPUT", Path(__file__).resolve().parent.parent / "test-output"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _home_read_afresh():
    """Each test reads its own Settings' phone region and currency (`leads.home` keeps them a
    second: the last test's database is gone)."""
    from fairchase.leads import home

    home.forget()
    yield
    home.forget()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (tested in tests/web); tests log in a lot.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username: str, role: str = "sales", active: bool = True):
    from django.contrib.auth import get_user_model

    from fairchase.leads.models import Profile

    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD, first_name=username.title(), is_active=active
    )
    Profile.objects.update_or_create(user=user, defaults={"role": role, "phone": "+15555550100"})
    return user


@pytest.fixture
def alice(db):
    return _user("alice")


@pytest.fixture
def bob(db):
    return _user("bob")


@pytest.fixture
def boss(db):
    return _user("boss", role="admin")


@pytest.fixture
def charlie(db):
    return _user("charlie", active=False)


@pytest.fixture
def make_lead(db):
    """Create a lead through the real action (so its plan is computed)."""
    from django.utils import timezone

    from fairchase.leads import actions

    counter = iter(range(1, 10**6))

    def make(owner, **fields):
        n = next(counter)
        fields.setdefault("name", f"Lead {n}")
        fields.setdefault("email", f"lead{n}@example.com")
        fields.setdefault("phone", f"+1212555{n:04d}")
        fields.setdefault("source", "referral")
        fields.setdefault("value", 2000)
        fields.setdefault("created_at", timezone.now() - timedelta(minutes=5))
        return actions.create_lead(owner, **fields)

    return make


@pytest.fixture
def stop_clock(monkeypatch):
    """`stop_clock(at)` stops the app's clock (`django.utils.timezone.now`) at an aware
    moment, so a test of what a given day looks like (a Sunday, a Tuesday evening) holds
    whenever it runs; returns `at`. A model field whose default is `timezone.now` holds the
    real function (bound at import), so those fields default to `at` too: a row made while
    the clock is stopped is stamped with the stopped time, not the machine's."""
    from django.apps import apps
    from django.utils import timezone

    real_now = timezone.now
    stamped = [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.default is real_now
    ]

    def stop(at):
        monkeypatch.setattr(timezone, "now", lambda: at)
        for field in stamped:
            monkeypatch.setattr(field, "get_default", lambda: at)
        return at

    return stop


@pytest.fixture
def cli(capsys):
    """`cli(*args)` runs the `fairchase` command in this process, as a person would type it:
    returns (exit code, what it printed, what it printed as errors)."""
    from fairchase.cli import main

    def run(*args) -> tuple[int, str, str]:
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code or 0
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def screenshot_dir():
    d = OUTPUT / "screenshots"
    d.mkdir(parents=True, exist_ok=True)
    return d


def log_in(ctx, user, url: str):
    """Give a Playwright browser context `user`'s session at the live server `url` (logged in
    by Django's test client, no login form); returns that client, logged in too."""
    from django.conf import settings as dj
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[dj.SESSION_COOKIE_NAME].value
    ctx.add_cookies([{"name": dj.SESSION_COOKIE_NAME, "value": cookie, "url": url}])
    return client


@pytest.fixture
def page_for(browser, live_server):
    """`page_for(user)` -> a Playwright page logged in as that user at the live server;
    `page_for(user, phone=True)`: on a 390x844 touch phone; other keywords go to the
    browser context as they are (`timezone_id="America/Chicago"`, `locale="de-DE"`)."""
    contexts = []

    def make(user=None, phone=False, **options):
        size = {"viewport": {"width": 1280, "height": 900}}
        if phone:
            size = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
        ctx = browser.new_context(base_url=live_server.url, **size, **options)
        contexts.append(ctx)
        if user is not None:
            log_in(ctx, user, live_server.url)
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture(autouse=True)
def _shipped_templates(request):
    """The data migrations' templates (a transactional test's flush removes them)."""
    if not {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames else "db")
    for name in ("0002_default_templates", "0006_introduction_templates"):
        importlib.import_module(f"fairchase.outreach.migrations.{name}").add_defaults(apps, None)
    # the migrations that reword them, in their order
    words = "fairchase.outreach.migrations.0008_call_day_in_after_call_templates"
    importlib.import_module(words).name_the_day(apps, None)
    for name in ("0010_stopping_words_true_for_the_reader", "0011_cold_leads_never_enquired"):
        importlib.import_module(f"fairchase.outreach.migrations.{name}").say_what_is_true(
            apps, None
        )
    importlib.import_module(
        "fairchase.outreach.migrations.0013_messages_name_the_business"
    ).name_the_business(apps, None)
    importlib.import_module("fairchase.outreach.migrations.0014_reply_template").add_defaults(
        apps, None
    )


def open_all_day_now() -> str:
    """Contact hours all day in a business zone where it is not Sunday right now, so a test
    of what the app does (not of when it may contact someone) holds at any hour it runs.
    Returns the zone. The business stays one whose national numbers are American (its
    phone region US, as the tests' numbers are written), wherever the zone is."""
    from datetime import time
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from fairchase.leads import home
    from fairchase.leads.models import BusinessSettings

    zone = next(
        z
        for z in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
        # not Sunday, and not the day's last hour: a test's minutes never cross its end
        if (local := timezone.now().astimezone(ZoneInfo(z))).weekday() != 6 and local.hour < 23
    )
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        contact_start=time(0, 0),
        contact_end=time(23, 59, 59),
        business_timezone=zone,
        phone_region="US",
    )
    home.forget()
    return zone
