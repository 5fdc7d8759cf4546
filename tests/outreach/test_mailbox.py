"""The mailbox poller against a real Dovecot: replies, automatic replies, refusals,
dates, bounces and mailto unsubscribes, each handled once however often we poll."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.db import transaction
from django.utils import timezone

from fairchase import clock
from fairchase.leads.models import Attempt, Lead, Status, Suppression
from fairchase.outreach import mailbox, outbox
from fairchase.outreach.models import InboundMessage, OutboundMessage

pytestmark = [
    pytest.mark.servers,
    pytest.mark.usefixtures("open_all_day"),
]  # clicked sends hold at any hour


def _sent(lead, user, smtp_server, *, then_zone: str = ""):
    """Our email to the lead, sent within contact hours; `then_zone`: the lead's own time zone,
    set after the send (a reply is read in it; a send there may fall on its Sunday)."""
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Sorry I missed you", "Hello\n", user=user)
    assert outbox.send_now(msg) == "sent"
    if then_zone:
        Lead.objects.filter(pk=lead.pk).update(timezone=then_zone)
        lead.timezone = then_zone
    msg.refresh_from_db()
    return msg


def _reply(
    to_msg_id: str | None,
    body: str,
    *,
    sender="ann@example.com",
    subject="Re: Sorry I missed you",
    headers: str = "",
    msg_id: str = "<r1@mail.example.com>",
    when=None,
) -> str:
    when = when or timezone.now()
    refs = (
        f"In-Reply-To: {to_msg_id}\nReferences: <older@x.test> {to_msg_id}\n" if to_msg_id else ""
    )
    return (
        f"From: Ann Adams <{sender}>\nTo: sales@fairchase.test\nSubject: {subject}\n"
        f"Date: {format_datetime(when)}\nMessage-ID: {msg_id}\n{refs}{headers}"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}"
    )


def test_a_reply_to_our_message_makes_the_lead_engaged_and_cancels_queued_follow_ups(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    with transaction.atomic():
        later = outbox.queue(
            lead,
            "email",
            "Following up",
            "Hello again\n",
            due_at=timezone.now() + timedelta(days=2),
        )
    imap_server.append(
        imap_server.folder,
        _reply(
            sent.message_id,
            "Thanks, what would it cost for the whole house?",
            sender="someone-else@forwarded.example",
        ),
    )
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    assert lead.status == Status.ENGAGED
    assert Attempt.objects.filter(lead=lead, outcome="replied").count() == 1
    assert OutboundMessage.objects.get(pk=later.pk).state == "cancelled"
    got = InboundMessage.objects.get(lead=lead)
    assert (got.kind, got.outbound_id) == ("interested", sent.pk)


def test_polling_again_changes_nothing(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(imap_server.folder, _reply(sent.message_id, "Yes please, call me."))
    assert mailbox.poll_mailbox() == 1
    assert mailbox.poll_mailbox() == 0
    from fairchase.outreach.models import MailboxCursor

    MailboxCursor.objects.all().delete()  # even a lost cursor does not record a message twice
    assert mailbox.poll_mailbox() == 0
    assert Attempt.objects.filter(lead=lead, outcome="replied").count() == 1
    assert InboundMessage.objects.count() == 1


def test_mail_without_references_is_matched_by_the_senders_address(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="Ann@Example.com")
    imap_server.append(
        imap_server.folder,
        _reply(None, "Hello, is this still available?", sender="ANN@example.com"),
    )
    mailbox.poll_mailbox()
    assert InboundMessage.objects.get().lead == lead
    lead.refresh_from_db()
    assert lead.status == Status.ENGAGED


def test_an_out_of_office_pauses_the_chase_and_is_not_a_reply(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server, then_zone="Europe/London")
    back = (timezone.now() + timedelta(days=10)).strftime("%-d %B %Y")
    imap_server.append(
        imap_server.folder,
        _reply(
            sent.message_id,
            f"I am out of the office, back on {back}.",
            subject="Automatic reply: Sorry I missed you",
            headers="Auto-Submitted: auto-replied\n",
        ),
    )
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    assert not Attempt.objects.filter(lead=lead, outcome="replied").exists()
    assert (
        lead.paused_until is not None
        and lead.paused_until.astimezone().date() >= (timezone.now() + timedelta(days=9)).date()
    )
    assert InboundMessage.objects.get().kind == "auto_reply"


def test_not_interested_closes_the_lead_and_quotes_the_reply(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(
        imap_server.folder,
        _reply(sent.message_id, "We've decided to go with another supplier, sorry."),
    )
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.CLOSED
    assert "another supplier" in lead.status_changes.order_by("-pk").first().reason


def test_try_again_in_march_becomes_a_dated_revisit(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(imap_server.folder, _reply(sent.message_id, "Not now, try again in March."))
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.REVISIT
    # March where they are (the business's zone: a test day may put it at UTC+14)
    assert lead.revisit_at.astimezone(clock.business_zone()).month == 3
    assert lead.revisit_at > timezone.now()


def test_replies_in_other_languages_are_read_by_the_worker_with_their_quoted_history(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ana@example.com")
    other = make_lead(alice, email="jonas@example.com")
    sent = _sent(lead, alice, smtp_server, then_zone="Europe/Madrid")
    sent_other = _sent(other, alice, smtp_server, then_zone="Europe/Berlin")
    history = (
        "El lun, 9 mar 2026 a las 16:05, Tom <sales@fairchase.test> escribió:\n"
        "> ¿Sigue interesada? Para darse de baja, haga clic aquí."
    )
    imap_server.append(
        imap_server.folder,
        _reply(
            sent.message_id,
            f"Ahora no es buen momento. Escríbeme en septiembre.\n\n{history}",
            sender="ana@example.com",
            msg_id="<es1@mail.example.com>",
        ),
    )
    imap_server.append(
        imap_server.folder,
        _reply(
            sent_other.message_id,
            "Guten Tag, wir haben uns für einen anderen Anbieter entschieden.\n\nMit freundlichen Grüßen\nJonas\n\n"
            "Von: Tom <sales@fairchase.test>\nGesendet: Montag, 9. März 2026 16:05\nAn: Jonas\nBetreff: Angebot\n\n"
            "Haben Sie noch Interesse? Hier abmelden.",
            sender="jonas@example.com",
            msg_id="<de1@mail.example.com>",
        ),
    )
    assert mailbox.poll_mailbox() == 2
    lead.refresh_from_db()
    other.refresh_from_db()
    assert (
        lead.status == Status.REVISIT
        and lead.revisit_at.month == 9
        and lead.revisit_at > timezone.now()
    )
    assert other.status == Status.CLOSED  # neither "Interesse" nor "abmelden" in the quote decided
    got = {m.lead_id: m for m in InboundMessage.objects.all()}
    assert (got[lead.pk].kind, got[lead.pk].language) == ("later", "es")
    assert (got[other.pk].kind, got[other.pk].language) == ("not_interested", "de")
    assert "anderen Anbieter" in got[other.pk].evidence and "Gesendet" not in got[other.pk].text


def test_remove_me_opts_out_and_suppresses_the_address(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(
        imap_server.folder, _reply(sent.message_id, "Please remove me from your list.")
    )
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="ann@example.com").exists()


DSN = """From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: sales@fairchase.test
Subject: Undelivered Mail Returned to Sender
Date: {date}
Message-ID: <dsn1@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain

This is the mail system at host mx.example.net. Your message could not be delivered.

--BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {to}
Original-Recipient: rfc822;{to}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <{to}>: Recipient address rejected: User unknown

--BOUNDARY
Content-Type: text/rfc822-headers

From: Alice <sales@fairchase.test>
To: {to}
Subject: Sorry I missed you
Message-ID: {msgid}

--BOUNDARY--
"""


def bounce_of(sent: OutboundMessage, to: str) -> str:
    """A mail server's delivery failure report for our message `sent`, to `to`, now."""
    return DSN.format(date=format_datetime(timezone.now()), to=to, msgid=sent.message_id)


def test_a_bounce_suppresses_the_address_and_logs_a_bounced_attempt(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="gone@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(imap_server.folder, bounce_of(sent, "gone@example.com"))
    assert mailbox.poll_mailbox() == 1
    assert Suppression.objects.filter(value="gone@example.com", reason="bounce").exists()
    assert Attempt.objects.filter(lead=lead, outcome="bounced").count() == 1
    assert InboundMessage.objects.get().kind == "bounce"
    assert "Bounced" in OutboundMessage.objects.get(pk=sent.pk).error
    with pytest.raises(outbox.OutboxError, match="asked not to be contacted"):  # nothing queued
        outbox.queue(Lead.objects.get(pk=lead.pk), "email", "Hello", "Hi\n", user=alice)
    assert mailbox.poll_mailbox() == 0


def test_a_bounce_of_an_address_since_replaced_blocks_that_address_not_the_new_one(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="old@example.com")
    sent = _sent(lead, alice, smtp_server)
    Lead.objects.filter(pk=lead.pk).update(email="new@example.com")  # corrected before the DSN
    imap_server.append(imap_server.folder, bounce_of(sent, "old@example.com"))
    assert mailbox.poll_mailbox() == 1
    assert Suppression.objects.filter(value="old@example.com", reason="bounce").exists()
    assert not Suppression.objects.filter(value="new@example.com").exists()
    assert not Attempt.objects.filter(lead=lead, outcome="bounced").exists()
    assert "old@example.com will not be used again" in InboundMessage.objects.get().effect
    outbox.queue(Lead.objects.get(pk=lead.pk), "email", "Hello", "Hi\n", user=alice)  # still open


def test_mail_from_strangers_is_kept_once_as_unmatched(alice, make_lead, smtp_server, imap_server):
    make_lead(alice, email="ann@example.com")
    imap_server.append(
        imap_server.folder, _reply(None, "Buy our SEO services!", sender="spam@spam.example")
    )
    mailbox.poll_mailbox()
    assert InboundMessage.objects.get().kind == "unmatched"
    assert Lead.objects.get().status == Status.OPEN


def test_the_list_unsubscribe_mailto_opts_out(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    imap_server.append(
        imap_server.folder,
        _reply(
            None,
            "",
            subject=f"unsubscribe {sent.message_id.strip('<>')}",
            sender="list-robot@mailbox-provider.example",
        ),
    )
    mailbox.poll_mailbox()
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
