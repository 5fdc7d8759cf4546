"""When: respond ASAP, honour agreed times, a grace day, spacing, pauses, zones, the weekly cap."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fairchase.policy import Settings, plan
from fairchase.policy.window import next_contact_time

NOW = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)  # Wednesday 10:30 in Chicago
CHICAGO = ZoneInfo("America/Chicago")


def lead(**extra):
    out = {
        "id": "ann",
        "source": "referral",
        "value": 5000.0,
        "created_at": NOW - timedelta(hours=2),
        "timezone": "America/Chicago",
        "signals": [],
        "consents": [],
        "attempts": [],
        "status": "open",
    }
    out.update(extra)
    return out


def call(at, outcome="left_message"):
    return {"at": at, "channel": "call", "outcome": outcome, "minutes": 4}


def decide(record, now=NOW, settings=None):
    return plan(None, [record], now, settings)[0]


def test_a_new_enquiry_is_due_now_inside_hours():
    d = decide(lead())
    assert d["action"] == "contact" and d["due"] == NOW


def test_a_new_enquiry_at_night_is_due_at_eight_the_next_morning_in_its_zone():
    night = datetime(2024, 6, 13, 4, 0, tzinfo=UTC)  # 23:00 in Chicago
    d = decide(lead(created_at=night), now=night)
    assert d["due"].astimezone(CHICAGO) == datetime(2024, 6, 13, 8, 0, tzinfo=CHICAGO)


def test_saturday_night_rolls_over_sunday_to_monday():
    sat = datetime(2024, 6, 16, 2, 0, tzinfo=UTC)  # Saturday 21:00 Chicago
    d = decide(lead(created_at=sat), now=sat)
    assert d["due"].astimezone(CHICAGO) == datetime(2024, 6, 17, 8, 0, tzinfo=CHICAGO)


def test_an_agreed_callback_time_is_honoured_exactly():
    friday = datetime(2024, 6, 14, 14, 15, tzinfo=CHICAGO)
    d = decide(
        lead(
            attempts=[call(NOW - timedelta(hours=1), "talked")],
            status="engaged",
            commitment={"due": friday.isoformat(), "by": "us", "what": "quote"},
        )
    )
    assert d["action"] == "contact" and d["due"] == friday


def test_an_agreed_time_outside_hours_moves_to_the_next_allowed_moment():
    late = datetime(2024, 6, 14, 21, 0, tzinfo=CHICAGO)
    d = decide(lead(commitment={"due": late, "by": "us"}))
    assert d["due"].astimezone(CHICAGO) == datetime(2024, 6, 15, 8, 0, tzinfo=CHICAGO)


def test_a_lead_that_missed_its_promise_gets_a_grace_day():
    promised = datetime(2024, 6, 11, 12, 0, tzinfo=CHICAGO)
    d = decide(
        lead(
            attempts=[call(NOW - timedelta(days=3), "talked")],
            status="engaged",
            commitment={"due": promised, "by": "lead", "what": "send plans"},
        )
    )
    assert d["action"] == "contact"
    assert d["due"] == promised + timedelta(days=1)


def test_spacing_after_one_unanswered_try_is_about_two_days():
    first = NOW - timedelta(hours=3)
    d = decide(lead(attempts=[call(first)]))
    assert d["action"] == "contact"
    assert timedelta(days=2) <= d["due"] - first < timedelta(days=3)


def test_the_weekly_cap_pushes_the_next_try_later():
    tries = [call(NOW - timedelta(days=d)) for d in (6, 4, 2.5)]
    d = decide(
        lead(attempts=tries, signals=["asked_price"], value=50000.0),
        settings={"max_attempts_per_week": 3},
    )
    assert d["action"] == "contact"
    assert d["due"] - tries[0]["at"] >= timedelta(days=7)


def test_the_plan_and_the_outbox_hold_a_lead_to_the_same_weekly_cap():
    first = NOW - timedelta(hours=1)  # Wednesday 09:30 in Chicago
    settings = {"max_attempts_per_week": 1}
    d = decide(lead(attempts=[call(first)]), settings=settings)
    at, why = next_contact_time(NOW, [first], "America/Chicago", settings)
    assert d["action"] == "contact"
    assert d["due"] == at == first + timedelta(days=7, minutes=1)
    assert why == "cap"


def test_an_out_of_office_lead_waits():
    d = decide(lead(paused_until=NOW + timedelta(days=5)))
    assert d["action"] == "wait" and d["due"] is None and "out of office" in d["reason"]


def test_a_parked_lead_waits_until_its_revisit_date():
    d = decide(lead(revisit_at=NOW + timedelta(days=30)))
    assert d["action"] == "wait" and "revisit" in d["reason"]


def test_an_unknown_zone_falls_back_to_the_business_zone():
    night_utc = datetime(2024, 6, 12, 23, 0, tzinfo=UTC)  # 08:00 in Tokyo next day
    d = decide(
        lead(timezone="Mars/Olympus_Mons", created_at=night_utc),
        now=night_utc,
        settings={"business_timezone": "Asia/Tokyo"},
    )
    assert d["due"] == night_utc


def test_contact_hours_accept_a_pair_of_times():
    conf = Settings.from_any({"contact_hours": ("09:30", "17:00")})
    assert conf.contact_hours == (570, 1020)
    assert Settings.from_any({"contact_hours": "nonsense"}).contact_hours == (480, 1200)


def test_a_text_needs_sms_consent_and_a_bounced_channel_is_not_used():
    d = decide(
        lead(
            attempts=[
                {
                    "at": NOW - timedelta(days=3),
                    "channel": "email",
                    "outcome": "bounced",
                    "minutes": 1,
                }
            ],
            channels=["email"],
        )
    )
    assert d["action"] == "stop" and d["next_state"] == "closed"
    tries = [call(NOW - timedelta(days=d)) for d in (20, 12)]
    d = decide(lead(attempts=tries, consents=["sms"]))
    assert d["channel"] in ("call", "email", "text")


def test_closed_leads_get_stop_closed():
    for status in ("won", "lost", "opted_out"):
        d = decide(lead(status=status))
        assert (d["action"], d["next_state"]) == ("stop", "closed")


def test_nurture_needs_mailing_list_consent_and_revisit_a_date():
    tries = [call(NOW - timedelta(days=d)) for d in (60, 50, 40, 30, 20, 10)]
    with_consent = decide(
        lead(source="web_form", value=300.0, attempts=tries, consents=["mailing_list"])
    )
    without = decide(lead(source="web_form", value=300.0, attempts=tries))
    assert (with_consent["action"], with_consent["next_state"]) == ("stop", "nurture")
    assert (without["action"], without["next_state"]) == ("stop", "closed")
    big = decide(lead(source="web_form", value=40000.0, attempts=tries * 3))
    assert big["next_state"] == "revisit" and big["revisit_at"] > NOW + timedelta(days=80)


def test_a_contact_back_from_a_pause_is_told_as_such_never_as_a_3rd_try():
    tries = [call(NOW - timedelta(days=d), "no_answer") for d in (190, 185)]
    back = lead(source="web_form", created_at=NOW - timedelta(days=200), revisit_at=NOW)
    for value in (300.0, 20000.0):  # a stop and a contact
        reason = decide({**back, "attempts": tries, "value": value})["reason"]
        assert re.search(r"a 1st try by \w+ after a pause", reason), reason
        assert "3rd try" not in reason and "days after" not in reason, reason


def test_an_old_enquiry_never_tried_is_told_as_a_first_try_at_its_age_not_after_a_pause():
    back = lead(source="web_form", created_at=NOW - timedelta(days=40), revisit_at=NOW)
    for value in (300.0, 20000.0):  # a stop and a contact
        reason = decide({**back, "value": value})["reason"]
        assert re.search(r"a first try by \w+, 40 days after the lead came in, [\d.]+%", reason)
        assert "pause" not in reason and "1st" not in reason, reason
    since = {**back, "revisit_at": NOW - timedelta(days=5), "value": 20000.0}
    once = decide({**since, "attempts": [call(NOW - timedelta(days=3))]})
    assert "a 2nd try by " in once["reason"] and "40 days after" in once["reason"], once
    today = lead(source="cold_outreach", created_at=NOW - timedelta(hours=3), revisit_at=NOW)
    reason = decide({**today, "value": 20000.0})["reason"]
    assert re.search(r"a first try by \w+ [\d.]+% of the time", reason), reason


def test_money_in_a_reason_has_thousands_separators_and_no_stray_cents():
    tries = [call(NOW - timedelta(days=d), "no_answer") for d in (9, 6, 3)]
    reason = decide(lead(value=250000.0, attempts=tries))["reason"]
    amounts = re.findall(r"\$[\d,.]+", reason)
    assert amounts and all(re.fullmatch(r"\$\d{1,3}(,\d{3})*(\.\d\d)?", a) for a in amounts)
    assert not any(re.fullmatch(r"\$\d{4,}.*", a) for a in amounts), reason


def test_a_reason_gives_this_leads_chance_as_its_own_not_as_the_sources_average():
    reason = decide(lead(signals=["asked_price", "stated_need"]))["reason"]
    assert "a referral like this answers a first call" in reason, reason
    assert "referrals answer" not in reason
