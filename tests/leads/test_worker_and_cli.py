"""The worker's steps and the `fairchase` commands, called directly."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from fairchase.leads import jobs, planning
from fairchase.leads.models import Attempt, FittedModel, Lead, Status
from fairchase.leads.worker import run_once


def test_the_worker_refits_when_no_model_exists_and_then_waits(alice, make_lead):
    make_lead(alice)
    assert jobs.refit_if_stale() == 1
    assert FittedModel.objects.count() == 1
    assert jobs.refit_if_stale() == 0


def test_stale_plans_are_recomputed(alice, make_lead):
    lead = make_lead(alice)
    Lead.objects.filter(pk=lead.pk).update(planned_at=timezone.now() - timedelta(days=1))
    assert jobs.replan_stale() == 1
    assert jobs.replan_stale() == 0


def test_one_worker_iteration_runs_every_step(alice, make_lead):
    make_lead(alice)
    run_once()
    assert FittedModel.objects.exists()


def test_demo_data_gives_history_a_model_and_a_ranked_agenda(db):
    counts = __import__("fairchase.leads.demo", fromlist=["load_demo"]).load_demo(
        n_history=120, n_open=40, seed=3
    )
    assert counts["fitted_on"] >= 100
    assert Lead.objects.filter(status__in=[Status.WON, Status.LOST]).exists()
    assert Lead.objects.filter(status=Status.OPEN, attempt_count=0).exists()
    active = Lead.objects.filter(status__in=[Status.OPEN, Status.ENGAGED])
    assert active.filter(planned_at=None).count() == 0
    assert active.exclude(plan_reason="").count() == active.count()
    model = planning.current_model()
    assert model is not None


def test_the_log_command_records_an_attempt_and_prints_the_plan(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    out = StringIO()
    call_command("log", "Ann Adams", "--call", "--no-answer", stdout=out)
    assert Attempt.objects.filter(lead=lead, channel="call", outcome="no_answer").count() == 1
    assert "Next:" in out.getvalue()


def test_the_log_command_refuses_an_ambiguous_lead(alice, make_lead):
    make_lead(alice, name="Ann Adams")
    make_lead(alice, name="Ann Baker")
    with pytest.raises(CommandError, match="several"):
        call_command("log", "Ann", "--call", "--talked")


def test_the_agenda_command_prints_new_enquiries_first(boss, alice, make_lead):
    make_lead(alice, name="Zed Newcomer")
    out = StringIO()
    call_command("agenda", "--user", "alice", "--width", "200", stdout=out)
    text = out.getvalue()
    assert "New enquiries" in text and "Zed Newcomer" in text


def test_the_agenda_command_shows_your_own_leads_and_the_team_on_request(boss, alice, make_lead):
    make_lead(alice, name="Zed Newcomer")
    mine, team = StringIO(), StringIO()
    call_command("agenda", "--user", "boss", "--width", "200", stdout=mine)
    call_command("agenda", "--user", "boss", "--everyone", "--width", "200", stdout=team)
    assert "Zed Newcomer" not in mine.getvalue() and "Today for" in mine.getvalue()
    assert "Zed Newcomer" in team.getvalue() and "Today for everyone" in team.getvalue()


def test_the_agenda_command_refuses_everyone_for_a_salesperson_rather_than_ignoring_it(
    boss, alice, make_lead
):
    make_lead(alice, name="Zed Newcomer")
    with pytest.raises(CommandError, match="alice is not an owner"):
        call_command("agenda", "--user", "alice", "--everyone", stdout=StringIO())


def test_the_agenda_command_prints_names_as_written_never_as_terminal_markup(
    boss, alice, make_lead
):
    make_lead(alice, name="[red]Ann[/] Lee [/bold]", company="[link=http://x]Acme")
    out = StringIO()
    call_command("agenda", "--user", "boss", "--everyone", "--width", "200", stdout=out)
    assert "[red]Ann[/] Lee [/bold]" in out.getvalue()


def test_refit_learns_from_finished_leads_and_from_the_tries_of_leads_still_chased(
    alice, make_lead
):
    from fairchase.leads import actions

    won, chased, untried, parked = (make_lead(alice) for _ in range(4))
    blank = make_lead(alice, value=None)
    priced = make_lead(alice, value=40000)
    actions.log_attempt(won, "call", "talked")
    actions.mark_won(won, 2500)
    actions.log_attempt(chased, "call", "no_answer")
    actions.log_attempt(chased, "email", "no_answer")
    actions.log_attempt(parked, "call", "no_answer")
    actions.stop_chasing(parked, "revisit", revisit_at=timezone.now() + timedelta(days=90))
    records = {r["id"]: r for r in planning.training_records()}
    # a lead never tried teaches its value only: one with none teaches nothing
    assert str(blank.pk) not in records
    assert set(records) == {str(p.pk) for p in (won, chased, parked, untried, priced)}
    assert records[str(won.pk)]["status"] == "won"
    assert (
        records[str(chased.pk)]["status"] == "open"
        and len(records[str(chased.pk)]["attempts"]) == 2
    )
    assert records[str(parked.pk)]["status"] == "open"  # its silent try counts, its end is unknown
    assert records[str(priced.pk)]["attempts"] == [] and records[str(priced.pk)]["value"] == 40000
    row = planning.refit()
    assert row.n_leads == 3 and sum(row.data["c_tried"]) == 4  # every try, by attempt number
    # the values typed on the open book are deal sizes: 2,000 x 4 and 40,000 (won: its value)
    assert row.data["value_mean"][-1] == pytest.approx((4 * 2000 + 40000) / 5)
