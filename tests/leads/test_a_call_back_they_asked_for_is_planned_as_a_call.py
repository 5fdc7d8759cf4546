"""What the app tells the core about the day: a call back a lead asked for (the reading of
"Yes please, call me tomorrow at 10" pins a promise whose `channel` is a call) is planned as a
call, not an email because email is cheaper; the words of a promise are never read for its
channel ("Call the office" with no channel set leaves the way to the plan); and a day's
selling minutes are never more than the contact hours hold (08:00-08:30: 30 minutes, not 120)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.leads import actions, planning
from fairchase.leads.models import BusinessSettings, Commitment, Lead
from fairchase.outreach.inbound import CALL_BACK_WHAT

SUNDAY_EVENING = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # Sunday 6 Dec 19:00 in Chicago
MONDAY_OPENS = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # Monday 7 Dec 08:00 in Chicago
MONDAY_TEN = MONDAY_OPENS + timedelta(hours=2)


def _chicago(**extra):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk,
        defaults={"business_timezone": "America/Chicago", **extra},
    )


def _replanned(lead):
    (fresh,) = planning.with_history(Lead.objects.filter(pk=lead.pk))
    planning.replan([fresh], now=SUNDAY_EVENING)
    return fresh


def _answered_by_email(alice, make_lead, **fields):
    lead = make_lead(alice, value=1170, created_at=SUNDAY_EVENING - timedelta(days=3), **fields)
    actions.log_attempt(lead, "email", "replied", user=alice, at=SUNDAY_EVENING - timedelta(days=2))
    return lead


def test_a_call_back_as_they_asked_is_a_call_at_the_time_they_named(alice, make_lead):
    _chicago()
    otto = _answered_by_email(alice, make_lead, name="Otto Khan")
    actions.add_commitment(
        otto,
        by=Commitment.By.US,
        what=CALL_BACK_WHAT,
        due_at=MONDAY_TEN,
        channel="call",
        user=alice,
    )
    planned = _replanned(otto)
    assert planned.next_action == "contact", planned.plan_reason
    assert (planned.next_channel, planned.next_due) == ("call", MONDAY_TEN), planned.plan_reason


def test_a_promise_to_call_in_any_words_is_a_call(alice, make_lead):
    _chicago()
    lead = _answered_by_email(alice, make_lead)
    actions.add_commitment(
        lead, by="us", what="Ring her back", due_at=MONDAY_TEN, channel="call", user=alice
    )
    assert _replanned(lead).next_channel == "call"


def test_a_promise_that_names_no_channel_leaves_it_to_the_plan(alice, make_lead):
    _chicago()
    lead = _answered_by_email(alice, make_lead)
    actions.add_commitment(
        lead, by=Commitment.By.US, what="Send the quote", due_at=MONDAY_TEN, user=alice
    )
    assert _replanned(lead).next_channel == "email"  # they answered by email


def test_the_words_of_a_promise_are_not_read_for_its_channel(alice, make_lead):
    """The channel is the promise's own field: "Call the office to book" with none set is
    left to the plan (the first word was read until the field existed)."""
    _chicago()
    lead = _answered_by_email(alice, make_lead)
    c = actions.add_commitment(
        lead, by="us", what="Call the office to book", due_at=MONDAY_TEN, user=alice
    )
    assert c.channel == ""
    assert _replanned(lead).next_channel == "email"


def test_an_unknown_channel_is_refused(alice, make_lead):
    lead = make_lead(alice)
    try:
        actions.add_commitment(lead, by="us", what="x", due_at=MONDAY_TEN, channel="fax")
    except actions.ActionError as exc:
        assert "fax" in str(exc) and "call" in str(exc)
    else:
        raise AssertionError("a fax promise was pinned")
    assert not lead.commitments.exists()


def test_the_days_minutes_are_no_more_than_the_contact_hours_hold(alice, make_lead):
    """Hours 08:00-08:30 and 120 minutes a day: Monday holds 30 minutes, five 6-minute calls;
    the other 25 due calls wait for a later day."""
    _chicago(daily_minutes=120, contact_start="08:00", contact_end="08:30")
    assert planning.day_minutes([alice.pk], SUNDAY_EVENING).daily == 30
    for i in range(30):  # a phone and no email: a call is the only way
        lead = make_lead(
            alice, email="", value=5000 + 100 * i, created_at=SUNDAY_EVENING - timedelta(days=12)
        )
        actions.log_attempt(
            lead, "call", "no_answer", user=alice, at=SUNDAY_EVENING - timedelta(days=10)
        )
    planning.replan_all(now=SUNDAY_EVENING)
    plans = list(Lead.objects.values_list("next_action", "next_due"))
    assert sorted(due for action, due in plans if action == "contact") == [MONDAY_OPENS] * 5
    assert sum(action == "wait" for action, _ in plans) == 25
