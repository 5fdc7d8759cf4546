"""A lead held by a request to stop nobody has decided on, the way it happens: an unthreaded
"please stop" that no server vouches for arrives in the mailbox (a real Dovecot)."""

from __future__ import annotations

from fairchase.leads.models import Lead
from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply

STOP = "Please remove me from your list and stop calling me."


def held_by_an_unvouched_stop(imap_server, lead: Lead) -> InboundMessage:
    """The lead after a "please stop" from its own address, not known to be theirs."""
    imap_server.append(
        imap_server.folder, _reply(None, STOP, sender=lead.email, subject="remove me")
    )
    assert mailbox.poll_mailbox() == 1
    got = InboundMessage.objects.get(lead=lead)
    assert got.hold == InboundMessage.Hold.STOP, got.evidence
    lead.refresh_from_db()
    return got
