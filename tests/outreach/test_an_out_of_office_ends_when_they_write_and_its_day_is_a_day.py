"""An out-of-office pauses the chase until its day; "ab dem 21.12." is that day (from the
start of contact hours), never 21:12. A message the person writes themselves after it
ends the pause: an interested answer is answered now (eval28 #5, #19)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from fairchase.leads.models import Status
from fairchase.outreach import mailbox, replies
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

SENT = datetime(2026, 12, 7, 10, tzinfo=UTC)
AWAY = "Auto-Submitted: auto-replied\n"


@pytest.mark.parametrize(
    "text, day",
    [
        (
            "Ich bin bis einschließlich 18.12.2026 nicht im Büro. Ab dem 21.12. bin ich wieder erreichbar.",
            date(2026, 12, 21),
        ),
        ("Ich bin ab dem 22.12. wieder im Büro.", date(2026, 12, 22)),
        ("I am back on 21.12.", date(2026, 12, 21)),
        ("Je serai de retour le 21.12.", date(2026, 12, 21)),
    ],
)
def test_a_day_and_month_with_dots_is_a_day_not_a_time(text, day):
    reading = replies.read_text(text, SENT, "Europe/Berlin", channel="email", automatic=AWAY)
    assert reading.kind == "auto_reply"
    assert (reading.until.date(), reading.until.hour, reading.until.minute) == (day, 9, 0)


def test_a_time_with_a_dot_after_at_is_still_a_time():
    reading = replies.read_text("Call me Tuesday at 10.30.", SENT, "Europe/Berlin", channel="email")
    assert (reading.kind, reading.until.hour, reading.until.minute) == ("call_back", 10, 30)


@pytest.mark.servers
def test_their_own_yes_after_an_out_of_office_ends_the_pause(
    open_all_day, alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(
        imap_server.folder,
        _reply(sent.message_id, "I am out of the office until 14 January 2027.", headers=AWAY),
    )
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    assert lead.paused_until is not None  # the business's day, not UTC's
    assert lead.paused_until.astimezone(ZoneInfo(open_all_day)).date() == date(2027, 1, 14)
    imap_server.append(
        imap_server.folder,
        _reply(
            sent.message_id,
            "I'm back early. Yes, we'd like the quote, please send it.",
            msg_id="<r2@mail.example.com>",
        ),
    )
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    assert InboundMessage.objects.get(key="<r2@mail.example.com>").kind == "interested"
    assert lead.paused_until is None and lead.status == Status.ENGAGED
    assert "out of office" not in lead.plan_reason.lower()
