"""Today's selling minutes are what is left of the day: the minutes each person logged since
the business's day began (their attempts' minutes) are taken off, and the line where the
follow-ups run out moves up with them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions, planning
from fairchase.leads.models import BusinessSettings, Lead, Status
from fairchase.web.agenda import agenda_for


@pytest.fixture(autouse=True)
def _a_tuesday_morning(stop_clock):
    """The minutes logged today are taken off on a contact day, within its hours (on a
    Sunday or in the evening Today plans the next day: test_today_plans_the_next_contact_day)."""
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))


def _settings(**fields):
    BusinessSettings.objects.update_or_create(pk=BusinessSettings.current().pk, defaults=fields)


def _log_calls(lead, user, n, minutes=6.0, at=None):
    for _ in range(n):
        actions.log_attempt(lead, "call", "no_answer", user=user, minutes=minutes, at=at)
    Lead.objects.filter(pk=lead.pk).update(status=Status.LOST, next_action="")  # off Today


def _follow_up(make_lead, owner, priority):
    lead = make_lead(owner, name=f"Follow {priority:.0f}")
    Lead.objects.filter(pk=lead.pk).update(
        attempt_count=1,
        next_action="contact",
        next_channel="call",
        next_due=timezone.now() - timedelta(minutes=1),
        priority=priority,
    )
    return lead


def _above_the_line(html: str) -> list[int]:
    above = html.split('id="budget-line"')[0]
    return [int(x) for x in re.findall(r'id="row-(\d+)"', above)]


def test_thirty_minutes_of_calls_logged_today_leave_ninety_of_a_hundred_and_twenty(
    client, alice, make_lead
):
    _settings(daily_minutes=120, minutes_call=6)
    _follow_up(make_lead, alice, 10.0)
    _log_calls(make_lead(alice, name="Called Five Times"), alice, 5)
    agenda = agenda_for(alice, timezone.now())
    assert agenda.budget_minutes == 90
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "120 selling minutes today" in page
    assert (
        ": 30 already logged + 0 for new enquiries + 0 for commitments"
        " + 6 for follow-ups + 84 spare." in page
    )


def test_the_follow_ups_above_the_line_are_those_the_minutes_left_hold(client, alice, make_lead):
    _settings(daily_minutes=12, minutes_call=6)
    leads = [_follow_up(make_lead, alice, p) for p in (30.0, 20.0, 10.0)]
    client.force_login(alice)
    assert _above_the_line(client.get("/").content.decode()) == [leads[0].pk, leads[1].pk]
    _log_calls(make_lead(alice, name="One Call"), alice, 1)
    assert _above_the_line(client.get("/").content.decode()) == [leads[0].pk]


def test_minutes_logged_yesterday_in_the_business_zone_or_by_a_teammate_are_not_taken_off(
    alice, bob, make_lead
):
    _settings(daily_minutes=120, business_timezone="America/Chicago")
    yesterday = planning.start_of_business_day(timezone.now()) - timedelta(minutes=1)
    _log_calls(make_lead(alice, created_at=yesterday - timedelta(hours=1)), alice, 3, at=yesterday)
    _log_calls(make_lead(alice), bob, 4)  # bob's time, on alice's lead
    now = timezone.now()
    assert agenda_for(alice, now).budget_minutes == 120
    assert agenda_for(bob, now).budget_minutes == 120 - 24


def test_the_teams_minutes_are_each_persons_left_and_overtime_takes_none_from_a_teammate(
    alice, bob, boss, make_lead
):
    _settings(daily_minutes=60)
    _follow_up(make_lead, alice, 10.0)
    _follow_up(make_lead, bob, 20.0)  # the team is two people, each with 60 minutes
    _log_calls(make_lead(alice), alice, 15)  # 90 minutes: 30 more than her day
    boss = type(boss).objects.get(pk=boss.pk)  # its profile as saved (an owner)
    team = agenda_for(boss, timezone.now())
    assert (team.daily_minutes, team.budget_minutes) == (120, 60)
    assert team.day_minutes_sentence.startswith("120 selling minutes today: 60 already logged + ")
    assert agenda_for(bob, timezone.now()).budget_minutes == 60


def test_the_terminal_agenda_says_the_minutes_left(alice, make_lead):
    from io import StringIO

    from django.core.management import call_command

    _settings(daily_minutes=120)
    _log_calls(make_lead(alice), alice, 2)
    out = StringIO()
    call_command("agenda", user="alice", width=200, stdout=out)
    assert "108 selling minutes left (12 of 120 already logged)" in out.getvalue()
