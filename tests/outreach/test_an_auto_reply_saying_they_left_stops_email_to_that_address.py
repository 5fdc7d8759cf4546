"""An automatic reply saying the person no longer works there (eval28 #15) is not just "not
counted": the mailbox is dead, so it is not emailed again, and the lead's timeline says so
with the contact the reply names, for a person to update the address. An ordinary
out-of-office changes no address. Over real IMAP, as the worker reads it."""

from __future__ import annotations

import pytest

from fairchase.leads import planning
from fairchase.leads.models import Suppression
from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

LEFT = (
    "Lara Left no longer works at LeftCo. Please contact info@leftco.example instead. "
    "This mailbox is not monitored."
)


def _auto(imap_server, sent, text: str) -> InboundMessage:
    mail = _reply(
        sent.message_id,
        text,
        sender="lara@leftco.example",
        subject="Automatic reply: Sorry I missed you",
        headers="Auto-Submitted: auto-replied\n",
    )
    imap_server.append(imap_server.folder, mail)
    assert mailbox.poll_mailbox() == 1
    return InboundMessage.objects.get()


def test_they_left_the_address_is_not_emailed_again(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="lara@leftco.example")
    sent = _sent(lead, alice, smtp_server)
    got = _auto(imap_server, sent, LEFT)
    assert got.kind == InboundMessage.Kind.AUTO_REPLY
    assert Suppression.objects.filter(value="lara@leftco.example").exists()
    lead.refresh_from_db()
    assert "email" not in planning.reachable_channels(lead)
    assert "info@leftco.example" in got.effect and "Update the address" in got.effect
    notes = lead.status_changes.values_list("reason", flat=True)
    assert any("no longer work there" in r for r in notes)


def test_an_out_of_office_changes_no_address(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="lara@leftco.example")
    sent = _sent(lead, alice, smtp_server)
    _auto(imap_server, sent, "I am out of the office until 14 January with limited access.")
    assert not Suppression.objects.exists()
