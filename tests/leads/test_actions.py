"""Every transition writes its row and recomputes the plan."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Commitment, Lead, Status, StatusChange, Suppression


def test_a_new_enquiry_is_to_be_answered_now(alice, make_lead):
    lead = make_lead(alice)
    assert lead.next_action == "contact"
    assert lead.next_due is not None and lead.planned_at is not None
    assert lead.plan_reason
    assert StatusChange.objects.filter(lead=lead, new=Status.OPEN).count() == 1


def test_logging_an_attempt_counts_it_and_replans(alice, make_lead):
    lead = make_lead(alice)
    planned = lead.planned_at
    actions.log_attempt(lead, "call", "no_answer", user=alice)
    lead.refresh_from_db()
    assert lead.attempt_count == 1
    assert lead.first_response_at is not None and lead.last_attempt_at == lead.first_response_at
    assert lead.planned_at > planned
    assert lead.next_due is None or lead.next_due > lead.last_attempt_at


def test_talking_to_a_lead_makes_it_engaged_with_a_status_change(alice, make_lead):
    lead = make_lead(alice)
    actions.log_attempt(lead, "call", "talked", user=alice, progress=True)
    lead.refresh_from_db()
    assert lead.status == Status.ENGAGED
    change = StatusChange.objects.filter(lead=lead).last()
    assert (change.old, change.new, change.user) == (Status.OPEN, Status.ENGAGED, alice)


def test_an_opt_out_suppresses_the_addresses_and_stops_the_plan(alice, make_lead):
    lead = make_lead(alice, email="Ann@Example.com", phone="+1 (212) 555-0199")
    actions.opt_out(lead, user=alice)
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
    assert lead.next_action == ""
    assert set(Suppression.objects.values_list("value", flat=True)) == {
        "ann@example.com",
        "+12125550199",
    }
    with pytest.raises(actions.ActionError):
        actions.reopen(lead)
    with pytest.raises(actions.ActionError):
        actions.log_attempt(lead, "call", "no_answer")


def test_a_bounced_email_makes_email_unreachable(alice, make_lead):
    from fairchase.leads.planning import reachable_channels

    lead = make_lead(alice)
    actions.log_attempt(lead, "email", "bounced")
    assert "email" not in reachable_channels(lead)
    assert "call" in reachable_channels(lead)


def test_nurture_needs_mailing_list_consent(alice, make_lead):
    lead = make_lead(alice, consents=[])
    with pytest.raises(actions.ActionError, match="consent"):
        actions.stop_chasing(lead, Status.NURTURE)
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    consenting = make_lead(alice, consents=["mailing_list"])
    actions.stop_chasing(consenting, Status.NURTURE)
    assert Lead.objects.get(pk=consenting.pk).status == Status.NURTURE


def test_a_revisit_needs_a_date_and_wakes_up_on_it(alice, make_lead):
    lead = make_lead(alice)
    with pytest.raises(actions.ActionError):
        actions.stop_chasing(lead, Status.REVISIT)
    actions.stop_chasing(lead, Status.REVISIT, revisit_at=timezone.now() + timedelta(days=90))
    assert actions.wake_revisits() == 0
    assert actions.wake_revisits(now=timezone.now() + timedelta(days=91)) == 1
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.revisit_at is None and lead.next_action


def test_a_closed_lead_can_be_reopened(alice, make_lead):
    lead = make_lead(alice)
    actions.stop_chasing(lead, Status.CLOSED, reason="Gone quiet")
    lead.refresh_from_db()
    assert (lead.status, lead.next_action) == (Status.CLOSED, "")
    actions.reopen(lead, user=alice)
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.next_action != ""


def test_won_and_lost_are_recorded_with_value_and_reason(alice, make_lead):
    won, lost = make_lead(alice, value=1500), make_lead(alice)
    actions.mark_won(won, 1800, user=alice)
    actions.mark_lost(lost, "Went with a competitor", user=alice)
    won.refresh_from_db()
    lost.refresh_from_db()
    assert (won.status, float(won.won_value)) == (Status.WON, 1800.0)
    assert (lost.status, lost.lost_reason) == (Status.LOST, "Went with a competitor")


def test_a_promise_the_lead_misses_lapses_and_counts_against_it(alice, make_lead):
    lead = make_lead(alice)
    actions.log_attempt(lead, "call", "talked")
    c = actions.add_commitment(
        lead, by="lead", what="Send photos", due_at=timezone.now() + timedelta(hours=2)
    )
    assert actions.mark_missed_commitments(now=timezone.now() + timedelta(hours=1)) == 0
    # past due, they get a day's grace (seed 000) before the promise counts as missed
    assert actions.mark_missed_commitments(now=timezone.now() + timedelta(hours=25)) == 0
    assert actions.mark_missed_commitments(now=timezone.now() + timedelta(hours=27)) == 1
    c.refresh_from_db()
    lead.refresh_from_db()
    assert c.state == Commitment.State.MISSED
    assert "missed_promise" in lead.signals


def test_our_callback_is_done_when_we_call_near_its_time(alice, make_lead):
    lead = make_lead(alice)
    c = actions.add_commitment(
        lead, by="us", what="Call with quote", due_at=timezone.now() + timedelta(hours=3)
    )
    actions.log_attempt(lead, "call", "talked")
    c.refresh_from_db()
    assert c.state == Commitment.State.DONE


def test_poor_signals_lower_the_plan_and_good_ones_raise_it(alice, make_lead):
    lead = make_lead(alice, source="web_form", value=3000)
    actions.log_attempt(lead, "call", "no_answer")
    actions.set_signals(lead, ["asked_price", "stated_need"])
    good = Lead.objects.get(pk=lead.pk).expected_value
    actions.set_signals(lead, ["vague", "no_specific_interest", "distracted"])
    poor = Lead.objects.get(pk=lead.pk).expected_value
    assert good > poor


def test_reassigning_writes_a_row_and_moves_the_lead(alice, bob, boss, make_lead):
    lead = make_lead(alice)
    actions.reassign(lead, bob, user=boss)
    assert Lead.objects.get(pk=lead.pk).owner == bob
    assert "Reassigned" in StatusChange.objects.filter(lead=lead).last().reason


def test_a_failed_action_saves_nothing(alice, make_lead):
    from fairchase.leads.normalize import InvalidContact

    with pytest.raises(InvalidContact):
        make_lead(alice, phone="not a phone")
    assert not Lead.objects.exists()
    assert not StatusChange.objects.exists()
