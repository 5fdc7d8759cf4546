"""After the mail server dropped the connection on a whole batch, the Outbox settles the
`unknown` rows at once (the ticked ones, or all a person sees), each through the same
recorded action as its own buttons, behind CSRF; another person's leads are not touched.
A message waiting for a stopped server says so ("Waiting for the mail server"), not
"Failed: retrying"; an unknown row is explained by its own reason (eval33 findings 2, 6)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from fairchase.outreach import outbox
from fairchase.outreach.channels.email import LOST_AFTER_DATA
from fairchase.outreach.models import MessageChange, OutboundMessage

State = OutboundMessage.State
pytestmark = pytest.mark.usefixtures("open_all_day")
DROPPED = f"{LOST_AFTER_DATA}, before it said whether it took it (Connection unexpectedly closed)"


def _client(user, **kw) -> Client:
    client = Client(**kw)
    client.force_login(user)
    return client


def _unknown(owner, make_lead, n: int, tag: str) -> list[OutboundMessage]:
    out = []
    for i in range(n):
        lead = make_lead(owner, name=f"{tag} {i}", email=f"{tag}{i}@example.com")
        with transaction.atomic():
            msg = outbox.queue(lead, "email", f"Hello {i}", "Hi.\n", user=owner)
        OutboundMessage.objects.filter(pk=msg.pk).update(state=State.UNKNOWN, error=DROPPED)
        out.append(msg)
    return out


def _states(msgs) -> list[str]:
    return [OutboundMessage.objects.get(pk=m.pk).state for m in msgs]


def test_the_ticked_unknown_messages_are_marked_arrived_each_recorded(alice, make_lead):
    msgs = _unknown(alice, make_lead, 3, "tick")
    client = _client(alice)
    page = client.get("/o/outbox/").content.decode()
    assert 'id="settle-unknown"' in page and f'name="pk" value="{msgs[0].pk}"' in page
    client.post("/o/outbox/unknown/settle/", {"decision": "sent", "pk": [msgs[0].pk, msgs[2].pk]})
    assert _states(msgs) == [State.SENT, State.UNKNOWN, State.SENT]
    said = MessageChange.objects.filter(message_id=msgs[0].pk, new=State.SENT).get()
    assert said.user == alice and said.reason == "A person confirmed it arrived"


def test_all_unknown_a_person_sees_are_cancelled_not_another_persons(alice, bob, make_lead):
    mine = _unknown(alice, make_lead, 3, "mine")
    theirs = _unknown(bob, make_lead, 1, "theirs")
    _client(alice).post("/o/outbox/unknown/settle/", {"decision": "cancel", "all": "1"})
    assert _states(mine) == [State.CANCELLED] * 3
    assert _states(theirs) == [State.UNKNOWN]


def test_the_bulk_settle_needs_the_csrf_token(alice, make_lead):
    msgs = _unknown(alice, make_lead, 1, "csrf")
    client = _client(alice, enforce_csrf_checks=True)
    response = client.post("/o/outbox/unknown/settle/", {"decision": "sent", "all": "1"})
    assert response.status_code == 403 and _states(msgs) == [State.UNKNOWN]


def test_an_unknown_row_is_explained_by_its_own_reason(alice, make_lead):
    _unknown(alice, make_lead, 1, "why")
    outbox_page = _client(alice).get("/o/outbox/").content.decode()
    today = _client(alice).get("/").content.decode()
    assert LOST_AFTER_DATA in outbox_page and LOST_AFTER_DATA in today
    assert "worker stopped" not in today.split("Did these arrive?")[1].split("</section>")[0]
    assert "was being sent when the worker stopped" not in outbox_page


def test_a_message_waiting_for_a_stopped_server_says_so(alice, make_lead):
    lead = make_lead(alice, email="wait@example.com")
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi.\n", user=alice)
    OutboundMessage.objects.filter(pk=msg.pk).update(
        error="Cannot reach the mail server at 127.0.0.1:2533: [Errno 111] Connection refused.",
        attempts=1,
    )
    page = _client(alice).get("/o/outbox/").content.decode()
    row = page.split(f'id="message-{msg.pk}"')[1].split("</tr>")[0]
    assert "Waiting for the mail server" in row and "Failed: retrying" not in row
