"""After a click on Today, the card folds in the lead's message when the plan's next step is
for the day Today shows (`planning.contact_day`): on a Sunday that is Monday, as on a
weekday it is that day. It folded none for a Monday step on a Sunday, while Today listed
Monday's follow-ups. The clock is stopped on a Sunday morning, Paris time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.outreach import outbox

PARIS = ZoneInfo("Europe/Paris")
SUNDAY = datetime(2030, 1, 6, 10, 30, tzinfo=PARIS)


def _promised_a_call(make_lead, alice, promised: datetime) -> Lead:
    """Dana, tried last week, said she would call us at `promised`: the plan's next step is
    a day after it (the core's grace), an email, and that email is already in the outbox."""
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "Europe/Paris"}
    )
    dana = make_lead(alice, name="Dana Khan", phone="", created_at=SUNDAY - timedelta(days=10))
    actions.log_attempt(dana, "email", "no_answer", at=SUNDAY - timedelta(days=6))
    actions.add_commitment(dana, by="lead", what="She calls us back", due_at=promised)
    outbox.queue(dana, "email", "Your quote", "Hi Dana", due_at=promised + timedelta(days=1))
    return dana


def _no_answer(client, alice, lead) -> str:
    client.force_login(alice)
    return client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "sent", "channel": "email", "row": "followup"},
        HTTP_HX_REQUEST="true",
    ).content.decode()


@pytest.mark.parametrize(
    "promised, offered",
    [
        (SUNDAY + timedelta(hours=2), True),  # her step is Monday: Today's day
        (SUNDAY + timedelta(days=1, hours=2), False),  # Tuesday: not the day Today shows
    ],
)
def test_on_a_sunday_a_click_offers_the_message_of_a_step_due_monday(
    client, alice, make_lead, stop_clock, promised, offered
):
    stop_clock(SUNDAY)
    dana = _promised_a_call(make_lead, alice, promised)
    card = _no_answer(client, alice, dana)
    dana.refresh_from_db()
    assert (dana.next_action, dana.next_channel) == ("contact", "email"), dana.plan_reason
    assert dana.next_due.astimezone(PARIS).date() == (promised + timedelta(days=1)).date()
    assert "Sent to Dana Khan (email)" in card
    assert ("Email queued for" in card) is offered, card
