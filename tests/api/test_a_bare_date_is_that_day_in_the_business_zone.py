"""A date alone is that day where the business is, never midnight UTC (the day before in
Chicago): a revisit and a promise at the opening of the contact hours, an enquiry's
`created_at` at 00:00 (eval30 #9)."""

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from fairchase.leads.models import BusinessSettings, Commitment, Lead

CHICAGO = ZoneInfo("America/Chicago")


def in_chicago():
    s = BusinessSettings.current()
    s.business_timezone, s.contact_start = "America/Chicago", time(9, 0)
    s.save()


def post(client, headers, path, body):
    return client.post(
        "/api" + path, json.dumps(body), content_type="application/json", headers=headers
    )


def test_a_revisit_date_is_that_mornings_contact_hours(client, alice, make_lead, token_for):
    in_chicago()
    lead, day = make_lead(alice), (timezone.now() + timedelta(days=60)).date()
    body = {"next_state": "revisit", "revisit_at": day.isoformat()}
    assert post(client, token_for(alice), f"/leads/{lead.pk}/stop", body).status_code == 200
    lead.refresh_from_db()
    assert lead.revisit_at == datetime.combine(day, time(9, 0), tzinfo=CHICAGO)


def test_a_promise_due_on_a_day_is_due_that_morning(client, alice, make_lead, token_for):
    in_chicago()
    lead, day = make_lead(alice), (timezone.now() + timedelta(days=2)).date()
    body = {"what": "date only", "due_at": day.isoformat()}
    made = post(client, token_for(alice), f"/leads/{lead.pk}/commitments", body)
    assert made.status_code == 201, made.content
    due = Commitment.objects.get(pk=made.json()["id"]).due_at
    assert due.astimezone(CHICAGO) == datetime.combine(day, time(9, 0), tzinfo=CHICAGO)


def test_an_enquiry_dated_a_day_came_in_on_that_day_there(client, alice, token_for):
    in_chicago()
    day = (timezone.now() - timedelta(days=3)).date()
    body = {"name": "Dated Dora", "email": "dora@example.com", "created_at": day.isoformat()}
    made = post(client, token_for(alice), "/leads", body)
    assert made.status_code == 201, made.content
    created = Lead.objects.get(pk=made.json()["id"]).created_at.astimezone(CHICAGO)
    assert (created.date(), created.time()) == (day, time(0, 0))


def test_a_date_and_time_without_a_zone_is_still_utc(client, alice, make_lead, token_for):
    in_chicago()
    lead, day = make_lead(alice), (timezone.now() + timedelta(days=2)).date()
    body = {"what": "timed", "due_at": f"{day.isoformat()}T15:00:00"}
    made = post(client, token_for(alice), f"/leads/{lead.pk}/commitments", body)
    assert made.json()["due_at"].startswith(f"{day.isoformat()}T15:00:00")
