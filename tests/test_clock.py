"""One labelled zone per screen: the user's, with the lead's own time beside it where it
differs; money with its currency and thousands separators."""

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from fairchase import clock

CHICAGO = ZoneInfo("America/Chicago")
BOB = SimpleNamespace(timezone="America/New_York", first_name="Bob")
CAL = SimpleNamespace(timezone="America/Chicago", first_name="Cal")
NOW = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)  # Saturday 09:00 in Chicago, 10:00 in New York


def test_a_time_is_named_in_the_users_zone_with_the_leads_beside_it():
    at = datetime(2026, 12, 7, 17, 0, tzinfo=UTC)
    assert clock.for_lead(at, CHICAGO, BOB) == "Mon 7 Dec 11:00 CST (12:00 for Bob in New York)"
    assert clock.for_lead(at, CHICAGO, CAL) == "Mon 7 Dec 11:00 CST"  # same clock: said once
    assert (
        clock.for_lead(at, CHICAGO, SimpleNamespace(timezone="", first_name="Al"))
        == "Mon 7 Dec 11:00 CST"
    )
    late = datetime(2026, 12, 8, 5, 30, tzinfo=UTC)  # Mon 23:30 in Chicago is Tuesday in New York
    assert (
        clock.for_lead(late, CHICAGO, BOB) == "Mon 7 Dec 23:30 CST (Tue 00:30 for Bob in New York)"
    )
    summer = datetime(2026, 7, 6, 17, 0, tzinfo=UTC)
    assert clock.for_lead(summer, CHICAGO, BOB).endswith("12:00 CDT (13:00 for Bob in New York)")


def test_the_decision_cores_lead_local_times_are_rewritten_into_the_users_zone():
    # The core plans in the lead's own hours and writes their wall clock: Bob's "Mon 09:00"
    # is 08:00 in Chicago.
    reason = "Call Mon 09:00: referrals answer a 3rd try by call 28.9% of the time; on $40,000 that is worth $4,038."
    shown = clock.reason_in_zones(reason, BOB, CHICAGO, NOW)
    assert shown == (
        "Call Mon 7 Dec 08:00 CST (09:00 for Bob in New York): referrals answer a 3rd try by call "
        "28.9% of the time; on $40,000 that is worth $4,038."
    )
    assert (
        clock.reason_in_zones("Email today 14:00: x", CAL, CHICAGO, NOW)
        == "Email Sat 5 Dec 14:00 CST: x"
    )
    assert (
        clock.reason_in_zones("Call 12 Jan 10:00: x", CAL, CHICAGO, NOW)
        == "Call Tue 12 Jan 10:00 CST: x"
    )
    assert (
        clock.reason_in_zones("Call now: waiting 3 h ($16,550).", BOB, CHICAGO, NOW)
        == "Call now: waiting 3 h ($16,550)."
    )


def test_a_promise_written_with_its_weekday_is_named_once():
    # The core writes a promise's date with its weekday; the screen's own time replaced only
    # "8 Dec 10:00", after the core's "Tue ": "by Tue Tue 8 Dec 10:00 CST" (eval27 #12).
    reason = "Call Tue 10:00: you promised to be in touch by Tue 8 Dec 10:00; keep it."
    assert clock.reason_in_zones(reason, CAL, CHICAGO, NOW) == (
        "Call Tue 8 Dec 10:00 CST: you promised to be in touch by Tue 8 Dec 10:00 CST; keep it."
    )
    assert clock.reason_in_zones(reason, BOB, CHICAGO, NOW) == (
        "Call Tue 8 Dec 09:00 CST (10:00 for Bob in New York): you promised to be in touch by "
        "Tue 8 Dec 09:00 CST (10:00 for Bob in New York); keep it."
    )


def test_money_carries_its_currency_and_thousands_separators():
    assert [clock.money(v) for v in (1333.4, 0, 1_222_000, -5000, None)] == [
        "$1,333",
        "$0",
        "$1,222,000",
        "-$5,000",
        "—",
    ]


def test_a_missed_promise_days_ago_keeps_its_weekday_and_year():
    # eval37 #3 (seen on its repro): on Mon 14 Dec the plan's "by Fri 11 Dec 12:00 and have
    # not" read "by Sat 11 Dec 12:00 CST": a date over a day old was taken for next year's.
    monday = datetime(2026, 12, 14, 15, 0, tzinfo=UTC)
    reason = "Call now: they promised to be in touch by Fri 11 Dec 12:00 and have not; x."
    assert clock.reason_in_zones(reason, CAL, CHICAGO, monday) == (
        "Call now: they promised to be in touch by Fri 11 Dec 12:00 CST and have not; x."
    )
