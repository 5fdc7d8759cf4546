"""Once a lead's contact hours are over in their own zone, Today shows their step at their next
contact window ("later", their next morning), not "Respond now" (eval29 #2: at 13:20 Chicago =
19:20 London, a London enquiry's card still said "Respond now: call", and the season's only call
outside the lead's hours followed). The window is the decision core's rule; the plan's due time
stays as the core wrote it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.agenda import agenda_for

CHICAGO = ZoneInfo("America/Chicago")


def _chicago_business():
    fields = {
        "business_timezone": "America/Chicago",
        "contact_start": "09:00",
        "contact_end": "18:00",
        "daily_minutes": 60,
    }
    BusinessSettings.objects.update_or_create(pk=BusinessSettings.current().pk, defaults=fields)


def test_a_london_enquiry_after_london_hours_is_shown_for_their_next_morning(
    client, alice, make_lead, stop_clock
):
    _chicago_business()
    arrived = stop_clock(datetime(2027, 1, 4, 11, 30, tzinfo=CHICAGO))  # 17:30 in London
    lead = make_lead(
        alice,
        name="Lily London",
        source="web_form",
        phone="+442079460123",
        timezone="Europe/London",
        created_at=arrived,
    )
    lead.refresh_from_db()
    assert lead.next_action == "contact" and lead.next_due <= arrived, lead.plan_reason
    row = agenda_for(alice, arrived).new[0]
    assert not row.later, "17:30 in London: still their hours, respond now"
    evening = stop_clock(datetime(2027, 1, 4, 13, 20, tzinfo=CHICAGO))  # 19:20 in London
    row = agenda_for(alice, evening).new[0]
    assert row.later and row.when == datetime(2027, 1, 5, 9, 0, tzinfo=UTC)  # 09:00 London
    assert Lead.objects.get(pk=lead.pk).next_due == lead.next_due  # the plan is not moved
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "Respond first: call" in page and "Respond now" not in page


def test_a_follow_up_due_before_their_evening_is_shown_for_their_next_morning(
    alice, make_lead, stop_clock
):
    _chicago_business()
    stop_clock(datetime(2027, 1, 4, 8, 0, tzinfo=CHICAGO))
    lead = make_lead(alice, timezone="Europe/London", phone="+442079460124")
    Lead.objects.filter(pk=lead.pk).update(
        attempt_count=1, next_action="contact", next_due=datetime(2027, 1, 4, 17, 0, tzinfo=UTC)
    )
    evening = stop_clock(datetime(2027, 1, 4, 14, 0, tzinfo=CHICAGO))  # 20:00 in London
    row = agenda_for(alice, evening).followups[0]
    assert row.later and not row.overdue
    assert row.when == datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    assert row.as_dict()["due"] == row.when
