"""Nobody is contacted on a day that is not a contact day (a Sunday, in the business's zone):
Today's header says so and shows the next contact day's plan, in the same minutes, rather
than "120 selling minutes today"; a weekday's header is unchanged."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fairchase.leads.models import BusinessSettings
from fairchase.web.agenda import agenda_for

PARIS = ZoneInfo("Europe/Paris")


def _settings(**fields):
    BusinessSettings.objects.update_or_create(pk=BusinessSettings.current().pk, defaults=fields)


def test_sunday_morning_says_it_is_not_a_contact_day_and_gives_mondays_plan(alice, make_lead):
    _settings(daily_minutes=120, business_timezone="Europe/Paris")
    sunday = datetime(2030, 1, 6, 10, 30, tzinfo=PARIS)
    agenda = agenda_for(alice, sunday)
    assert agenda.minutes_sentence.startswith(
        "Sunday: not a contact day. Monday's plan: 120 selling minutes: 0 for new enquiries + "
    )
    assert "today" not in agenda.minutes_sentence


def test_late_saturday_utc_is_already_sunday_in_the_business_zone(alice, make_lead):
    _settings(daily_minutes=120, business_timezone="Asia/Tokyo")
    saturday_utc = datetime(2030, 1, 5, 20, 0, tzinfo=ZoneInfo("UTC"))  # Sunday 05:00 in Tokyo
    assert agenda_for(alice, saturday_utc).minutes_sentence.startswith("Sunday: not a contact day.")


def test_a_weekday_header_is_unchanged(alice, make_lead):
    _settings(daily_minutes=120, business_timezone="Europe/Paris")
    for day in (7, 11):  # a Monday and a Saturday
        agenda = agenda_for(alice, datetime(2030, 1, day, 10, 30, tzinfo=PARIS))
        assert agenda.minutes_sentence.startswith("120 selling minutes today: 0 for new enquiries")
