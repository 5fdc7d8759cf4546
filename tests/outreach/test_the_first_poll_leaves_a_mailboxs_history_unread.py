"""The first poll of a newly connected mailbox reads mail received since our first email
(at most FIRST_READ_DAYS back, today if none went), not the mailbox's whole history: years
of newsletters are no strangers' mail to dismiss, and old mail from a lead's address is no
reply of theirs. Later polls go on from the cursor, whatever a message's date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads.models import Lead, Status
from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage
from tests.outreach.test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _append(imap_server, raw: str, days_ago: float) -> None:
    with imap_server.client() as c:
        c.append(imap_server.folder, raw.encode(), msg_time=timezone.now() - timedelta(days_ago))


def test_a_first_poll_reads_from_our_first_email_not_the_whole_history(
    alice, make_lead, smtp_server, imap_server
):
    lead = make_lead(alice, email="ann@example.com")
    for n in range(5):  # last year's newsletters
        _append(
            imap_server,
            _reply(None, "Our news", sender=f"news{n}@list.example", msg_id=f"<n{n}@list.example>"),
            100 + n,
        )
    _append(imap_server, _reply(None, "No thanks, not interested.", msg_id="<old@x>"), 60)
    msg = _sent(lead, alice, smtp_server)
    _append(imap_server, _reply(msg.message_id, "Call me tomorrow at 10."), 0)
    mailbox.poll_mailbox()
    [read] = InboundMessage.objects.all()
    assert read.outbound_id == msg.pk  # the reply to us, and nothing older
    assert Lead.objects.get().status != Status.LOST  # the old "no thanks" was not read

    _append(imap_server, _reply(None, "Buy now", sender="s@spam.example", msg_id="<s@x>"), 30)
    mailbox.poll_mailbox()  # a later poll: what arrived since, whatever its date says
    assert InboundMessage.objects.filter(kind="unmatched").count() == 1
