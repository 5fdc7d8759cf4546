"""The Outbox's warning ("A message marked unknown ... may or may not have arrived") is shown only while such a message is there for a person to check."""

from __future__ import annotations

from fairchase.outreach import actions, outbox
from fairchase.outreach.models import OutboundMessage

WARNING = "may or may not have arrived"


def test_the_outbox_warns_of_an_unknown_message_only_when_there_is_one(client, alice, make_lead):
    client.force_login(alice)
    assert WARNING not in client.get("/o/outbox/").content.decode()  # empty
    lead = make_lead(alice, name="Una Known")
    msg = outbox.queue(lead, "email", "Hello", "Hello Una", user=alice)
    assert WARNING not in client.get("/o/outbox/").content.decode()  # only queued
    actions.move(msg, OutboundMessage.State.QUEUED, OutboundMessage.State.UNKNOWN, "Worker died")
    assert WARNING in client.get("/o/outbox/").content.decode()
