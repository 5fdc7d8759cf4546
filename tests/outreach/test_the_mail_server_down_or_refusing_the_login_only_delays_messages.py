"""A mail server that is down, or refuses our user name and password, is no fault of the
messages: they wait, retried at most an hour apart, however long it lasts (never "Failed"
after half an hour), the reason says which settings to check, Today tells the owner, and
each goes once the server takes it. Those waits use up none of the message's own tries (a
greylisting after an outage is retried), yet a message waits at most two days, then fails
for a person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fairchase.outreach import outbox
from fairchase.outreach.channels import ChannelError
from fairchase.outreach.channels.email import EmailChannel
from fairchase.outreach.models import OutboundMessage
from tests.outreach.conftest import free_port, smtp_mailers

State = OutboundMessage.State
pytestmark = [
    pytest.mark.usefixtures("open_all_day"),
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"),  # 127.0.0.1
]


def _point_at(settings, port: int, user: str = "", password: str = "") -> None:
    mailers = smtp_mailers(port)
    mailers["default"]["OPTIONS"].update(username=user, password=password)
    settings.MAILERS = mailers
    EmailChannel.shared().close()


def _try_many_times(msg: OutboundMessage, times: int) -> list[timedelta]:
    """Send it `times` times, each when it is due (the clock moved on): the waits it got."""
    waits = []
    for _ in range(times):
        OutboundMessage.objects.filter(pk=msg.pk).update(due_at=timezone.now())
        assert outbox.send_due() == 1
        msg.refresh_from_db()
        assert msg.state == State.QUEUED, msg.error
        waits.append(msg.due_at - timezone.now())
    return waits


def _queue(alice, make_lead, **kw) -> OutboundMessage:
    from django.db import transaction

    lead = make_lead(alice, **kw)
    with transaction.atomic():
        return outbox.queue(lead, "email", "Hello", "Hi there.\n", user=alice)


def test_a_wrong_password_says_so_keeps_the_message_and_it_goes_once_corrected(
    alice, make_lead, smtp_server, auth_smtp, settings
):
    msg = _queue(alice, make_lead, email="wp0@example.com")
    _point_at(settings, auth_smtp.port, "sales", "wrongpass")
    waits = _try_many_times(msg, 8)  # far past the old five tries
    assert msg.error.startswith(
        "The mail server refused the user name or password: check EMAIL_HOST_USER / "
        "EMAIL_HOST_PASSWORD"
    )
    assert "b'" not in msg.error and "Cannot reach" not in msg.error
    assert max(waits) <= timedelta(hours=1) and waits[-1] > timedelta(minutes=59)
    client = Client()
    client.force_login(alice)
    notice = client.get("/").content.decode().split('id="mail-waiting"')[1].split("</section>")[0]
    assert "check EMAIL_HOST_USER / EMAIL_HOST_PASSWORD" in notice and "1 message " in notice

    _point_at(settings, auth_smtp.port, "sales", "rightpass")
    OutboundMessage.objects.filter(pk=msg.pk).update(due_at=timezone.now())
    assert outbox.send_due() == 1
    msg.refresh_from_db()
    assert msg.state == State.SENT
    assert [r.to for r in auth_smtp.received] == [["wp0@example.com"]]
    assert 'id="mail-waiting"' not in client.get("/").content.decode()


def test_a_server_down_for_hours_leaves_the_message_queued_with_where_it_looked(
    alice, make_lead, smtp_server, settings
):
    msg = _queue(alice, make_lead)
    port = free_port()  # nothing listens there
    _point_at(settings, port)
    _try_many_times(msg, 8)
    assert msg.error.startswith(f"Cannot reach the mail server at 127.0.0.1:{port}: ")
    assert msg.attempts == 0 and smtp_server.received == []  # none was the message's fault
    assert "tried again until the server takes it, for up to 2 days" in msg.error


def _failing(monkeypatch, errors: list[ChannelError]) -> None:
    def send(self, message):
        raise errors.pop(0)

    monkeypatch.setattr(EmailChannel, "send", send)


def test_tries_while_the_server_was_down_leave_a_greylisting_its_retries(
    alice, make_lead, monkeypatch
):
    msg = _queue(alice, make_lead, email="grey@example.com")
    down = ChannelError("Cannot reach the mail server", "retry", server=True)
    grey = ChannelError("Mail server said 451 4.7.1 greylisted, try later", "retry")
    errors = [down] * 5 + [grey]
    _failing(monkeypatch, errors)
    states = []
    while errors:
        OutboundMessage.objects.filter(pk=msg.pk).update(due_at=timezone.now())
        states.append(outbox.send_now(msg))
    assert states == [State.QUEUED] * 6
    msg.refresh_from_db()
    assert msg.attempts == 1 and "greylisted" in msg.error


def test_a_message_waits_two_days_for_the_server_then_fails_for_a_person(
    alice, make_lead, monkeypatch, stop_clock
):
    start = stop_clock(timezone.now())
    msg = _queue(alice, make_lead, email="down@example.com")
    _failing(monkeypatch, [ChannelError("Cannot reach the mail server", "retry", server=True)] * 3)
    for at in (start, start + timedelta(days=1, hours=23), start + timedelta(days=2)):
        stop_clock(at)
        OutboundMessage.objects.filter(pk=msg.pk).update(due_at=at)
        state = outbox.send_now(msg)
    assert state == State.FAILED
    msg.refresh_from_db()
    assert msg.error == (
        "Cannot reach the mail server. It waited 2 days for the server and was not sent: "
        "send it again once the server works."
    )
