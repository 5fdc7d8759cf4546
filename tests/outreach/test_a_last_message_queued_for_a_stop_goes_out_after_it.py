"""The message written for a stop (the door-open goodbye, the mailing-list invitation) that
is held on a Sunday evening still goes out on Monday after the person lets the lead go: the
stop is what it was written for, so the stop does not cancel it, the send does not refuse
a lead stopped that way, and sending it does not reopen the lead. Undoing the stop cancels
it: the lead is chased again, and a goodbye no longer fits. Real SMTP server; the clock is
stopped on a Sunday evening in Chicago."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead, Status
from fairchase.outreach import actions as message_actions
from fairchase.outreach import outbox
from fairchase.outreach.models import MessageTemplate, OutboundMessage

CHICAGO = ZoneInfo("America/Chicago")
SUNDAY_EVENING = datetime(2026, 12, 6, 18, 30, tzinfo=CHICAGO)
MONDAY_MORNING = datetime(2026, 12, 7, 8, 5, tzinfo=CHICAGO)
State = OutboundMessage.State
# (the plan's stop, the template drafted for it, the lead's consents)
STOPS = [
    ("revisit", "breakup", []),
    ("closed", "breakup", []),
    ("nurture", "mailing_list", ["mailing_list"]),
]


def _ready_to_let_go(make_lead, alice, next_state: str, consents) -> Lead:
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        business_timezone="America/Chicago"
    )
    lead = make_lead(
        alice,
        name="Rita Moreno",
        consents=consents,
        created_at=SUNDAY_EVENING - timedelta(days=20),
    )
    actions.log_attempt(lead, "call", "no_answer", at=SUNDAY_EVENING - timedelta(days=12))
    actions.log_attempt(lead, "email", "no_answer", at=SUNDAY_EVENING - timedelta(days=6))
    Lead.objects.filter(pk=lead.pk).update(
        next_action="stop",
        next_state=next_state,
        plan_revisit_at=SUNDAY_EVENING + timedelta(days=90) if next_state == "revisit" else None,
        plan_reason="Unlikely to answer now.",
    )
    return Lead.objects.get(pk=lead.pk)


def _send_then_let_go(client, alice, lead, purpose: str) -> tuple[OutboundMessage, str]:
    """Send email on the drafted last message (held: Sunday), then "Let go" on the row."""
    client.force_login(alice)
    template = MessageTemplate.objects.get(purpose=purpose, channel="email")
    client.post(f"/o/leads/{lead.pk}/send/", {"template": template.pk})
    msg = OutboundMessage.objects.get(lead=lead, template=template)
    assert msg.state == State.QUEUED and msg.held, msg.error
    card = client.post(
        f"/leads/{lead.pk}/outcome/", {"outcome": "stop", "row": "let_go"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    return msg, card


@pytest.mark.parametrize("next_state, purpose, consents", STOPS)
def test_the_last_message_held_on_sunday_goes_out_on_monday_after_the_stop(
    alice, make_lead, smtp_server, stop_clock, next_state, purpose, consents
):
    stop_clock(SUNDAY_EVENING)
    lead = _ready_to_let_go(make_lead, alice, next_state, consents)
    msg, _ = _send_then_let_go(Client(), alice, lead, purpose)
    lead.refresh_from_db()
    msg.refresh_from_db()
    assert lead.status == next_state
    assert msg.state == State.QUEUED, msg.error  # the stop it was written for keeps it
    stop_clock(MONDAY_MORNING)
    outbox.send_due()
    msg.refresh_from_db()
    assert msg.state == State.SENT, msg.error
    assert [r.to for r in smtp_server.received] == [[lead.email]]
    lead.refresh_from_db()
    assert lead.status == next_state  # the goodbye going out does not reopen the lead
    assert lead.attempts.count() == 3


def test_send_now_anyway_sends_the_last_message_of_a_lead_let_go(
    alice, make_lead, smtp_server, stop_clock, django_capture_on_commit_callbacks
):
    stop_clock(SUNDAY_EVENING)
    lead = _ready_to_let_go(make_lead, alice, "revisit", [])
    client = Client()
    msg, _ = _send_then_let_go(client, alice, lead, "breakup")
    row = client.get("/o/outbox/").content.decode().split(f'id="message-{msg.pk}"')[1]
    assert 'value="override"' in row.split("</tr>")[0]  # offered: the stop keeps it
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            f"/o/outbox/{msg.pk}/settle/", {"decision": "override"}, follow=True
        ).content.decode()
    msg.refresh_from_db()
    assert msg.state == State.SENT, (msg.error, page)
    assert "Nothing to do" not in page
    assert len(smtp_server.received) == 1
    lead.refresh_from_db()
    assert lead.status == Status.REVISIT


def test_undoing_the_stop_cancels_the_last_message_written_for_it(
    alice, make_lead, smtp_server, stop_clock
):
    stop_clock(SUNDAY_EVENING)
    lead = _ready_to_let_go(make_lead, alice, "revisit", [])
    client = Client()
    msg, card = _send_then_let_go(client, alice, lead, "breakup")
    token = re.search(r'name="token" value="([^"]+)"', card).group(1)
    client.post(f"/leads/{lead.pk}/undo/", {"token": token}, HTTP_HX_REQUEST="true")
    lead.refresh_from_db()
    msg.refresh_from_db()
    assert lead.status == Status.OPEN
    assert msg.state == State.CANCELLED
    assert msg.error == "The stop it was written for was undone: the lead is chased again."
    note = lead.status_changes.latest("pk")
    assert note.reason == "Last message for the stop cancelled. " + msg.error
    stop_clock(MONDAY_MORNING)
    outbox.send_due()
    assert smtp_server.received == []


def test_any_other_message_queued_is_still_cancelled_by_the_stop(
    alice, make_lead, smtp_server, stop_clock
):
    stop_clock(SUNDAY_EVENING)
    lead = _ready_to_let_go(make_lead, alice, "revisit", [])
    other = outbox.queue(lead, "email", "Quote", "Here is the quote.", user=alice)
    _send_then_let_go(Client(), alice, lead, "breakup")
    other.refresh_from_db()
    assert other.state == State.CANCELLED
    # a sentence, not "The lead is revisit later."
    assert other.error == "The lead was let go, to revisit on 6 Mar 2027."


def test_a_stop_to_the_mailing_list_says_so_in_a_sentence(
    alice, make_lead, smtp_server, stop_clock
):
    stop_clock(SUNDAY_EVENING)
    lead = _ready_to_let_go(make_lead, alice, "nurture", ["mailing_list"])
    other = outbox.queue(lead, "email", "Quote", "Here is the quote.", user=alice)
    actions.stop_chasing(lead, Status.NURTURE, user=alice)
    other.refresh_from_db()
    assert other.error == "The lead was moved to the mailing list: it is no longer chased."


def test_a_last_message_confirmed_to_have_arrived_after_the_stop_is_a_try_that_keeps_it(
    alice, make_lead, smtp_server, stop_clock
):
    """The worker died sending it on Monday; a person checks and confirms it arrived."""
    stop_clock(SUNDAY_EVENING)
    lead = _ready_to_let_go(make_lead, alice, "revisit", [])
    msg, _ = _send_then_let_go(Client(), alice, lead, "breakup")
    stop_clock(MONDAY_MORNING)
    OutboundMessage.objects.filter(pk=msg.pk).update(state=State.UNKNOWN, claimed_at=MONDAY_MORNING)
    assert message_actions.confirm_arrived(msg, alice)
    lead.refresh_from_db()
    assert lead.status == Status.REVISIT and lead.attempts.count() == 3
