"""An empty mail with Subject "unsubscribe" (our List-Unsubscribe mailto) is a stop both for
the worker reading the mailbox and for `fairchase read` on the same file: one path, so the
command reads "as the worker would" (eval28 #11)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from fairchase.leads.models import Status
from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage

from .test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def test_both_read_an_opt_out(alice, make_lead, smtp_server, imap_server, tmp_path):
    lead = make_lead(alice, email="ann@example.com")
    sent = _sent(lead, alice, smtp_server)
    mail = _reply(sent.message_id, "", subject="unsubscribe")
    saved = tmp_path / "unsub.eml"
    saved.write_text(mail)
    out = io.StringIO()
    call_command("read", str(saved), stdout=out)
    imap_server.append(imap_server.folder, mail)
    assert mailbox.poll_mailbox() == 1
    worker = InboundMessage.objects.get()
    assert json.loads(out.getvalue())["kind"] == worker.kind == InboundMessage.Kind.OPT_OUT
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
