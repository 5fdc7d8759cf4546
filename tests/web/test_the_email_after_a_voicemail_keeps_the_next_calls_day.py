"""Following the app's own advice costs nothing: after "Left message" Today says when the next
call is and offers "Email after a voicemail"; clicking Sent on that email is part of the same
try (seed 000: call, message, email), so the next call keeps its day. Before, the email counted
as a try of its own and "Next: call Thu 17 Dec" became "Next: email Thu 31 Dec" (eval37 #4)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fairchase.leads.models import BusinessSettings, Lead

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
TUESDAY = datetime(2026, 12, 8, 9, 0, tzinfo=CHICAGO)
THURSDAY = TUESDAY + timedelta(days=2)


def _click(client, lead, outcome: str, channel: str) -> str:
    return client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": outcome, "channel": channel, "row": "followup"},
        HTTP_HX_REQUEST="true",
    ).content.decode()


def _next(card: str) -> str:
    return re.search(r"Next: [^.<]*", card).group(0)


def test_sending_the_suggested_email_keeps_the_next_calls_day(client, alice, make_lead, stop_clock):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    stop_clock(TUESDAY - timedelta(hours=1))
    pam = make_lead(alice, name="Pam Tate", source="inbound_call", value=3000)
    client.force_login(alice)
    stop_clock(TUESDAY)
    _click(client, pam, "no_answer", "call")
    stop_clock(THURSDAY)
    voicemail = _click(client, pam, "left_message", "call")
    assert "Email after a voicemail" in voicemail
    planned = Lead.objects.get(pk=pam.pk)
    assert planned.next_action == "contact" and planned.next_channel == "call"
    stop_clock(THURSDAY + timedelta(minutes=5))
    sent = _click(client, pam, "sent", "email")
    assert "Sent to Pam Tate (email): logged." in sent
    after = Lead.objects.get(pk=pam.pk)
    assert (after.next_channel, after.next_due) == (planned.next_channel, planned.next_due)
    assert _next(sent) == _next(voicemail), (voicemail, sent)
    assert "4th try" not in after.plan_reason
