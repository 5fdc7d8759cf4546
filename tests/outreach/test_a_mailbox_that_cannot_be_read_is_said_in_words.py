"""A mailbox that cannot be read (a wrong IMAP password, the server down, SSL on a plain port)
is said in words naming the IMAP settings: one line in the log (no traceback), a notice on
Today and the Outbox once a poll or two failed (replies, opt-outs and bounces are not being
read), one line from `send_outbox --poll`; a good poll clears it."""

from __future__ import annotations

import logging
import subprocess

import pytest
from django.test import Client

from fairchase.outreach import mailbox
from fairchase.outreach.models import MailboxCursor
from tests.outreach.conftest import FAIRCHASE, ROOT, free_port

LOGIN = "check IMAP_USER / IMAP_PASSWORD"


def _pages(user) -> tuple[str, str]:
    client = Client()
    client.force_login(user)
    return client.get("/").content.decode(), client.get("/o/outbox/").content.decode()


def test_a_wrong_imap_password_is_said_on_today_and_cleared_by_a_good_poll(
    alice, make_lead, imap_server, settings, caplog
):
    make_lead(alice)  # Today with something to do, where its notices show
    settings.IMAP_PASSWORD = "wrong"
    with caplog.at_level(logging.WARNING, logger="fairchase.outreach.mailbox"):
        assert mailbox.poll_mailbox() == 0  # no exception: the worker's other steps go on
    [line] = [r for r in caplog.records if r.name == "fairchase.outreach.mailbox"]
    assert LOGIN in line.getMessage() and line.exc_info is None
    assert "b'" not in line.getMessage()  # the server's words, not a bytes repr
    assert 'id="mailbox-unread"' not in _pages(alice)[0]  # one failed poll may be a blip
    mailbox.poll_mailbox()
    cursor = MailboxCursor.objects.get(folder=imap_server.folder)
    assert cursor.failures == 2 and cursor.failing_since is not None
    for page in _pages(alice):
        notice = page.split('id="mailbox-unread"')[1].split("</section>")[0]
        assert LOGIN in notice and "sales at 127.0.0.1" in notice and "opt-out" in notice

    settings.IMAP_PASSWORD = "secret"
    mailbox.poll_mailbox()
    cursor.refresh_from_db()
    assert (cursor.failures, cursor.error, cursor.failing_since) == (0, "", None)
    assert all('id="mailbox-unread"' not in page for page in _pages(alice))


@pytest.mark.parametrize(
    ("ssl", "port", "words"),
    [
        (True, None, "check IMAP_SSL"),  # SSL spoken to the plain port
        (False, "nothing", "check IMAP_HOST / IMAP_PORT"),  # nothing listens
    ],
)
def test_a_mailbox_out_of_reach_names_the_settings_to_check(
    db, imap_server, settings, ssl, port, words
):
    settings.IMAP_SSL = ssl
    if port == "nothing":
        settings.IMAP_PORT = free_port()
    assert mailbox.poll_mailbox() == 0
    error = MailboxCursor.objects.get(folder=imap_server.folder).error
    assert words in error and f"127.0.0.1:{settings.IMAP_PORT}" in error, error


def test_send_outbox_poll_says_it_in_one_line(worker_db, imap_server):
    env = {
        **worker_db.env,
        "IMAP_HOST": "127.0.0.1",
        "IMAP_PORT": str(imap_server.port),
        "IMAP_SSL": "0",
        "IMAP_USER": "sales",
        "IMAP_PASSWORD": "wrong",
        "IMAP_FOLDER": imap_server.folder,
    }
    out = subprocess.run(
        [FAIRCHASE, "send_outbox", "--poll", "--iterations", "1"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    *logged, line = out.stderr.strip().splitlines()  # the worker's log line, then the command's
    assert line.startswith("fairchase send_outbox: ") and LOGIN in line, out.stderr
    assert len(logged) <= 1


def test_a_mailbox_server_that_is_down_is_said_to_be_read_again_by_itself(
    alice, make_lead, imap_server, settings
):
    """A server that is only down needs no restart: reading goes on once it answers."""
    make_lead(alice)
    settings.IMAP_PORT = free_port()
    mailbox.poll_mailbox()
    mailbox.poll_mailbox()
    for page in _pages(alice):
        notice = page.split('id="mailbox-unread"')[1].split("</section>")[0]
        assert "by itself once the mail server answers again" in notice, notice
