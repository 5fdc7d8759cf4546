""" "Stop emailing me, just call me": a refusal of one channel beside a request for another
is no opt-out (eval28 #14). Their email address alone is suppressed, the lead stays open,
its plan turns to the phone, and a plain "stop emailing me" still opts out of everything."""

from __future__ import annotations

import pytest

from fairchase.leads import planning
from fairchase.leads.models import Status, Suppression
from fairchase.outreach import inbound, mailbox
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _answered(lead, alice, smtp_server, imap_server, body):
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(imap_server.folder, _reply(sent.message_id, body))
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    return InboundMessage.objects.get()


@pytest.mark.parametrize(
    "body",
    [
        "Stop sending me quotes by email and just call me, 01512 3456789.",
        "Please stop emailing me, just give me a call on my mobile.",
        "No more emails please, call me instead.",
        "Bitte schreiben Sie mir keine E-Mails mehr, rufen Sie mich lieber an.",
    ],
)
def test_a_stop_to_email_with_a_call_asked_for_suppresses_the_email_only(
    alice, make_lead, smtp_server, imap_server, body
):
    lead = make_lead(alice, name="Quinn Ford", email="ann@example.com", phone="+4915123456789")
    got = _answered(lead, alice, smtp_server, imap_server, body)
    assert got.kind != "opt_out", got.evidence
    assert lead.status not in (Status.OPTED_OUT, Status.CLOSED)
    assert set(Suppression.objects.values_list("value", flat=True)) == {"ann@example.com"}
    assert planning.reachable_channels(lead) == ["call"]
    assert got.effect.startswith("No more email, as they asked"), got.effect
    assert lead.next_channel in ("", "call")


def test_a_plain_stop_to_email_still_opts_out_of_everything(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ann@example.com", phone="+4915123456780")
    got = _answered(lead, alice, smtp_server, imap_server, "Please stop emailing me.")
    assert got.kind == "opt_out"
    assert lead.status == Status.OPTED_OUT
    assert set(Suppression.objects.values_list("value", flat=True)) == {
        "ann@example.com",
        "+4915123456780",
    }


def test_a_person_correcting_the_reading_lifts_the_refusal_of_email(
    alice, make_lead, smtp_server, imap_server
):
    """Read as "no more email" wrongly: the correction takes the suppression back, and
    applying the corrected reading does not block the address again (review25 H3)."""
    lead = make_lead(alice, name="Quinn Ford", email="ann@example.com", phone="+4915123456789")
    got = _answered(
        lead, alice, smtp_server, imap_server, "No more emails please, call me instead."
    )
    assert set(Suppression.objects.values_list("value", flat=True)) == {"ann@example.com"}
    assert got.kind == "interested"
    inbound.correct(got, "unclear", alice)
    lead.refresh_from_db()
    assert not Suppression.objects.exists()
    assert "email" in planning.reachable_channels(lead)
    assert lead.status not in (Status.OPTED_OUT, Status.CLOSED)
