"""After the contact hours (or on a day that is not a contact day) the plan shares the next
contact day's minutes, as Today shows that day's plan (planning.contact_day): its contacts
fit in its daily minutes and the rest wait in the wings for a later day. Before, a plan made
on Saturday evening put every contact due on Monday morning, whatever the minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import plan

SETTINGS = {"daily_minutes": 120, "business_timezone": "America/Chicago"}  # Mon-Sat, 08-20
SATURDAY_EVENING = datetime(2024, 6, 16, 2, 0, tzinfo=UTC)  # Saturday 15 Jun 21:00 in Chicago
SUNDAY_MORNING = datetime(2024, 6, 16, 15, 30, tzinfo=UTC)  # Sunday 16 Jun 10:30 in Chicago
MONDAY_OPENS = datetime(2024, 6, 17, 13, 0, tzinfo=UTC)  # Monday 17 Jun 08:00 in Chicago
TUESDAY_EVENING = datetime(2024, 6, 12, 2, 0, tzinfo=UTC)  # Tuesday 11 Jun 21:00 in Chicago
WEDNESDAY_OPENS = datetime(2024, 6, 12, 13, 0, tzinfo=UTC)  # Wednesday 12 Jun 08:00
WEDNESDAY_MORNING = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)  # Wednesday 12 Jun 10:30
CALL = 6  # minutes: the leads can only be called


def silent_leads(now, n=30):
    """`n` leads called once ten days before `now` without an answer, due again at once."""
    return [
        {
            "id": f"L{i:02d}",
            "source": "referral",
            "value": 5000.0 + 100 * i,
            "created_at": now - timedelta(days=12),
            "timezone": "America/Chicago",
            "signals": [],
            "consents": [],
            "channels": ["call"],
            "attempts": [
                {"at": now - timedelta(days=10), "channel": "call", "outcome": "no_answer"}
            ],
            "status": "open",
        }
        for i in range(n)
    ]


def share(now, opens, day, **extra):
    """The plan at `now` for 30 due leads: the contacts of the day planned (from `opens`, a
    day long) fit in its 120 minutes, and the others wait for a later day, named as `day`'s
    minutes in their reason."""
    decisions = plan(None, silent_leads(now), now, {**SETTINGS, **extra})
    contacts = [d for d in decisions if d["action"] == "contact"]
    wings = [d for d in decisions if d["action"] == "wait"]
    assert len(contacts) + len(wings) == 30, [d["reason"] for d in decisions]
    assert all(d["due"] < opens + timedelta(days=1) for d in contacts)
    assert 120 - CALL < CALL * len(contacts) <= 120  # the day is filled, not overfilled
    assert wings, "30 calls of 6 minutes need 180 minutes: 120 leave some out"
    for d in wings:
        assert d["reason"].startswith(f"Wait: {day}'s minutes go to leads worth more per minute")
    return contacts, wings


def turns(wings):
    """The days the wings' turns come, as the reasons write them ("Tue 18 Jun")."""
    return {d["reason"].split("comes around ")[1].split(".")[0] for d in wings}


def test_on_saturday_evening_mondays_minutes_are_shared_and_the_rest_wait_for_tuesday():
    contacts, wings = share(SATURDAY_EVENING, MONDAY_OPENS, "Monday")
    assert {d["due"] for d in contacts} == {MONDAY_OPENS}
    assert turns(wings) == {"Tue 18 Jun"}  # 60 minutes left over: one later day holds them


def test_minutes_logged_on_a_sunday_take_nothing_off_monday():
    """Sunday's calls are Sunday's: Monday's 120 minutes are shared whole all the same."""
    for left in (0, 30, 500):
        contacts, wings = share(SUNDAY_MORNING, MONDAY_OPENS, "Monday", minutes_left_today=left)
        assert {d["due"] for d in contacts} == {MONDAY_OPENS}
        assert turns(wings) == {"Tue 18 Jun"}


def test_after_the_hours_on_a_weekday_the_next_days_minutes_are_shared_whole():
    """Tuesday's minutes are all logged by 21:00: Wednesday still has its 120."""
    for left in (None, 0, 30):
        extra = {} if left is None else {"minutes_left_today": left}
        contacts, wings = share(TUESDAY_EVENING, WEDNESDAY_OPENS, "Wednesday", **extra)
        assert {d["due"] for d in contacts} == {WEDNESDAY_OPENS}
        assert turns(wings) == {"Thu 13 Jun"}


def test_during_the_hours_todays_minutes_left_are_shared_as_before():
    """Wednesday 10:30: the minutes left today (30) are shared among the contacts due before
    this time tomorrow; the others' turns come Thursday on."""
    now = WEDNESDAY_MORNING
    decisions = plan(None, silent_leads(now), now, {**SETTINGS, "minutes_left_today": 30})
    contacts = [d for d in decisions if d["action"] == "contact"]
    wings = [d for d in decisions if d["action"] == "wait"]
    assert {d["due"] for d in contacts} == {now} and len(contacts) == 30 // CALL
    assert all(d["reason"].startswith("Wait: today's minutes go to") for d in wings)
    assert turns(wings) == {"Thu 13 Jun", "Fri 14 Jun"}  # 150 minutes at 120 a day
    share(now, now, "today")  # without the figure: the whole 120 today


def test_over_the_weekend_the_clocks_change_monday_is_still_shared_from_its_opening():
    """Chicago springs forward on Sunday 10 March 2024: Saturday 21:00 is CST, Monday 08:00 CDT
    (the business's clock decides the day and when it opens)."""
    saturday = datetime(2024, 3, 10, 3, 0, tzinfo=UTC)  # Saturday 9 Mar 21:00 CST
    monday = datetime(2024, 3, 11, 13, 0, tzinfo=UTC)  # Monday 11 Mar 08:00 CDT
    contacts, wings = share(saturday, monday, "Monday")
    assert {d["due"] for d in contacts} == {monday}
    assert turns(wings) == {"Tue 12 Mar"}
