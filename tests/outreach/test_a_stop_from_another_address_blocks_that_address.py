"""A "please stop" from an address that is not the lead's current one (their former address
after an edit, a colleague answering a forward) blocks the address that wrote it, so a new
lead on it is not emailed, and holds the lead for a person instead of opting out (and
suppressing) an address that never said anything (eval28 #6). From the lead's own address it
opts them out as before. Read over real IMAP, as the worker reads it."""

from __future__ import annotations

import pytest

from fairchase.leads import planning
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.outreach import mailbox
from fairchase.outreach.held import held_stops
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _stop_from(imap_server, sent, sender: str, text: str) -> InboundMessage:
    imap_server.append(imap_server.folder, _reply(sent.message_id, text, sender=sender))
    assert mailbox.poll_mailbox() == 1
    return InboundMessage.objects.get()


def test_a_stop_from_the_former_address_blocks_it_and_holds_the_lead(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="edgar.old@example.com")
    sent = _sent(lead, alice, smtp_server)
    Lead.objects.filter(pk=lead.pk).update(email="edgar.new@example.com")
    got = _stop_from(imap_server, sent, "edgar.old@example.com", "Please stop emailing me.")
    assert list(Suppression.objects.values_list("value", flat=True)) == ["edgar.old@example.com"]
    lead.refresh_from_db()
    assert lead.status != Status.OPTED_OUT
    assert list(held_stops()) == [got]
    new = make_lead(alice, name="Edgar T", email="edgar.old@example.com")
    assert "email" not in planning.reachable_channels(new)


def test_a_colleagues_stop_on_a_forward_blocks_the_colleague_not_the_lead(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="frank@example.com")
    sent = _sent(lead, alice, smtp_server)
    text = "I'm not the right person for this, please stop emailing me."
    _stop_from(imap_server, sent, "julia@example.com", text)
    assert list(Suppression.objects.values_list("value", flat=True)) == ["julia@example.com"]
    lead.refresh_from_db()
    assert lead.status != Status.OPTED_OUT
    assert "email" in planning.reachable_channels(lead)  # frank said nothing
    notes = lead.status_changes.values_list("reason", flat=True)
    assert any("julia@example.com" in r and "asked us to stop" in r for r in notes)


def test_a_stop_from_the_leads_own_address_opts_them_out(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    _stop_from(imap_server, sent, "ann@example.com", "Please stop emailing me.")
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="ann@example.com").exists()
