"""systemd's SIGTERM (`Loop.stop`) reaching the worker mid-batch: the message in flight
finishes, no further message is started, and the rest stay queued (never left `sending`,
which the next start would turn unknown) for the next run, which sends each once."""

from __future__ import annotations

import pytest

from fairchase.leads import worker
from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage

State = OutboundMessage.State
pytestmark = pytest.mark.usefixtures("open_all_day")


def test_a_stop_asked_during_a_send_lets_it_finish_and_starts_no_other(
    alice, make_lead, smtp_server, monkeypatch
):
    leads = [make_lead(alice, name=f"Stop {i}", email=f"stop{i}@example.com") for i in range(3)]
    for lead in leads:
        outbox.queue(lead, "email", "Hello", "Body", user=alice)
    loop = worker.Loop()
    handle_data = type(smtp_server.handler).handle_DATA
    stop_once = [loop.stop]

    async def stop_during_the_first_send(handler, server, session, envelope):
        while stop_once:
            stop_once.pop()()  # SIGTERM arrives while the server has the first message
        return await handle_data(handler, server, session, envelope)

    monkeypatch.setattr(type(smtp_server.handler), "handle_DATA", stop_during_the_first_send)
    assert outbox.send_due() == 1
    assert len(smtp_server.received) == 1
    states = sorted(OutboundMessage.objects.values_list("state", flat=True))
    assert states == [State.QUEUED, State.QUEUED, State.SENT]

    worker.Loop()  # the next start
    assert outbox.send_due() == 2
    assert len(set(smtp_server.ids())) == len(smtp_server.ids()) == 3
    assert set(OutboundMessage.objects.values_list("state", flat=True)) == {State.SENT}
