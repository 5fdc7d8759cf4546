"""A sim day is the business's local day: 08:00 to 08:00 on its clock, across clock changes.

The worlds' business zone is New York, whose clocks spring forward on Sunday 9 March 2025,
the run's seventh day. A day counted in 24-hour steps from Monday 3 March 08:00 EST began at
09:00 EDT from then on, and the Sunday's day took in Monday's contacts due 08:00-09:00.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fairchase.sim.runner import simulate
from fairchase.sim.worlds import SIM_START, get_world

NEW_YORK = ZoneInfo("America/New_York")
FIRST_DAY = date(*SIM_START[:3])  # Monday 3 March 2025


def _morning(day: int) -> datetime:
    """08:00 New York time on the run's day `day` (0 = Monday 3 March 2025), as UTC."""
    d = FIRST_DAY + timedelta(days=day)
    return datetime(d.year, d.month, d.day, 8, tzinfo=NEW_YORK).astimezone(UTC)


def _world():
    world = get_world(1, quick=True)
    assert world.setting("business_timezone") == "America/New_York"
    return world


class MondayMornings:
    """Puts every open lead's contact at the next Monday 08:00 New York time; notes each `now`."""

    name = "monday_mornings"

    def __init__(self):
        self.nows: list[datetime] = []

    def plan(self, leads: list[dict], now: datetime) -> list[dict]:
        self.nows.append(now)
        local = now.astimezone(NEW_YORK)
        monday = local.date() + timedelta(days=-local.weekday() % 7)
        due = datetime(monday.year, monday.month, monday.day, 8, tzinfo=NEW_YORK)
        if due < now:
            due += timedelta(days=7)
        return [
            {"id": lead["id"], "action": "contact", "channel": "email", "due": due, "priority": 1.0}
            for lead in leads
            if lead["status"] == "open"
        ]


def test_every_day_is_planned_at_08_00_business_time_before_and_after_the_clocks_change():
    world, policy = _world(), MondayMornings()
    simulate(world, world.draw_leads(world.days, 0), policy)
    assert len(policy.nows) == world.horizon > 14
    assert policy.nows == [_morning(d) for d in range(world.horizon)]
    assert policy.nows[6] - policy.nows[5] == timedelta(hours=23)  # Saturday: clocks change at 2


def test_contacts_due_monday_08_00_are_never_made_with_sundays_minutes():
    world, policy = _world(), MondayMornings()
    metrics = simulate(world, world.draw_leads(world.days, 0), policy)
    sundays = [d for d in range(world.horizon) if (FIRST_DAY + timedelta(days=d)).weekday() == 6]
    mondays = [d + 1 for d in sundays if d + 1 < world.horizon]
    assert len(sundays) >= 3
    assert [metrics.daily[d] for d in sundays] == [0.0] * len(sundays)
    assert all(metrics.daily[d] > 0 for d in mondays)


@pytest.mark.parametrize(
    "first_day", [0, -180]
)  # the run (spring forward), the history (fall back)
def test_leads_arrive_in_the_24_hours_before_their_days_morning(first_day):
    world = _world()
    pool = world.draw_leads(90, 0, first_day=first_day)
    for i in range(pool.n):
        morning = _morning(first_day + int(pool.arrival_day[i]))
        assert morning - timedelta(days=1) <= pool.created[i] < morning


def test_a_moment_belongs_to_the_day_whose_morning_last_began():
    world = _world()
    for d in (-180, -1, 0, 5, 6, 7, 30, 69):
        assert world.day_start(d) == _morning(d)
        assert world.day_of(_morning(d)) == d
        assert world.day_of(_morning(d + 1) - timedelta(seconds=1)) == d
    assert world.start() == world.day_start(0)
