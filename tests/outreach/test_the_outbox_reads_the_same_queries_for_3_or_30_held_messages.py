"""The Outbox asks whether each held message may still go ("Send now anyway" is offered
only to an address nobody suppressed): one look-up for the whole page, never one query per
row. Before, every held, failed or unknown row asked the database on its own, so a
weekend's held messages made the page slower row by row."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairchase.leads import actions
from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage

from .test_sending import _hours_away_from_now, _queue


def _hold(make_lead, user, first: int, n: int) -> None:
    """`n` messages queued outside the contact hours: each held for a person to confirm."""
    for i in range(first, first + n):
        lead = make_lead(user, name=f"Held {i}", email=f"held{i}@example.com")
        outbox.send_now(_queue(lead, user))
    held = [m for m in OutboundMessage.objects.all() if m.held]
    assert len(held) == first + n


def _outbox(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/o/outbox/")
    assert page.status_code == 200
    return len(queries), page.content.decode()


def test_the_outbox_reads_as_many_queries_for_30_held_messages_as_for_3(
    client, alice, make_lead, smtp_server
):
    _hours_away_from_now()
    client.force_login(alice)
    _hold(make_lead, alice, 0, 3)
    with_3, page = _outbox(client)
    assert page.count('value="override"') == 3
    _hold(make_lead, alice, 3, 27)
    with_30, page = _outbox(client)
    assert page.count('value="override"') == 30
    assert with_30 == with_3
    # the page's one look-up still keeps the rule: a suppressed address is offered no Send
    actions.suppress("held7@example.com", "email", "bounce")
    after, page = _outbox(client)
    assert after == with_3 and page.count('value="override"') == 29
    assert smtp_server.received == []
