"""Settings say, next to the daily selling minutes, when the contact hours hold fewer: 120
minutes with hours of 08:00-08:30 are planned as 30 (`BusinessSettings.selling_minutes`), so
the page says so rather than let 120 read as 120; hours that hold them say nothing."""

from __future__ import annotations

from fairchase.leads.models import BusinessSettings

from .test_settings import BUSINESS

WARNING = "The contact hours (08:00-08:30) hold 30 minutes: each person is planned 30 a day"


def test_minutes_beyond_the_contact_hours_are_said_next_to_the_field(client, boss):
    client.force_login(boss)
    page = client.post(
        "/settings/",
        {**BUSINESS, "daily_minutes": "120", "contact_start": "08:00", "contact_end": "08:30"},
        follow=True,
    ).content.decode()
    assert BusinessSettings.current().daily_minutes == 120
    assert WARNING + ", not 120." in page
    field, warning = page.index('name="daily_minutes"'), page.index(WARNING)
    assert abs(warning - field) < 600  # beside the field, not at the top of the page


def test_minutes_the_hours_hold_are_said_nothing_about(client, boss, alice):
    client.force_login(boss)
    page = client.post("/settings/", BUSINESS, follow=True).content.decode()
    assert "each person is planned" not in page  # 90 minutes in 09:00-18:00
    client.force_login(alice)  # a salesperson reads the same warning on the read-only form
    BusinessSettings.objects.update(contact_start="08:00", contact_end="08:30")
    assert WARNING + ", not 90." in client.get("/settings/").content.decode()
