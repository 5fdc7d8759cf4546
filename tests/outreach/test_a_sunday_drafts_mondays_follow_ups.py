"""On a Sunday Today lists Monday's follow-ups (`planning.contact_day`), and an email
follow-up among them comes with its drafted message, as one due today does on a weekday.
The draft asked whether the step was due on the calendar's today, so Monday's email was
listed on a Sunday with no message to send. The clock is stopped, Paris time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from fairchase.leads.models import BusinessSettings, Lead

PARIS = ZoneInfo("Europe/Paris")
SUNDAY = datetime(2030, 1, 6, 10, 30, tzinfo=PARIS)
TUESDAY = datetime(2030, 1, 8, 10, 30, tzinfo=PARIS)


def _today(alice, make_lead, now, due) -> str:
    """Today's page for Alice at `now`, with one lead tried once whose plan (written as the
    decision core would) is an email follow-up due at `due`."""
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "Europe/Paris"}
    )
    eve = make_lead(alice, name="Eve Moreau", created_at=now - timedelta(days=8))
    Lead.objects.filter(pk=eve.pk).update(
        next_action="contact", next_channel="email", next_due=due, attempt_count=1
    )
    client = Client()
    client.force_login(alice)
    return client.get("/").content.decode()


@pytest.mark.parametrize(
    "now, due, drafted",
    [
        (SUNDAY, SUNDAY + timedelta(days=1, hours=-1), True),  # Monday 09:30: Today's day
        (SUNDAY, SUNDAY + timedelta(days=2), False),  # Tuesday: not on Today
        (TUESDAY, TUESDAY + timedelta(hours=3), True),  # a weekday, due today: as before
        (TUESDAY, TUESDAY + timedelta(days=1), False),  # due tomorrow: as before
    ],
)
def test_the_follow_up_today_lists_comes_with_its_draft(
    alice, make_lead, stop_clock, now, due, drafted
):
    stop_clock(now)
    html = _today(alice, make_lead, now, due)
    assert ('data-purpose="follow_up"' in html) is drafted, html
    # not on the day's list, she is named as the next follow-up of an empty day
    assert ("Eve Moreau" in html) and (("Next follow-up:" in html) is not drafted), html
    if now == SUNDAY and drafted:
        assert "Follow-ups due Monday" in html
