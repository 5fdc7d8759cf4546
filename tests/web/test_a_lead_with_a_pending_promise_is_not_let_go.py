"""A lead with a pending promise never shows under Today's "Ready to let go" (eval22 #5: Otto
Ford was there, with a mailing-list email ready, beside his own "You promised: call back with
the quote" card; Dana Cruz was planned closed four days before the floor plan she promised).
Seed 000: stick to the agreed day; if they were to contact you and don't, give them another
day. So their promise stays pending through its grace day (the worker lapses it after, not at,
its due time), and only then does the plan's value decide."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Commitment, Lead
from fairchase.leads.planning import replan_all
from fairchase.web.agenda import agenda_for


def _dana(make_lead, alice) -> Lead:
    """A $100 web-form enquiry, two calls talked, the second without progress: on its value
    alone, the plan lets it go."""
    now = timezone.now()
    lead = make_lead(
        alice, name="Dana Cruz", source="web_form", value=100, created_at=now - timedelta(days=3)
    )
    actions.log_attempt(lead, "call", "talked", progress=True, at=now - timedelta(days=2))
    actions.log_attempt(lead, "call", "talked", progress=False, at=now - timedelta(days=1))
    lead.refresh_from_db()
    assert lead.next_action == "stop", lead.plan_reason
    return lead


def _let_go(client, alice, lead: Lead, now) -> bool:
    """Whether the lead is under Today's "Ready to let go" (its rows and its see-all page)."""
    listed = any(row.lead.pk == lead.pk for row in agenda_for(alice, now).let_go)
    client.force_login(alice)
    rows = client.get("/today/let-go/rows/").content.decode()
    page = client.get("/today/let_go/").content.decode()
    assert listed == (f'id="row-{lead.pk}"' in rows) == (f'id="row-{lead.pk}"' in page)
    return listed


def test_their_promise_keeps_the_lead_off_let_go_until_its_grace_day_is_over(
    client, alice, make_lead, stop_clock
):
    lead = _dana(make_lead, alice)
    now = timezone.now()
    due = now + timedelta(days=3)
    actions.add_commitment(lead, by="lead", what="Send us the floor plan", due_at=due)
    lead.refresh_from_db()
    assert lead.next_action == "contact" and "a day's grace" in lead.plan_reason, lead.plan_reason
    assert not _let_go(client, alice, lead, now)
    # the promised day has passed: a day's grace, still pending and still not let go
    stop_clock(due + timedelta(hours=2))
    assert actions.mark_missed_commitments() == 0
    replan_all()
    lead.refresh_from_db()
    assert lead.next_action == "contact", lead.plan_reason
    assert not _let_go(client, alice, lead, timezone.now())
    # the grace day is over: the promise is missed and the value decides
    stop_clock(due + timedelta(days=1, minutes=1))
    assert actions.mark_missed_commitments() == 1
    replan_all()
    lead.refresh_from_db()
    assert "missed_promise" in lead.signals
    assert lead.next_action == "stop" and _let_go(client, alice, lead, timezone.now())


def test_our_promise_keeps_the_lead_off_let_go_and_on_its_commitment(client, alice, make_lead):
    lead = _dana(make_lead, alice)
    now = timezone.now()
    due = now + timedelta(hours=3)
    actions.add_commitment(lead, by="us", what="Call back with the quote", due_at=due)
    lead.refresh_from_db()
    assert lead.next_action == "contact" and lead.next_due >= due, lead.plan_reason
    assert "you promised to be in touch" in lead.plan_reason, lead.plan_reason
    assert not _let_go(client, alice, lead, now)
    promise = Commitment.objects.get(lead=lead)
    assert promise.state == Commitment.State.PENDING


def test_during_their_grace_day_the_lead_is_on_today_once_and_its_reason_says_so(
    client, alice, make_lead, stop_clock
):
    """review22 #5: their promise, due yesterday 15:00, is still pending (an overdue card: give
    them another day) while the plan's contact falls due today at 15:00. It was listed twice,
    the card and a follow-up row, whose reason still said "waiting for that"."""
    stop_clock(datetime(2030, 1, 8, 9, 0, tzinfo=UTC))  # a Tuesday morning: a contact day
    lead = _dana(make_lead, alice)
    due = datetime(2030, 1, 8, 15, 0, tzinfo=UTC)
    actions.add_commitment(lead, by="lead", what="Send us the floor plan", due_at=due)
    now = stop_clock(due + timedelta(hours=19))  # Wednesday 10:00, the grace day
    assert actions.mark_missed_commitments() == 0
    replan_all()
    lead.refresh_from_db()
    agenda = agenda_for(alice, now)
    assert lead.next_action == "contact" and lead.next_due <= agenda.end_of_day, lead.next_due
    assert [c.lead.pk for c in agenda.commitments] == [lead.pk]
    assert agenda.commitments[0].overdue
    assert lead.pk not in {r.lead.pk for r in agenda.followups + agenda.wings}
    assert agenda.due_total == 0
    assert "waiting for that" not in lead.plan_reason, lead.plan_reason
    assert "to be in touch by Tue 8 Jan 15:00 and have not; giving them a day's grace." in (
        lead.plan_reason
    ), lead.plan_reason
