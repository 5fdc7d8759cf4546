"""`next_contact_time` is asked for every row of Today and every message at send time: a zone's
table of offsets (a year of clock look-ups, 1.5 ms) is worked out once a day, not at every ask
(Today's 20 new enquiries spent 20 ms building the same table 20 times)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.policy import timing, window
from fairchase.policy.window import next_contact_time

NOW = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)  # Wednesday 10:30 in Chicago
ZONES = ("America/Chicago", "Europe/Paris", None)


def test_twenty_asks_in_a_day_build_each_zones_table_once(monkeypatch):
    built = []
    real = timing.Offsets.__init__

    def counted(self, zone, lo, hi):
        built.append(str(zone))
        real(self, zone, lo, hi)

    monkeypatch.setattr(timing.Offsets, "__init__", counted)
    window._contact_hours.cache_clear()
    for minute in range(20):
        for zone in ZONES:
            next_contact_time(NOW + timedelta(minutes=minute), (), zone, {})
    assert sorted(built) == ["America/Chicago", "Europe/Paris", "UTC"]


def test_a_kept_table_answers_as_a_fresh_one():
    settings = {"contact_hours": ("09:00", "17:00"), "business_timezone": "America/Chicago"}
    # through a day and a night, and across the spring-forward night in Chicago and Paris
    times = [NOW + timedelta(hours=h) for h in range(0, 48, 5)]
    times += [datetime(2025, 3, 9, 7, 0, tzinfo=UTC), datetime(2025, 3, 29, 23, 0, tzinfo=UTC)]
    for zone in ZONES:
        kept = [next_contact_time(t, (), zone, settings) for t in times]
        fresh = []
        for t in times:
            window._contact_hours.cache_clear()
            fresh.append(next_contact_time(t, (), zone, settings))
        assert kept == fresh
