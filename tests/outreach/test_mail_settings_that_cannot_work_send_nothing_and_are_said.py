"""EMAIL_USE_TLS and EMAIL_USE_SSL both on (ports 587 and 465 mixed up) is known before any
connection: nothing is sent, so every message waits queued with the reason in words (never
"unknown: check whether it arrived"), Today says so, and `fairchase check` warns of it."""

from __future__ import annotations

import os
import subprocess

import pytest
from django.db import transaction
from django.test import Client

from fairchase.outreach import outbox
from fairchase.outreach.channels.email import EmailChannel
from fairchase.outreach.models import OutboundMessage
from tests.outreach.conftest import FAIRCHASE, ROOT, smtp_mailers

State = OutboundMessage.State
pytestmark = pytest.mark.usefixtures("open_all_day")
SAID = "Mail settings are wrong: EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on"


def test_both_tls_and_ssl_leave_the_message_queued_with_the_reason(
    alice, make_lead, smtp_server, settings
):
    lead = make_lead(alice)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi there.\n", user=alice)
    mailers = smtp_mailers(smtp_server.port)
    mailers["default"]["OPTIONS"].update(use_tls=True, use_ssl=True)
    settings.MAILERS = mailers
    EmailChannel.shared().close()
    assert outbox.send_due() == 1
    msg.refresh_from_db()
    assert msg.state == State.QUEUED and msg.error.startswith(SAID), msg.error
    assert smtp_server.received == []
    client = Client()
    client.force_login(alice)
    assert SAID in client.get("/").content.decode().split('id="mail-waiting"')[1]

    settings.MAILERS = smtp_mailers(smtp_server.port)  # one of them turned off
    EmailChannel.shared().close()
    OutboundMessage.objects.filter(pk=msg.pk).update(due_at=msg.created_at)
    assert outbox.send_due() == 1
    msg.refresh_from_db()
    assert msg.state == State.SENT and len(smtp_server.received) == 1


def test_fairchase_check_warns_of_both(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env.update(
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT="2567",
        EMAIL_USE_TLS="1",
        EMAIL_USE_SSL="1",
    )
    out = subprocess.run(
        [FAIRCHASE, "check"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    said = out.stdout + out.stderr
    assert "outreach.W001" in said and "EMAIL_USE_TLS and EMAIL_USE_SSL" in said, said
    env["EMAIL_USE_SSL"] = "0"
    out = subprocess.run(
        [FAIRCHASE, "check"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert "outreach.W001" not in out.stdout + out.stderr
