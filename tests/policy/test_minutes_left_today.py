"""Minutes already spent today: `minutes_left_today` is today's budget, `daily_minutes` stays
every later day's pace, so a spent day puts today's contacts off to tomorrow, never lets them go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fairchase.policy import plan
from fairchase.policy.timing import ContactHours

from .test_crowded_day import NOW, _in_conversation, backlog

SETTINGS = {"daily_minutes": 120, "business_timezone": "America/Chicago"}
MINUTES = {"call": 6, "email": 3, "text": 2, "visit": 45}  # the contract's defaults


def decide(**extra):
    return {d["id"]: d for d in plan(None, backlog(40), NOW, {**SETTINGS, **extra})}


def contacts_today(decisions):
    return {
        i
        for i, d in decisions.items()
        if d["action"] == "contact" and d["due"] < NOW + timedelta(days=1)
    }


def test_without_the_figure_the_whole_day_is_left():
    assert decide() == decide(minutes_left_today=None)
    assert decide() == decide(minutes_left_today=120)


def test_a_spent_day_puts_todays_contacts_off_to_tomorrow_and_lets_nobody_go():
    whole, spent = decide(), decide(minutes_left_today=0)
    assert contacts_today(whole), "40 due leads and 120 minutes: some contact today"
    assert not contacts_today(spent)
    for i in contacts_today(whole):
        assert spent[i]["action"] == "wait", spent[i]["reason"]
        assert spent[i]["next_state"] is None
        # the reason says the day is spent, not that its minutes went to better leads
        assert spent[i]["reason"].startswith("Wait: today's minutes are spent;"), spent[i]["reason"]


def test_a_part_spent_day_keeps_the_best_of_todays_contacts():
    whole, part = decide(), decide(minutes_left_today=30)
    kept = contacts_today(part)
    assert kept and len(kept) < len(contacts_today(whole))
    left_out = contacts_today(whole) - kept
    assert all("go to leads worth more per minute" in part[i]["reason"] for i in left_out)
    assert sum(MINUTES[part[i]["channel"]] for i in kept) <= 30


def test_the_pace_of_later_days_is_the_daily_minutes():
    """Leads put off by a spent day come back tomorrow, not weeks later (the pace is 120 a day)."""
    spent = decide(minutes_left_today=0)
    waiting = [d for d in spent.values() if d["action"] == "wait" and "Stop" not in d["reason"]]
    assert waiting
    whole = decide()
    for d in waiting:
        if whole[d["id"]]["action"] == "contact":
            # NOW is Wednesday 12 June; 40 leads need at most two days at 120 minutes a day
            assert "Thu 13 Jun." in d["reason"] or "Fri 14 Jun." in d["reason"], d["reason"]


def _fresh(i):
    """A web-form enquiry in ten minutes ago, never tried."""
    return {
        "id": f"new{i}",
        "source": "web_form",
        "value": 2000.0,
        "created_at": NOW - timedelta(minutes=10),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "attempts": [],
        "status": "open",
    }


def test_a_fresh_enquiry_is_answered_at_once_however_much_of_the_day_was_spent():
    leads = [*backlog(40), _fresh("")]
    spent = {d["id"]: d for d in plan(None, leads, NOW, {**SETTINGS, "minutes_left_today": 0})}
    assert spent["new"]["action"] == "contact" and spent["new"]["due"] < NOW + timedelta(hours=1)
    assert not contacts_today({i: d for i, d in spent.items() if i != "new"})


def test_fresh_enquiries_take_at_most_a_whole_day_beside_the_conversations():
    """The fresh enquiries are answered as if the day were theirs alone: whatever today's
    conversations (120 minutes of calls due) and the minutes logged took, they share up to a
    whole day's minutes (60) among themselves, and no more: 20 fresh emails need 60."""
    talks = [_in_conversation(i) for i in range(20)]  # 20 calls due today: 120 minutes
    leads = [*talks, *(_fresh(i) for i in range(40))]

    def minutes_today(decisions):
        today = contacts_today({d["id"]: d for d in decisions})
        return sum(MINUTES[d["channel"]] for d in decisions if d["id"] in today)

    settings = {**SETTINGS, "daily_minutes": 60}
    for left in (60, 30, 0):
        decided = plan(None, leads, NOW, {**settings, "minutes_left_today": left})
        assert 120 + 60 - 3 < minutes_today(decided) <= 120 + 60, left


def test_on_a_sunday_the_wings_wait_for_mondays_minutes_and_a_weekday_for_todays():
    """Sunday is no contact day: the contacts due before this time tomorrow are Monday
    morning's, and the reason names Monday's minutes, not today's."""
    sunday = datetime(2024, 6, 16, 15, 30, tzinfo=UTC)  # Sunday 10:30 in Chicago
    leads = [{**lead, "created_at": sunday - timedelta(days=12)} for lead in backlog(40)]
    for when, day in ((sunday, "Monday"), (NOW, "today")):
        settings = {**SETTINGS, "daily_minutes": 30}
        wings = [d["reason"] for d in plan(None, leads, when, settings) if d["action"] == "wait"]
        assert wings, "40 due leads and 30 minutes leave some out"
        wait = f"Wait: {day}'s minutes go to leads worth more per minute; at this pace its turn"
        assert all(reason.startswith(wait) for reason in wings), wings[0]


def test_on_a_sunday_the_wings_turns_count_from_monday_the_day_planned():
    """Left out of Monday's minutes, a lead's turn comes after Monday, never on it; a
    Wednesday's left out come on Thursday at the earliest, as before."""
    sunday = datetime(2024, 6, 16, 15, 30, tzinfo=UTC)  # Sunday 10:30 in Chicago
    leads = [{**lead, "created_at": sunday - timedelta(days=12)} for lead in backlog(40)]
    for when, first in ((sunday, "Tue 18 Jun"), (NOW, "Thu 13 Jun")):
        settings = {**SETTINGS, "daily_minutes": 30}
        wings = [d["reason"] for d in plan(None, leads, when, settings) if d["action"] == "wait"]
        turns = {reason.split("comes around ")[1].split(".")[0] for reason in wings}
        assert first in turns and min(turns, key=lambda day: int(day.split()[1])) == first, turns


def test_once_the_contact_hours_are_over_the_wings_wait_for_the_next_contact_days_minutes():
    """At 21:00 (hours 08:00-20:00 in Chicago) the minutes shared are the next contact day's,
    as Today's plan is (planning.contact_day): Tuesday evening's wings wait for Wednesday's and
    come Thursday at the earliest (Sunday evening's for Monday's, and come Tuesday, not
    Wednesday); before the evening (Tuesday 10:30) they are still today's, and come Wednesday."""
    evening = datetime(2024, 6, 12, 2, 0, tzinfo=UTC)  # Tuesday 11 Jun 21:00 in Chicago
    sunday = datetime(2024, 6, 17, 2, 0, tzinfo=UTC)  # Sunday 16 Jun 21:00 in Chicago
    morning = datetime(2024, 6, 11, 15, 30, tzinfo=UTC)  # Tuesday 11 Jun 10:30 in Chicago
    cases = ((evening, "Wednesday", "Thu 13 Jun"), (sunday, "Monday", "Tue 18 Jun"))
    for when, day, first in (*cases, (morning, "today", "Wed 12 Jun")):
        leads = [{**lead, "created_at": when - timedelta(days=12)} for lead in backlog(40)]
        settings = {**SETTINGS, "daily_minutes": 30}
        wings = [d["reason"] for d in plan(None, leads, when, settings) if d["action"] == "wait"]
        assert wings, "40 due leads and 30 minutes leave some out"
        wait = f"Wait: {day}'s minutes go to leads worth more per minute; at this pace its turn"
        assert all(reason.startswith(wait) for reason in wings), (day, wings[0])
        turns = {reason.split("comes around ")[1].split(".")[0] for reason in wings}
        assert first in turns and min(turns, key=lambda d: int(d.split()[1])) == first, turns


def test_the_day_planned_is_the_next_contact_days_once_the_hours_are_over():
    """planning.contact_day's rule on the business's clock: a contact day until its hours end
    (its early morning too), then the next contact day, from when its hours open; Saturday
    evening's is Monday's (Sunday is no contact day)."""
    hours = ContactHours((8 * 60, 20 * 60), range(6), "America/Chicago")
    chicago = ZoneInfo("America/Chicago")
    for local, day, opens in (
        (datetime(2024, 6, 11, 10, 30), 1, None),  # Tuesday morning: today's
        (datetime(2024, 6, 11, 6, 0), 1, None),  # before the hours: still today's
        (datetime(2024, 6, 11, 21, 0), 2, datetime(2024, 6, 12, 8, 0)),  # Wednesday's
        (datetime(2024, 6, 15, 21, 0), 0, datetime(2024, 6, 17, 8, 0)),  # Saturday: Monday's
        (datetime(2024, 6, 16, 10, 30), 0, datetime(2024, 6, 17, 8, 0)),  # Sunday: Monday's
    ):
        now = local.replace(tzinfo=chicago).timestamp()
        wait = (opens.replace(tzinfo=chicago).timestamp() - now) if opens else 0.0
        assert hours.day_planned(now) == (day, wait), local
    all_day = ContactHours((8 * 60, 24 * 60 - 1), range(6), "America/Chicago")
    late = datetime(2024, 6, 11, 23, 30, tzinfo=chicago).timestamp()
    assert all_day.day_planned(late) == (1, 0.0)  # hours to 23:59 never close the day early
