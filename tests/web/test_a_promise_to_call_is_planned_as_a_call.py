"""A next step pinned on the lead page with How = Call is planned as a call, even for a
low-value lead whose cheapest way is an email (the same promise with How = Any is an email);
the lead page says how it is kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.test import Client

from fairchase.leads import actions, planning
from fairchase.leads.models import BusinessSettings, Lead

SUNDAY_EVENING = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # Sunday 6 Dec 19:00 in Chicago
MONDAY_TEN = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # Monday 7 Dec 10:00 in Chicago


def _pinned(alice, make_lead, how: str) -> Lead:
    lead = make_lead(alice, value=300, created_at=SUNDAY_EVENING - timedelta(days=3))
    actions.log_attempt(lead, "email", "replied", user=alice, at=SUNDAY_EVENING - timedelta(days=2))
    client = Client()
    client.force_login(alice)
    client.post(
        f"/leads/{lead.pk}/commitments/",
        {"by": "us", "what": "Ring her back", "channel": how, "due_at": "2026-12-07T10:00"},
    )
    (c,) = lead.commitments.all()
    assert (c.due_at, c.channel) == (MONDAY_TEN, how)
    (fresh,) = planning.with_history(Lead.objects.filter(pk=lead.pk))
    planning.replan([fresh], now=SUNDAY_EVENING)
    return fresh


def test_how_call_is_planned_as_a_call_for_a_lead_whose_cheapest_way_is_email(
    alice, make_lead, stop_clock
):
    stop_clock(SUNDAY_EVENING)
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    assert _pinned(alice, make_lead, "").next_channel == "email"
    lead = _pinned(alice, make_lead, "call")
    assert (lead.next_action, lead.next_channel) == ("contact", "call"), lead.plan_reason
    client = Client()
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "Ring her back — Mon 7 Dec 10:00 CST (call)" in page
