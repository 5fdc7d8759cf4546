"""Minutes already logged today reach the plan: follow-ups due today wait for tomorrow once
the day's selling minutes are spent, while a fresh enquiry is still answered at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.leads import actions, planning
from fairchase.leads.models import BusinessSettings, Lead

NOW = datetime(2026, 12, 9, 16, 30, tzinfo=UTC)  # a Wednesday, 10:30 in Chicago


def _plans(leads, now=NOW):
    fresh = list(planning.with_history(Lead.objects.filter(pk__in=[x.pk for x in leads])))
    planning.replan(fresh, now=now)
    return {lead.name: lead for lead in fresh}


def _follow_up(alice, make_lead, name):
    lead = make_lead(alice, name=name, value=5000, created_at=NOW - timedelta(days=5))
    actions.log_attempt(lead, "call", "no_answer", user=alice, at=NOW - timedelta(days=3))
    return lead


def test_a_spent_day_puts_follow_ups_off_but_answers_a_fresh_enquiry(alice, make_lead):
    follow = _follow_up(alice, make_lead, "Due Today")
    new = make_lead(alice, name="Just Wrote", created_at=NOW - timedelta(minutes=10))
    before = _plans([follow, new])
    assert before["Due Today"].next_action == "contact", before["Due Today"].plan_reason
    worked = make_lead(alice, name="Worked On", created_at=NOW - timedelta(days=2))
    for hours in (3, 2):  # two long calls this morning: the day's 120 minutes are spent
        actions.log_attempt(
            worked, "call", "no_answer", user=alice, minutes=60, at=NOW - timedelta(hours=hours)
        )
    after = _plans([follow, new])
    assert after["Due Today"].next_action == "wait", after["Due Today"].plan_reason
    assert after["Due Today"].next_state in ("", None)  # waiting, not let go
    assert after["Just Wrote"].next_action == "contact", after["Just Wrote"].plan_reason


def test_yesterdays_minutes_are_not_todays(alice, make_lead):
    follow = _follow_up(alice, make_lead, "Due Today")
    worked = make_lead(alice, name="Worked On", created_at=NOW - timedelta(days=3))
    actions.log_attempt(
        worked, "call", "no_answer", user=alice, minutes=120, at=NOW - timedelta(days=1)
    )
    assert _plans([follow])["Due Today"].next_action == "contact"


def test_the_whole_books_replan_counts_the_minutes_logged_today(alice, make_lead):
    follow = _follow_up(alice, make_lead, "Due Today")
    planning.replan_all(now=NOW)
    follow.refresh_from_db()
    assert follow.next_action == "contact", follow.plan_reason
    worked = make_lead(alice, name="Worked On", created_at=NOW - timedelta(days=2))
    actions.log_attempt(
        worked, "call", "no_answer", user=alice, minutes=120, at=NOW - timedelta(hours=2)
    )
    planning.replan_all(now=NOW)
    follow.refresh_from_db()
    assert follow.next_action == "wait", follow.plan_reason


def test_on_a_saturday_evening_the_whole_book_shares_mondays_minutes_whole(alice, make_lead):
    """Saturday 21:00 in Chicago (hours 08:00-20:00, Sunday off): the plan is Monday's, as
    Today's page is. 30 calls due need 180 minutes, Monday has 120: the best fit Monday
    morning, the others wait for Tuesday; the 120 minutes Alice logged on the Saturday are
    Saturday's and take nothing off Monday."""
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk,
        defaults={"business_timezone": "America/Chicago", "daily_minutes": 120},
    )
    saturday = datetime(2026, 12, 13, 3, 0, tzinfo=UTC)  # Saturday 12 Dec 21:00 in Chicago
    monday = datetime(2026, 12, 14, 14, 0, tzinfo=UTC)  # Monday 08:00 in Chicago
    for i in range(30):  # a phone and no email: a call is the only way
        lead = make_lead(
            alice, email="", value=5000 + 100 * i, created_at=saturday - timedelta(days=12)
        )
        actions.log_attempt(lead, "call", "no_answer", user=alice, at=saturday - timedelta(days=10))
    worked = make_lead(alice, name="Worked On", created_at=saturday - timedelta(days=2))
    actions.log_attempt(
        worked, "call", "no_answer", user=alice, minutes=120, at=saturday - timedelta(hours=4)
    )
    planning.replan_all(now=saturday)
    due = Lead.objects.exclude(pk=worked.pk)
    plans = list(due.values_list("next_action", "next_due", "plan_reason"))
    contacts = [due for action, due, _ in plans if action == "contact"]
    wings = [reason for action, _, reason in plans if action == "wait"]
    assert set(contacts) == {monday} and 114 < 6 * len(contacts) <= 120, plans
    assert len(wings) == 30 - len(contacts)
    assert all(r.startswith("Wait: Monday's minutes go to leads worth more") for r in wings)
    assert all("comes around Tue 15 Dec." in reason for reason in wings), wings
