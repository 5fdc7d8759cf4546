"""A reply written between the lines of ours is the person's own text: every answer is kept
for a person to read, whatever attribution line sits above the quote, and a "no" that
answers our unsubscribe line keeps them on; it never closes the lead (eval28 #16)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fairchase.leads.models import Status
from fairchase.outreach import mailbox, replies
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

MAILS = Path(__file__).parent / "eval28"
RECEIVED = datetime(2026, 12, 7, 10, tzinfo=UTC)
INLINE = (
    "> Would you like a quote?\nYes.\n"
    "> If you'd rather not hear from us again, unsubscribe here\n{answer}\n"
)


@pytest.mark.parametrize("name", ["ivo.eml", "ines.eml"])
def test_a_yes_and_a_no_to_our_unsubscribe_line_is_interest(name):
    reading = replies.read_message((MAILS / name).read_bytes(), "Europe/Berlin", RECEIVED)
    assert reading.text == "Yes.\nNo, keep me on."
    assert reading.kind == "interested", reading.evidence


def test_any_attribution_line_above_the_quote_is_not_the_answer():
    body = "Tom Baker <tom@acme.example> wrote:\n> Hi,\n>\n> Would you like a quote?\nYes please.\n"
    assert replies.read_text(body, RECEIVED, "UTC", channel="email").text == "Yes please."


def test_a_yes_to_our_unsubscribe_line_is_for_a_person():
    body = INLINE.format(answer="Yes.")
    assert replies.read_text(body, RECEIVED, "UTC", channel="email").kind == "unclear"


def test_asking_to_unsubscribe_below_our_unsubscribe_line_still_opts_out():
    body = INLINE.format(answer="Unsubscribe me please.")
    assert replies.read_text(body, RECEIVED, "UTC", channel="email").kind == "opt_out"


@pytest.mark.servers
@pytest.mark.usefixtures("open_all_day")
def test_a_no_to_our_unsubscribe_line_never_closes_the_lead(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(
        imap_server.folder, _reply(sent.message_id, INLINE.format(answer="No, keep me on."))
    )
    assert mailbox.poll_mailbox() == 1
    got = InboundMessage.objects.get()
    lead.refresh_from_db()
    assert got.kind == "interested" and got.text == "Yes.\nNo, keep me on."
    assert lead.status not in (Status.CLOSED, Status.OPTED_OUT)
