"""A morning with nothing due and minutes to spare never says they run out: Today said
"... 0 for follow-ups + 45 spare", then "Your 78 minutes run out here (0 min of follow-ups
above). In the wings:" above leads the plan keeps for a later day. The line says what those
leads are instead, and still says where the minutes run out when a follow-up did not fit."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from django.core.management import call_command
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead


def _contacted(make_lead, owner, name: str, **plan) -> Lead:
    lead = make_lead(owner, name=name, created_at=timezone.now() - timedelta(days=4))
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
    Lead.objects.filter(pk=lead.pk).update(next_channel="call", priority=1.0, **plan)
    return lead


def _line(html: str) -> str:
    return html.split('id="budget-line">')[1].split("</li>")[0]


def test_with_only_leads_waiting_for_a_later_day_no_minutes_run_out(
    client, alice, make_lead, stop_clock
):
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))  # a Tuesday morning: a contact day
    _contacted(
        make_lead,
        alice,
        "Later Larry",
        next_action="wait",
        next_due=timezone.now() + timedelta(days=3),
    )
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert "spare" in html.split('id="minutes"')[1].split("</p>")[0]
    line = _line(html)
    assert "run out" not in line
    assert line == "In the wings: leads whose turn comes on a later day."
    out = io.StringIO()
    call_command("agenda", user="alice", width=200, stdout=out)
    assert "past today's minutes" not in out.getvalue()
    assert "their turn comes on a later day" in out.getvalue()


def test_a_follow_up_that_does_not_fit_still_marks_where_the_minutes_run_out(
    client, alice, make_lead, stop_clock
):
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(daily_minutes=6)
    for name in ("Due Dora", "Due Dan"):
        _contacted(make_lead, alice, name, next_action="contact", next_due=timezone.now())
    client.force_login(alice)
    assert _line(client.get("/").content.decode()).startswith("Your 6 minutes run out here")
