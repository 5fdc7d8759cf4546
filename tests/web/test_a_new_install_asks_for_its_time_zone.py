"""A fresh install plans in UTC (eval22 #4: a Chicago contractor's first lead was called at
"08:00 UTC", 02:00 his time, and Today was headed Monday on his Sunday evening). Like the margin,
the zone is asked for, never assumed: the owner's Today offers a suggestion to confirm (the
browser's own zone, else the server's), Settings says it, until a person sets it once."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

from django.core.management import call_command

from fairchase.leads.models import BusinessSettings, Lead

from .test_settings import BUSINESS

SAID = "Times are UTC until you set your time zone"


def test_the_owners_first_today_asks_for_the_zone_in_a_form(client, boss, settings):
    settings.SERVER_TZ = "UTC"  # a server on UTC suggests nothing
    client.force_login(boss)
    html = client.get("/").content.decode()
    assert SAID in html
    assert 'action="/settings/time-zone/"' in html and "data-browser-zone" in html
    assert '<option value="" selected>Choose…</option>' in html  # nothing chosen for them


def test_a_server_with_a_zone_of_its_own_suggests_it(client, boss, settings):
    settings.SERVER_TZ = "America/Chicago"
    client.force_login(boss)
    html = client.get("/").content.decode()
    assert '<option value="America/Chicago" selected>' in html
    assert "Suggested from the server's clock" in html


def test_the_servers_tz_is_read_before_django_sets_its_own():
    """Django sets TZ to its TIME_ZONE (UTC) as it starts: read after, it said UTC always."""
    env = {**os.environ, "TZ": "America/Chicago", "DJANGO_SETTINGS_MODULE": "fairchase.settings"}
    code = "import django; django.setup(); from fairchase.web.settings_forms import server_zone; "
    out = subprocess.run(
        [sys.executable, "-c", code + "print(server_zone())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "America/Chicago"


def test_confirming_it_sets_the_zone_and_replans_the_leads(client, boss, make_lead):
    lead = make_lead(boss)
    client.force_login(boss)
    r = client.post("/settings/time-zone/", {"business_timezone": "America/Chicago"}, follow=True)
    html = r.content.decode()
    assert "Time zone saved: America/Chicago; 1 active lead replanned." in html
    settings = BusinessSettings.current()
    assert (settings.business_timezone, settings.timezone_set) == ("America/Chicago", True)
    assert Lead.objects.get(pk=lead.pk).next_due is not None
    assert SAID not in html and SAID not in client.get("/settings/").content.decode()


def test_a_blank_or_unknown_zone_is_refused(client, boss):
    client.force_login(boss)
    for zone in ("", "Nowhere/Land"):
        html = client.post("/settings/time-zone/", {"business_timezone": zone}, follow=True)
        assert SAID in html.content.decode()
    assert BusinessSettings.current().timezone_unset


def test_a_salesperson_is_neither_asked_nor_allowed(client, alice, boss):
    client.force_login(alice)
    assert SAID not in client.get("/").content.decode()
    r = client.post("/settings/time-zone/", {"business_timezone": "America/Chicago"})
    assert r.status_code == 403
    html = client.get("/settings/").content.decode()
    assert SAID in html and "An owner can set it here." in html


def test_saving_only_the_margin_leaves_the_zone_question_open(client, boss):
    """Review 21 #11: the margin notice's link leads to Settings, whose form posts the UTC it
    shows; saving 30% there must not count as choosing UTC."""
    client.force_login(boss)
    client.post("/settings/", {**BUSINESS, "margin": "30", "business_timezone": "UTC"})
    settings = BusinessSettings.current()
    assert (settings.margin, settings.margin_set) == (0.3, True)
    assert settings.timezone_unset
    assert SAID in client.get("/").content.decode()


def test_utc_is_chosen_in_todays_box(client, boss):
    client.force_login(boss)
    client.post("/settings/time-zone/", {"business_timezone": "UTC"})
    assert not BusinessSettings.current().timezone_unset
    assert SAID not in client.get("/").content.decode()


def test_a_zone_chosen_in_settings_is_set(client, boss):
    client.force_login(boss)
    client.post("/settings/", {**BUSINESS, "business_timezone": "America/Chicago"})
    assert not BusinessSettings.current().timezone_unset


def test_a_zone_other_than_utc_is_never_said_to_be_unset(client, boss):
    BusinessSettings.current()
    BusinessSettings.objects.update(business_timezone="Europe/London")  # a script, /admin/
    client.force_login(boss)
    assert SAID not in client.get("/").content.decode()


def test_the_terminals_agenda_says_it_too(boss):
    out = StringIO()
    call_command("agenda", stdout=out)
    assert "until you set your time zone in Settings" in out.getvalue()
    BusinessSettings.objects.update(timezone_set=True)
    out = StringIO()
    call_command("agenda", stdout=out)
    assert "until you set your time zone" not in out.getvalue()
