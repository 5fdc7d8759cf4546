"""Anyone can write any From: a request to stop opts the lead out by itself only when the
mail answers one of our messages or the receiving server vouches for the From domain
(Authentication-Results: DMARC, or DKIM/SPF for that domain, in the topmost header). Any
other is held: nothing is sent or planned, and a person confirms the opt-out or corrects
the reading (which lifts the hold)."""

from __future__ import annotations

import pytest

from fairchase.leads.models import Status, Suppression
from fairchase.outreach import inbound, mailbox
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

STOP = "Please remove me from your list. Stop emailing me."


def _received(imap_server, body=STOP, *, headers="", subject="Stop emailing me", to=None):
    imap_server.append(imap_server.folder, _reply(to, body, subject=subject, headers=headers))
    assert mailbox.poll_mailbox() == 1
    return InboundMessage.objects.get()


@pytest.mark.parametrize("subject", ["Stop emailing me", "unsubscribe"])
def test_a_stop_that_answers_nothing_of_ours_holds_the_lead_for_a_person(
    alice, make_lead, imap_server, subject
):
    lead = make_lead(alice, name="Nina Ford", email="ann@example.com")
    got = _received(imap_server, subject=subject)
    lead.refresh_from_db()
    assert lead.status != Status.OPTED_OUT
    assert not Suppression.objects.filter(value="ann@example.com").exists()
    assert got.kind == "unclear" and got.hold == InboundMessage.Hold.STOP
    assert got.effect.startswith("Asked us to stop, but it is not known to be theirs")
    assert lead.next_action == "wait" and inbound.HELD in lead.plan_reason  # waits for a person
    inbound.correct(got, "opt_out", alice)  # the person confirms
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT


def test_correcting_a_held_stop_lifts_the_hold(alice, make_lead, imap_server):
    lead = make_lead(alice, email="ann@example.com")
    inbound.correct(_received(imap_server), "interested", alice)
    lead.refresh_from_db()
    assert inbound.HELD not in lead.plan_reason and lead.status != Status.OPTED_OUT


def test_a_stop_that_answers_our_message_opts_out(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    assert _received(imap_server, to=sent.message_id).kind == "opt_out"
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT


@pytest.mark.parametrize(
    "results",
    [
        "mx.fairchase.test; dmarc=pass (p=reject) header.from=example.com",
        "mx.fairchase.test; spf=fail smtp.mailfrom=x@evil.test; dkim=pass header.d=example.com",
        "mx.fairchase.test; spf=pass smtp.mailfrom=bounces@mail.example.com",
    ],
)
def test_a_stop_the_receiving_server_vouches_for_opts_out(alice, make_lead, imap_server, results):
    lead = make_lead(alice, email="ann@example.com")
    got = _received(imap_server, headers=f"Authentication-Results: {results}\n")
    assert got.kind == "opt_out"
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT


@pytest.mark.parametrize(
    "headers",
    [
        # the server's verdict on top; the sender's own "pass" below it counts for nothing
        "Authentication-Results: mx.fairchase.test; dmarc=fail header.from=example.com\n"
        "Authentication-Results: mx.fairchase.test; dmarc=pass header.from=example.com\n",
        # a pass for another domain than the From's
        "Authentication-Results: mx.fairchase.test; dkim=pass header.d=evil.test; spf=pass "
        "smtp.mailfrom=x@evil.test; dmarc=none header.from=example.com\n",
        "Authentication-Results: mx.fairchase.test; dmarc=pass header.from=evil.test\n",
    ],
)
def test_a_stop_with_no_pass_for_its_from_domain_is_held(alice, make_lead, imap_server, headers):
    lead = make_lead(alice, email="ann@example.com")
    assert _received(imap_server, headers=headers).kind == "unclear"
    lead.refresh_from_db()
    assert lead.status != Status.OPTED_OUT
