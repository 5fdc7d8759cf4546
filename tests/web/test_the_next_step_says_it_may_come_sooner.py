"""eval37 finding 2: a click said "Next: call Thu 17 Dec 09:00 CST" and the worker's replan
brought the call forward the next morning. A follow-up a day with minutes to spare may bring
forward is told as a latest date."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from fairchase.leads.models import BusinessSettings, Lead

pytestmark = pytest.mark.django_db
CHI = ZoneInfo("America/Chicago")
SOONER = "sooner only if a day before it has minutes to spare"


@pytest.fixture
def chicago(db):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )


def test_a_follow_up_that_may_come_sooner_is_told_by_its_date(
    client, alice, make_lead, chicago, stop_clock
):
    stop_clock(datetime(2026, 12, 8, 9, 0, tzinfo=CHI))
    lead = make_lead(alice, name="Hal T07", timezone="America/Chicago")
    client.force_login(alice)
    card = client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "left_message", "channel": "call", "row": "new"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.status == "open" and lead.next_action == "contact", lead.plan_reason
    assert f"Next: {lead.next_channel} by " in card and f", {SOONER}" in card, card
