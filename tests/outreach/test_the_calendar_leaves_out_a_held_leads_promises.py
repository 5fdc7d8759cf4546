"""The calendar feed keeps no promise of a lead held by a request to stop nobody has decided
on: "Call back Nina" with her number would stay in the salesperson's phone, where no page of
the app can say "confirm or correct the stop first". It comes back once someone decides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from fairchase.intake.calendar import calendar_secret
from fairchase.leads import actions
from fairchase.leads.models import Commitment, Profile
from fairchase.outreach import inbound

from .holding import held_by_an_unvouched_stop

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _events(client, user) -> list[str]:
    url = f"/in/calendar/{calendar_secret(Profile.objects.get(user=user))}.ics"
    response = client.get(url)
    assert response.status_code == 200
    return [str(ev["SUMMARY"]) for ev in Calendar.from_ical(response.content).walk("VEVENT")]


def test_the_calendar_leaves_out_a_held_leads_promises(client, alice, make_lead, imap_server):
    nina = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    ann = make_lead(alice, name="Ann Kept", email="ann@example.com", phone="+12125550101")
    due = timezone.now() + timedelta(hours=3)
    for lead in (nina, ann):
        actions.add_commitment(lead, by=Commitment.By.US, what="Call back", due_at=due)
    assert "Nina Held: Call back" in _events(client, alice)
    got = held_by_an_unvouched_stop(imap_server, nina)
    events = _events(client, alice)
    assert "Ann Kept: Call back" in events
    assert not [e for e in events if "Nina" in e], events
    inbound.correct(got, "interested", alice)
    assert "Nina Held: Call back" in _events(client, alice)
