"""One door per change: every action locks the lead, writes its row, counts an event and
replans; a plan computed from older facts never lands; opt-outs are final."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone

from fairchase.leads import actions, planning
from fairchase.leads.models import Attempt, Commitment, Lead, Status, StatusChange, Suppression


def _plan(lead: Lead) -> tuple:
    lead.refresh_from_db()
    return tuple(getattr(lead, f) for f in planning.PLAN_FIELDS)


def test_an_outcome_logged_while_a_whole_book_refit_runs_keeps_its_new_plan(alice, make_lead):
    leads = [make_lead(alice) for _ in range(6)]
    called = leads[2]
    logged = {}

    def progress(done, total):
        # the refit has read every lead and computed its plans; before it writes them, a
        # person logs a call on one lead (on the web, in another transaction)
        if done == total // 2 and not logged:
            actions.log_attempt(called, "call", "no_answer", user=alice)
            logged["plan"] = _plan(called)

    assert planning.replan_all(progress=progress) == 6
    assert logged, "the outcome was never logged mid-refit"
    assert _plan(called) == logged["plan"]  # the refit's older plan did not land
    called.refresh_from_db()
    assert called.attempt_count == 1 and called.next_due > called.last_attempt_at
    # the refit's plans did land on the other leads
    assert all(
        Lead.objects.get(pk=lead.pk).planned_at > lead.planned_at
        for lead in leads
        if lead != called
    )


def test_every_action_counts_one_event_on_the_lead(alice, make_lead):
    lead = make_lead(alice)
    assert Lead.objects.get(pk=lead.pk).events == 1
    actions.log_attempt(lead, "call", "no_answer")
    actions.set_signals(lead, ["asked_price"])
    actions.add_commitment(
        lead, by="us", what="Call back", due_at=timezone.now() + timedelta(days=1)
    )
    actions.update_lead(lead, company="Acme")
    assert Lead.objects.get(pk=lead.pk).events == 5
    assert lead.events == 5  # the caller's copy is refreshed too


def test_a_revisit_moved_to_another_date_keeps_the_new_date(alice, make_lead):
    lead = make_lead(alice)
    first, second = timezone.now() + timedelta(days=30), timezone.now() + timedelta(days=60)
    actions.stop_chasing(lead, Status.REVISIT, revisit_at=first)
    actions.stop_chasing(lead, Status.REVISIT, revisit_at=second)
    lead.refresh_from_db()
    assert (lead.status, lead.revisit_at) == (Status.REVISIT, second)
    assert StatusChange.objects.filter(lead=lead, new=Status.REVISIT).count() == 2


def test_a_corrected_won_value_is_saved(alice, make_lead):
    lead = make_lead(alice)
    actions.mark_won(lead, 1000)
    actions.mark_won(lead, 1250)
    lead.refresh_from_db()
    assert (lead.status, lead.won_value) == (Status.WON, Decimal("1250"))


def test_stopping_an_opted_out_lead_leaves_it_opted_out_and_it_is_never_reopened(alice, make_lead):
    lead = make_lead(alice)
    actions.opt_out(lead)
    for stop in (Status.CLOSED, Status.NURTURE):
        actions.stop_chasing(lead, stop, reason="Not interested")
        assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
    actions.mark_lost(lead, "gone")
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
    with pytest.raises(actions.ActionError):
        actions.reopen(lead)
    stale_copy = Lead.objects.get(pk=lead.pk)
    stale_copy.status = Status.CLOSED  # a caller holding an old copy cannot reopen it either
    with pytest.raises(actions.ActionError):
        actions.reopen(stale_copy)
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT


def test_an_address_suppressed_on_one_lead_replans_every_other_lead_with_it(alice, make_lead):
    first = make_lead(alice, email="dan@example.com", phone="")
    second = make_lead(alice, name="Dan again", email="dan@example.com", phone="")
    assert second.next_action == "contact"
    actions.log_attempt(first, "email", "bounced")
    second.refresh_from_db()
    assert Suppression.objects.filter(value="dan@example.com", reason="bounce").exists()
    assert second.next_action != "contact", second.plan_reason


def test_each_revisit_is_woken_once_and_each_missed_promise_lapsed_once(alice, make_lead):
    parked, promised = make_lead(alice), make_lead(alice)
    actions.stop_chasing(parked, Status.REVISIT, revisit_at=timezone.now() + timedelta(days=1))
    Lead.objects.filter(pk=parked.pk).update(revisit_at=timezone.now() - timedelta(minutes=1))
    actions.log_attempt(promised, "call", "talked")
    c = actions.add_commitment(
        promised, by="lead", what="Send photos", due_at=timezone.now() - timedelta(days=1, hours=1)
    )
    stale = Commitment.objects.get(
        pk=c.pk
    )  # a second worker's copy, loaded before the first lapsed it
    assert actions.wake_revisits() == 1 and actions.wake_revisits() == 0
    assert not actions.wake_revisit(parked.pk)
    assert actions.mark_missed_commitments() == 1 and actions.mark_missed_commitments() == 0
    events = Lead.objects.get(pk=promised.pk).events
    assert not actions.lapse_commitment(stale, timezone.now())
    assert Lead.objects.get(pk=promised.pk).events == events  # the loser changed nothing
    assert StatusChange.objects.filter(lead=parked, reason="Revisit date reached").count() == 1


def test_details_are_edited_through_update_lead_but_never_the_status_or_the_plan(alice, make_lead):
    lead = make_lead(alice)
    for field, value in (("status", Status.WON), ("next_action", "stop"), ("attempt_count", 9)):
        with pytest.raises(actions.ActionError):
            actions.update_lead(lead, **{field: value})
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN


def test_the_admin_shows_status_plan_and_attempts_but_never_edits_them(boss, alice, make_lead):
    lead = make_lead(alice)
    actions.log_attempt(lead, "call", "no_answer")
    request = RequestFactory().get("/admin/")
    boss.is_staff = boss.is_superuser = True
    request.user = boss
    lead_admin = admin.site._registry[Lead]
    readonly = set(lead_admin.get_readonly_fields(request, lead))
    assert {"status", "owner", "events", *planning.PLAN_FIELDS} <= readonly
    assert not lead_admin.has_add_permission(request)
    for model in (Attempt, StatusChange, Suppression, Commitment):
        assert not admin.site._registry[model].has_change_permission(request)
    inlines = lead_admin.get_inline_instances(request, lead)
    assert inlines and not any(
        i.has_change_permission(request, lead) or i.has_add_permission(request, lead)
        for i in inlines
    )
