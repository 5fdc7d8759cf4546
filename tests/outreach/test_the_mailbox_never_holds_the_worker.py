"""Reading the mailbox never holds the worker's other steps (sending): a poll reads for a
budget of time and leaves the rest to the next poll, which comes at once; and a message
whose reading began several times without an end (a worker killed reading it) is set aside
for a person instead of being read again forever, the mail behind it read as usual."""

from __future__ import annotations

import pytest
from django.conf import settings

from fairchase.leads.models import Status
from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage, MailboxCursor

from .test_mailbox import _reply

pytestmark = [pytest.mark.servers]


def _three_replies(imap_server):
    for i in range(3):
        imap_server.append(
            imap_server.folder,
            _reply(None, "Yes please, send me the quote.", msg_id=f"<r{i}@mail.example.com>"),
        )


def test_a_poll_reads_for_its_budget_and_leaves_the_rest_to_the_next(alice, make_lead, imap_server):
    make_lead(alice, email="ann@example.com")
    _three_replies(imap_server)
    assert mailbox.poll(0) == (1, True)  # at least one message, then the budget is spent
    assert mailbox.poll(0) == (1, True)
    assert mailbox.poll(60) == (1, False)
    assert InboundMessage.objects.count() == 3


def test_the_worker_step_polls_again_at_once_while_mail_is_left(
    alice, make_lead, imap_server, monkeypatch
):
    make_lead(alice, email="ann@example.com")
    _three_replies(imap_server)
    monkeypatch.setattr(mailbox, "POLL_SECONDS", 0)
    monkeypatch.setattr(mailbox, "_next_poll", 0.0)
    assert [mailbox.poll_step() for _ in range(3)] == [1, 1, 1]
    imap_server.append(
        imap_server.folder, _reply(None, "And a call?", msg_id="<r9@mail.example.com>")
    )
    assert mailbox.poll_step() == 0  # nothing was left: the next poll is a minute away


def test_a_message_whose_reading_never_ended_is_set_aside_for_a_person(
    alice, make_lead, imap_server
):
    lead = make_lead(alice, email="ann@example.com")
    _three_replies(imap_server)
    # The worker was killed three times while reading the first message (uid 1).
    MailboxCursor.objects.create(
        folder=settings.IMAP_FOLDER, reading_uid=1, reading_tries=mailbox.MAX_TRIES
    )
    assert mailbox.poll_mailbox() == 3
    first, *rest = InboundMessage.objects.order_by("key")
    assert (first.key, first.kind, first.lead_id) == ("<r0@mail.example.com>", "unclear", lead.pk)
    assert first.evidence.startswith("Not read: its reading stopped 3 times")
    assert first.text.startswith("Yes please")  # shown to the person as it came
    assert [m.kind for m in rest] == ["interested", "interested"]
    lead.refresh_from_db()
    assert lead.status == Status.ENGAGED
    cursor = MailboxCursor.objects.get(folder=settings.IMAP_FOLDER)
    assert (cursor.last_uid, cursor.reading_uid, cursor.reading_tries) == (3, 0, 0)


def test_a_message_is_read_again_after_fewer_interrupted_readings(alice, make_lead, imap_server):
    make_lead(alice, email="ann@example.com")
    _three_replies(imap_server)
    MailboxCursor.objects.create(
        folder=settings.IMAP_FOLDER, reading_uid=1, reading_tries=mailbox.MAX_TRIES - 1
    )
    assert mailbox.poll_mailbox() == 3
    assert set(InboundMessage.objects.values_list("kind", flat=True)) == {"interested"}


def test_a_message_that_cannot_even_be_set_aside_is_recorded_bare_for_a_person(
    alice, make_lead, imap_server, monkeypatch
):
    make_lead(alice, email="ann@example.com")
    _three_replies(imap_server)

    def unparsable(raw):
        raise ValueError("broken MIME")

    monkeypatch.setattr(mailbox, "parse", unparsable)
    assert mailbox.poll_mailbox() == 3
    bare = InboundMessage.objects.order_by("pk")
    assert [(m.lead_id, m.kind, m.subject) for m in bare] == [
        (None, "unmatched", "A message that could not be read")
    ] * 3
    assert bare[0].evidence == (
        f"Not read: its reading failed; open it in the mailbox ({settings.IMAP_FOLDER}:"
        f"{MailboxCursor.objects.get().uidvalidity}:1)."
    )
