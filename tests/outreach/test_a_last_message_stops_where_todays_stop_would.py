"""A last message sent to a lead the plan lets go completes the stop, and puts the lead
where Today's Stop (and its "Let go" words) said it would go: both ask
`planning.stop_target`, so they cannot drift apart (review20 #5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions, planning
from fairchase.leads.models import Lead, Status
from fairchase.outreach.models import MessageTemplate

pytestmark = pytest.mark.usefixtures("open_all_day")  # clicked sends hold at any hour

DAY = timedelta(days=1)


def _send_last_message(alice, lead) -> Lead:
    door_open = MessageTemplate.objects.get(purpose="breakup", channel="email", is_active=True)
    c = Client()
    c.force_login(alice)
    c.post(f"/o/leads/{lead.pk}/send/", {"template": door_open.pk})
    return Lead.objects.get(pk=lead.pk)


@pytest.mark.parametrize(
    ("next_state", "consents", "revisit_in"),
    [
        ("closed", [], None),
        ("closed", ["mailing_list"], None),
        ("nurture", ["mailing_list"], None),
        ("nurture", [], None),  # consent withdrawn since the plan
        ("revisit", [], 40 * DAY),
        ("revisit", [], -DAY),  # the plan's date has passed: a fresh one ahead
        ("", [], None),  # a stop planned without a target
        ("", ["mailing_list"], None),
    ],
)
def test_the_last_message_stops_where_todays_stop_said(
    alice, make_lead, smtp_server, next_state, consents, revisit_in
):
    lead = make_lead(alice, name="Door Dan", consents=consents)
    actions.log_attempt(lead, "call", "no_answer")
    at = timezone.now() + revisit_in if revisit_in is not None else None
    Lead.objects.filter(pk=lead.pk).update(
        next_action="stop", next_state=next_state, plan_revisit_at=at
    )
    said, said_revisit = planning.stop_target(Lead.objects.get(pk=lead.pk), timezone.now())

    lead = _send_last_message(alice, lead)

    assert len(smtp_server.received) == 1
    assert lead.status == said
    if said == Status.REVISIT:
        assert lead.revisit_at > timezone.now()
        assert abs(lead.revisit_at - said_revisit) < timedelta(minutes=1)


def test_a_stop_planned_without_a_target_puts_one_who_agreed_on_the_mailing_list(
    alice, make_lead, smtp_server
):
    """Where the two copies disagreed: a blank target closed a lead who had agreed to the
    mailing list; the core's rule (`policy.stop_state`) keeps them on it, as Today's Stop."""
    lead = make_lead(alice, name="Nell News", consents=["mailing_list"])
    actions.log_attempt(lead, "call", "no_answer")
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="")
    assert _send_last_message(alice, lead).status == Status.NURTURE
