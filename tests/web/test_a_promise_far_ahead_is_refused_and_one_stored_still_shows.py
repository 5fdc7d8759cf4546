"""A promise's date is at most 5 years ahead on the web as in the API (one rule:
`actions.too_far_ahead`), and a far date stored before still shows (eval32 #3: 9999-12-31
18:01 in Chicago was a 500, the year 10000 in UTC; 17:59 was stored, and once the lead's
zone was east of UTC its page was a 500 for everyone, for ever)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions, home
from fairchase.leads.models import BusinessSettings, Commitment, Lead

STEP = {"by": "us", "what": "Call back", "channel": "call"}


@pytest.fixture
def chicago(db):
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        business_timezone="America/Chicago"
    )
    home.forget()


@pytest.mark.parametrize("due", ["9999-12-31T18:01", "9999-12-31T17:59", "far"])
def test_a_promise_beyond_five_years_is_refused_on_the_web(client, alice, make_lead, chicago, due):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    if due == "far":
        due = (timezone.localtime() + timedelta(days=5 * 365 + 2)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(f"/leads/{lead.pk}/commitments/", {**STEP, "due_at": due})
    assert r.status_code == 200 and "Pick a time at most 5 years ahead." in r.content.decode()
    assert not Commitment.objects.filter(lead=lead).exists()


def test_the_action_refuses_it_too(alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    with pytest.raises(actions.ActionError, match="at most 5 years ahead"):
        actions.add_commitment(
            lead, by="us", what="x", due_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
        )


def test_a_far_promise_stored_before_still_shows_east_of_utc(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    Commitment.objects.create(
        lead=lead,
        by="us",
        what="Call back",
        channel="call",
        due_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    )
    Lead.objects.filter(pk=lead.pk).update(timezone="Asia/Tokyo")
    client.force_login(alice)
    r = client.get(f"/leads/{lead.pk}/")
    assert r.status_code == 200 and "Call back" in r.content.decode()
