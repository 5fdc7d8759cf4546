"""replan_all: the whole book is planned in one call, so batch size never changes a plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.leads import actions, planning
from fairchase.leads.models import BusinessSettings, Lead

WEDNESDAY = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)
FIELDS = ("next_action", "next_channel", "next_due", "next_state", "plan_reason")


def _book(alice, bob, make_lead):
    now = WEDNESDAY  # a weekday inside contact hours: the follow-ups are due today
    # values rise with the pk: a batch of the cheaper leads alone would look like a quiet day
    # to itself
    for i in range(24):
        lead = make_lead(
            alice if i % 2 else bob, value=500 * (i + 1), created_at=now - timedelta(days=9)
        )
        actions.log_attempt(lead, "call", "no_answer", user=lead.owner, at=now - timedelta(days=8))
    return now


def _plans():
    return {pk: tuple(row) for pk, *row in Lead.objects.order_by("pk").values_list("pk", *FIELDS)}


def test_a_crowded_day_is_judged_on_the_whole_book_whatever_the_batch(alice, bob, make_lead):
    now = _book(alice, bob, make_lead)
    settings = BusinessSettings.current()
    settings.daily_minutes = 3  # per person: far fewer minutes than today's follow-ups need
    settings.save()
    assert planning.replan_all(now=now, batch=5) == 24
    small = _plans()
    assert planning.replan_all(now=now, batch=1000) == 24
    assert _plans() == small
    # those the day cannot hold wait in the wings for their turn (the crowd closes nobody)
    wings = [p for p in small.values() if p[0] == "wait" and "turn comes around" in p[4]]
    assert wings and not any(p[0] == "stop" for p in small.values())
    assert any(p[0] == "contact" for p in small.values())  # the best are still chased


def test_a_quiet_day_lets_nobody_go_for_the_crowd(alice, bob, make_lead):
    now = _book(alice, bob, make_lead)
    settings = BusinessSettings.current()
    settings.daily_minutes = 600
    settings.save()
    planning.replan_all(now=now, batch=5)
    assert not any(p[0] == "wait" or "Stop for now" in p[4] for p in _plans().values())


def test_a_leavers_minutes_are_not_counted_in_the_days_plan(alice, bob, make_lead):
    now = _book(alice, bob, make_lead)
    settings = BusinessSettings.current()
    settings.daily_minutes = 12  # per person: two people hold more of today's follow-ups than one
    settings.save()
    planning.replan_all(now=now)
    both = sum(
        1 for p in _plans().values() if p[0] == "contact" and p[2] <= now + timedelta(hours=12)
    )
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    planning.replan_all(now=now)
    one = sum(
        1 for p in _plans().values() if p[0] == "contact" and p[2] <= now + timedelta(hours=12)
    )
    assert 0 < one < both
