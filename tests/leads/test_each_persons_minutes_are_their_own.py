"""A day's selling minutes are each person's own (evaluation 22, finding 7): two salespeople
who leave their crowded lists unworked take nothing from the third's minutes. Her few
follow-ups are planned for today, not left waiting "for leads worth more per minute" while
her own minutes go unused; a crowded person's own leads still wait for their turn, and an
uncrowded person's lead replanned alone is planned as in the whole book. (A crowded person's
lead replanned alone is not: `planning.replan_lead` plans it without its crowd, a known limit
said there and in the README, until the book is replanned together.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fairchase.leads import actions, planning
from fairchase.leads.models import BusinessSettings, Lead

NOW = datetime(2026, 12, 9, 15, 0, tzinfo=UTC)  # a Wednesday inside the contact hours (UTC)
END_OF_DAY = datetime(2026, 12, 9, 23, 59, tzinfo=UTC)
FIELDS = ("next_action", "next_channel", "next_due", "plan_reason")


@pytest.fixture(autouse=True)
def _a_wednesday_afternoon(stop_clock):
    stop_clock(NOW)  # the actions replan at the app's clock


def _follow_up(owner, make_lead, value):
    """A lead tried once a week ago, no answer: its next try is due today. A phone and no
    email, so a call (6 minutes) is the only way."""
    lead = make_lead(owner, email="", value=value, created_at=NOW - timedelta(days=9))
    actions.log_attempt(lead, "call", "no_answer", user=owner, at=NOW - timedelta(days=8))
    return lead


def _team(alice, bob, boss, make_lead):
    """30 minutes a person; Alice's and Bob's books each need 72 minutes of calls today, worth
    more a minute than any of Olivia's (the boss), whose three need 18."""
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"daily_minutes": 30}
    )
    for owner in (alice, bob):
        for i in range(12):
            _follow_up(owner, make_lead, 9000 + 100 * i)
    return [_follow_up(boss, make_lead, value) for value in (300, 400, 500)]


def _plans(owner):
    leads = Lead.objects.filter(owner=owner).order_by("pk")
    return {pk: tuple(row) for pk, *row in leads.values_list("pk", *FIELDS)}


def test_a_crowded_teammate_takes_none_of_her_minutes(alice, bob, boss, make_lead):
    _team(alice, bob, boss, make_lead)
    planning.replan_all(now=NOW)
    hers = _plans(boss)
    assert all(p[0] == "contact" and p[2] <= END_OF_DAY for p in hers.values()), hers
    # a crowded owner's own leads still wait their turn: their owner's minutes hold five calls
    for owner in (alice, bob):
        plans = _plans(owner).values()
        today = [p for p in plans if p[0] == "contact" and p[2] <= END_OF_DAY]
        wings = [p for p in plans if p[0] == "wait"]
        assert 0 < 6 * len(today) <= 30, plans
        assert len(wings) == 12 - len(today), plans
        assert all("turn comes around" in p[3] for p in wings), wings


def test_an_uncrowded_owners_lead_replanned_alone_agrees_with_the_whole_book(
    alice, bob, boss, make_lead
):
    hers = _team(alice, bob, boss, make_lead)
    planning.replan_all(now=NOW)
    book = {**_plans(alice), **_plans(bob), **_plans(boss)}
    for lead in hers:  # one of her (uncrowded) leads replanned alone is as in the whole book
        planning.replan_lead(lead, now=NOW)
        assert _plans(boss)[lead.pk] == book[lead.pk]
    # the book replanned as a few leads (`replan`) is planned as `replan_all` plans it
    everyone = list(planning.with_history(Lead.objects.order_by("pk")))
    planning.replan(everyone, now=NOW)
    assert {**_plans(alice), **_plans(bob), **_plans(boss)} == book


def test_a_leavers_leads_have_no_minutes_in_either_replan(alice, bob, boss, make_lead):
    """Someone who left has no minutes (their Today plans none): their follow-ups wait until
    they are handed on, whether the whole book or one lead is replanned, and a teammate's
    minutes go to a teammate's leads."""
    _team(alice, bob, boss, make_lead)
    talking = _follow_up(bob, make_lead, 9000)  # a conversation is never put off for minutes
    actions.log_attempt(talking, "call", "talked", user=bob, at=NOW - timedelta(days=2))
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    planning.replan_all(now=NOW)
    assert _plans(bob)[talking.pk][0] == "contact", _plans(bob)[talking.pk]
    silent = {pk: p for pk, p in _plans(bob).items() if pk != talking.pk}
    assert all(p[0] == "wait" for p in silent.values())
    # why: their owner left (not "no minutes are set" in Settings), and what to do
    assert all(
        p[3].startswith("Wait: its owner no longer works here, so no one's minutes are planned")
        and "reassign it" in p[3]
        and "Its next tries are worth $" in p[3]
        for p in silent.values()
    ), silent
    lead = Lead.objects.filter(owner=bob).order_by("pk").first()
    planning.replan_lead(lead, now=NOW)
    assert _plans(bob)[lead.pk][0] == "wait"
    assert all(p[0] == "contact" for p in _plans(boss).values())
    actions.reassign(lead, boss, user=boss)  # handed on: planned on its new owner's minutes
    assert Lead.objects.get(pk=lead.pk).next_action == "contact"
