"""Today's follow-ups leave out a lead listed under a promise of ours due that day (the promise
is its next step), and every count says so: the badge, the "see all" link, the "see all" page,
the API's totals and `fairchase agenda`. The badge said 52 while the page listed 63, 13 of
them twice (under their commitment and again among the follow-ups)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

from django.core.management import call_command
from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.web.agenda import agenda_for


def _due_follow_ups(make_lead, owner, n: int) -> list[Lead]:
    """`n` contacted leads whose plan says call now (plan fields written as the core would)."""
    leads = []
    for i in range(n):
        lead = make_lead(owner, name=f"Due {i}", created_at=timezone.now() - timedelta(days=4))
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
        leads.append(lead)
    return leads


def _plan_due(leads: list[Lead]) -> None:
    Lead.objects.filter(pk__in=[lead.pk for lead in leads]).update(
        next_action="contact",
        next_channel="call",
        next_due=timezone.now() - timedelta(minutes=5),
        priority=1.0,
    )


def test_a_lead_under_its_commitment_is_counted_and_listed_once(
    client, alice, make_lead, stop_clock
):
    stop_clock(datetime(2030, 1, 8, 15, 0, tzinfo=UTC))  # a Tuesday: a contact day
    leads = _due_follow_ups(make_lead, alice, 4)
    promised = leads[:2]
    for lead in promised:
        actions.add_commitment(
            lead, by="us", what="send the quote", due_at=timezone.now() + timedelta(hours=1)
        )
    _plan_due(leads)
    agenda = agenda_for(alice, timezone.now())
    assert {c.lead.pk for c in agenda.commitments} == {lead.pk for lead in promised}
    assert agenda.followup_total == agenda.due_total == 2

    client.force_login(alice)
    today = client.get("/").content.decode()
    assert 'id="count-followups">2<' in today
    every = client.get("/today/followups/").content.decode()
    listed = {int(x) for x in re.findall(r'id="row-(\d+)"', every)}
    assert listed == {lead.pk for lead in leads[2:]}

    _token, secret = ApiToken.issue(alice, "tests")
    api = client.get("/api/agenda", headers={"Authorization": f"Bearer {secret}"}).json()
    assert api["totals"]["due"] == 2

    out = io.StringIO()
    call_command("agenda", user="alice", width=200, stdout=out)
    assert "Follow-ups due today, best first (2)" in out.getvalue()
