"""eval37 finding 3: Carl promised to email the floor plan on Friday at 12:00 and did not. All
Saturday morning (his day's grace) his card said "give them another day", and when the
worker lapsed the promise at the end of it the plan fell back to the week after the talk
("Call Tue 15 Dec"): the call after the grace day never came. The card says what the grace
day is, and the lapsed promise sets the next try, its reason naming it."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from fairchase.leads import actions, jobs
from fairchase.leads.models import BusinessSettings, Commitment, Lead

pytestmark = pytest.mark.django_db
CHI = ZoneInfo("America/Chicago")
FRIDAY_NOON = datetime(2026, 12, 11, 12, 0, tzinfo=CHI)


@pytest.fixture
def carl(db, alice, make_lead, stop_clock):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    stop_clock(datetime(2026, 12, 8, 9, 0, tzinfo=CHI))
    lead = make_lead(alice, name="Carl T02", timezone="America/Chicago")
    actions.log_attempt(lead, "call", "talked", user=alice)
    what = "will email us the floor plan Friday"
    actions.add_commitment(lead, by="lead", what=what, due_at=FRIDAY_NOON, channel="", user=alice)
    return lead


def test_the_grace_day_card_says_it_is_the_grace_day(client, alice, carl, stop_clock):
    stop_clock(datetime(2026, 12, 12, 9, 0, tzinfo=CHI))
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "this is their day's grace" in page
    assert "give them another day before you contact them" not in page


def test_a_lapsed_promise_brings_the_try_at_the_end_of_its_grace_day(carl, stop_clock):
    now = stop_clock(datetime(2026, 12, 12, 12, 1, tzinfo=CHI))
    jobs.lapse_commitments()
    lead = Lead.objects.get(pk=carl.pk)
    assert lead.commitments.get().state == Commitment.State.MISSED
    assert lead.next_action == "contact" and lead.next_due == now, lead.plan_reason
    assert "they promised to be in touch by Fri 11 Dec 12:00 and have not" in lead.plan_reason


def test_a_promise_marked_missed_before_its_time_does_not_hold_the_lead_till_then(
    alice, make_lead, stop_clock
):
    """review30 #2: marked missed on 9 Dec, a promise due on 1 Mar held the lead until 2 Mar."""
    chi = ZoneInfo("America/Chicago")
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    stop_clock(datetime(2026, 12, 8, 9, 0, tzinfo=chi))
    lead = make_lead(alice, name="Carl T02", timezone="America/Chicago")
    actions.log_attempt(lead, "call", "talked", user=alice)
    plans = datetime(2027, 3, 1, 12, 0, tzinfo=chi)
    c = actions.add_commitment(
        lead, by="lead", what="will send the plans", due_at=plans, channel="", user=alice
    )
    stop_clock(datetime(2026, 12, 9, 10, 0, tzinfo=chi))
    actions.resolve_commitment(c, Commitment.State.MISSED, user=alice)
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.next_due is not None and lead.next_due < plans


def test_a_reply_after_a_missed_promise_ends_its_wording_at_once(carl, stop_clock):
    """review30 #3: their reply is no try of ours, so "they promised ... and have not" stayed
    in the plan's reason (and its try at the end of the grace day) until our next try."""
    stop_clock(datetime(2026, 12, 12, 12, 1, tzinfo=CHI))
    jobs.lapse_commitments()
    stop_clock(datetime(2026, 12, 12, 15, 0, tzinfo=CHI))
    actions.record_reply(Lead.objects.get(pk=carl.pk), "email", text="Here is the floor plan.")
    lead = Lead.objects.get(pk=carl.pk)
    assert lead.next_action == "contact", lead.plan_reason
    assert "have not" not in lead.plan_reason and "promised" not in lead.plan_reason


def test_their_reply_keeps_their_promise_and_the_worker_never_lapses_it(carl, stop_clock):
    """They wrote in their grace day, after the day they promised: they got in touch, so the
    promise is kept (the core reads their reply so), not lapsed as missed by the worker with
    the poor signal of a missed promise (h155's note)."""
    stop_clock(datetime(2026, 12, 11, 15, 0, tzinfo=CHI))
    actions.record_reply(Lead.objects.get(pk=carl.pk), "email", text="Floor plan attached.")
    stop_clock(datetime(2026, 12, 12, 12, 1, tzinfo=CHI))
    jobs.lapse_commitments()
    lead = Lead.objects.get(pk=carl.pk)
    assert lead.commitments.get().state == Commitment.State.DONE
    assert "missed_promise" not in lead.signals


def test_a_reply_before_the_day_they_promised_keeps_no_promise(carl, stop_clock):
    """review31 #3: a question on Tuesday is not the floor plan promised for Friday."""
    stop_clock(datetime(2026, 12, 9, 10, 0, tzinfo=CHI))
    actions.record_reply(Lead.objects.get(pk=carl.pk), "email", text="Which colours?")
    lead = Lead.objects.get(pk=carl.pk)
    assert lead.commitments.get().state == Commitment.State.PENDING
    assert "kept_promise" not in lead.signals


def test_the_undo_of_a_reply_puts_their_promise_back(client, alice, carl, stop_clock):
    stop_clock(datetime(2026, 12, 11, 13, 0, tzinfo=CHI))
    actions.log_attempt(carl, "email", "no_answer", user=alice)  # a message of ours, unanswered
    client.force_login(alice)
    card = client.post(
        f"/leads/{carl.pk}/outcome/",
        {"outcome": "replied", "channel": "email", "row": "followup"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert Lead.objects.get(pk=carl.pk).commitments.get().state == Commitment.State.DONE
    token = re.search(r'name="token" value="([^"]+)"', card)[1]
    client.post(f"/leads/{carl.pk}/undo/", {"token": token}, HTTP_HX_REQUEST="true")
    lead = Lead.objects.get(pk=carl.pk)
    assert lead.commitments.get().state == Commitment.State.PENDING
    assert "kept_promise" not in lead.signals  # review31 #4
