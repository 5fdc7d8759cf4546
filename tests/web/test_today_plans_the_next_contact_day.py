"""On a day that is not a contact day (a Sunday) or once the day's contact hours are over,
Today is the next contact day's plan: its follow-ups and promises, its whole minutes, named
("Follow-ups due Monday"), the same on the web page, in the API and in `fairchase agenda`.
Minutes logged on the Sunday or that evening take nothing off it. Within a contact day's
hours, Today is today's, as before. The clock is stopped at fixed moments (Paris time)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import unescape
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

from fairchase.api.models import ApiToken
from fairchase.leads import actions, planning
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.agenda import agenda_for

PARIS = ZoneInfo("Europe/Paris")
SUNDAY = datetime(2030, 1, 6, 10, 30, tzinfo=PARIS)
MONDAY_9 = datetime(2030, 1, 7, 9, 0, tzinfo=PARIS)
TUESDAY_9 = datetime(2030, 1, 8, 9, 0, tzinfo=PARIS)
WEDNESDAY_9 = datetime(2030, 1, 9, 9, 0, tzinfo=PARIS)
SUNDAYS_PLAN = (
    "Sunday: not a contact day. Monday's plan: 120 selling minutes: 0 for new enquiries + "
    "6 for commitments + 12 for follow-ups + 102 spare."
)


def _settings(**fields):
    fields = {
        "daily_minutes": 120,
        "minutes_call": 6,
        "business_timezone": "Europe/Paris",
        **fields,
    }
    BusinessSettings.objects.update_or_create(pk=BusinessSettings.current().pk, defaults=fields)


def _due(make_lead, owner, name, due, action="contact", priority=10.0):
    """A lead tried once last week whose plan says `action` at `due` (as the core writes it)."""
    lead = make_lead(owner, name=name, created_at=due - timedelta(days=10))
    actions.log_attempt(lead, "call", "no_answer", at=due - timedelta(days=6))
    Lead.objects.filter(pk=lead.pk).update(
        next_action=action, next_channel="call", next_due=due, priority=priority
    )
    return lead


def _sunday_book(make_lead, alice, stop_clock):
    """Sunday 10:30 in Paris: two follow-ups and a promise due Monday, one due Tuesday."""
    _settings()
    stop_clock(SUNDAY)
    quinn = make_lead(alice, name="Quinn Quote", created_at=SUNDAY - timedelta(days=9))
    actions.log_attempt(quinn, "call", "talked", at=SUNDAY - timedelta(days=2))
    actions.add_commitment(quinn, by="us", what="Call back with the quote", due_at=MONDAY_9)
    Lead.objects.filter(pk=quinn.pk).update(
        next_action="contact", next_channel="call", next_due=MONDAY_9, priority=50.0
    )
    _due(make_lead, alice, "Dana Khan", MONDAY_9, priority=30.0)
    _due(make_lead, alice, "Ann Hill", MONDAY_9 + timedelta(hours=2), priority=20.0)
    _due(make_lead, alice, "Tuesday Tess", TUESDAY_9, priority=40.0)


def _section(html: str, name: str) -> str:
    return html.split(f'id="section-{name}"')[1].split("</section>")[0]


def test_on_a_sunday_today_shows_mondays_follow_ups_and_promises(
    client, alice, make_lead, stop_clock
):
    _sunday_book(make_lead, alice, stop_clock)
    client.force_login(alice)
    html = unescape(client.get("/").content.decode())
    assert re.search(r'id="minutes">([^<]*)<', html).group(1) == SUNDAYS_PLAN
    followups = _section(html, "followups")
    assert "Follow-ups due Monday" in followups
    assert "Dana Khan" in followups and "Ann Hill" in followups
    commitments = _section(html, "commitments")
    assert "Commitments due Monday" in commitments and "Call back with the quote" in commitments
    assert "Tuesday Tess" not in html  # Tuesday's turn comes on Tuesday
    full = client.get("/today/followups/").content.decode()
    assert "Follow-ups due Monday" in full and "Dana Khan" in full and "Tuesday Tess" not in full


def test_on_a_sunday_the_api_agenda_is_mondays(client, alice, make_lead, stop_clock):
    _sunday_book(make_lead, alice, stop_clock)
    _token, secret = ApiToken.issue(alice, "tests")
    body = client.get("/api/agenda", headers={"Authorization": f"Bearer {secret}"}).json()
    assert (body["day"], body["day_note"]) == ("2030-01-07", "Sunday: not a contact day.")
    assert body["minutes_sentence"] == SUNDAYS_PLAN
    assert [r["name"] for r in body["followups"]] == ["Dana Khan", "Ann Hill"]
    assert [c["what"] for c in body["commitments"]] == ["Call back with the quote"]
    assert body["budget_minutes"] == 120


def test_on_a_sunday_the_terminal_agenda_is_mondays(alice, make_lead, stop_clock):
    _sunday_book(make_lead, alice, stop_clock)
    out = StringIO()
    call_command("agenda", user="alice", width=250, stdout=out)
    text = out.getvalue()
    assert (
        "Today for Alice (Sunday: not a contact day): Monday's plan, 120 selling minutes." in text
    )
    assert "Follow-ups due Monday" in text and "Commitments due Monday" in text
    assert "Dana Khan" in text and "Ann Hill" in text and "Call back with the quote" in text
    assert "Tuesday Tess" not in text


def test_minutes_logged_on_a_sunday_take_nothing_off_mondays(alice, make_lead, stop_clock):
    _settings()
    stop_clock(SUNDAY)
    lead = make_lead(alice, created_at=SUNDAY - timedelta(days=3))
    actions.log_attempt(lead, "call", "talked", user=alice, minutes=20)
    agenda = agenda_for(alice, SUNDAY)
    assert agenda.budget_minutes == 120
    assert agenda.minutes_sentence.startswith("Sunday: not a contact day. Monday's plan: 120 ")
    assert "already logged" not in agenda.minutes_sentence
    # what a replan gives the decision core as the day's minutes left
    assert planning.day_minutes({alice.pk}, SUNDAY).left == 120


def test_after_the_contact_hours_today_is_the_next_contact_days_plan(alice, make_lead, stop_clock):
    _settings()  # contact hours 08:00-20:00
    tuesday_evening = stop_clock(datetime(2030, 1, 8, 21, 0, tzinfo=PARIS))
    _due(make_lead, alice, "Wednesday Will", WEDNESDAY_9)
    worked = make_lead(alice, created_at=tuesday_evening - timedelta(days=3))
    actions.log_attempt(worked, "call", "talked", user=alice, minutes=30, at=TUESDAY_9)
    agenda = agenda_for(alice, tuesday_evening)
    assert agenda.minutes_sentence.startswith(
        "Tuesday's contact hours are over. Wednesday's plan: 120 selling minutes: "
    )
    assert [r.lead.name for r in agenda.followups] == ["Wednesday Will"]
    saturday_evening = datetime(2030, 1, 12, 20, 30, tzinfo=PARIS)  # Sunday is skipped
    assert agenda_for(alice, saturday_evening).minutes_sentence.startswith(
        "Saturday's contact hours are over. Monday's plan: "
    )


def test_within_a_contact_days_hours_today_is_todays_as_before(
    client, alice, bob, boss, make_lead, stop_clock
):
    _settings()
    tuesday = stop_clock(datetime(2030, 1, 8, 10, 30, tzinfo=PARIS))
    _due(make_lead, alice, "Tuesday Tom", tuesday - timedelta(minutes=5))
    _due(make_lead, alice, "Wednesday Will", WEDNESDAY_9)
    _due(make_lead, bob, "Waiting Wendy", WEDNESDAY_9, action="wait")
    worked = make_lead(alice, created_at=tuesday - timedelta(days=3))
    actions.log_attempt(worked, "call", "talked", user=alice, minutes=30, at=TUESDAY_9)
    agenda = agenda_for(alice, tuesday)
    assert [r.lead.name for r in agenda.followups] == ["Tuesday Tom"]
    assert agenda.minutes_sentence.startswith("120 selling minutes today: 30 already logged + ")
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert '<h2>Follow-ups <span class="badge"' in html
    assert '<h2>Commitments due <span class="badge"' in html
    # the team's view counts everyone's minutes left (Alice logged 30) and says so (not "Your")
    boss = type(boss).objects.get(pk=boss.pk)
    client.force_login(boss)
    team = unescape(client.get("/?owner=all").content.decode())
    assert "240 selling minutes today: 30 already logged + " in team
    team_day = agenda_for(boss, tuesday)
    assert (team_day.whose, team_day.budget_minutes) == ("Everyone's", 210)
    # 204 minutes are left after Tom's call: below the line, only Wendy's later turn
    assert "run out" not in team
    assert "In the wings: leads whose turn comes on a later day." in team
