"""A request to stop through a message of ours sent to an address the lead no longer has
(its email corrected since) is one rule however it comes: the unsubscribe link in it, its
List-Unsubscribe mailto, or a spam complaint about it. That old address alone is never
written to again, said on the timeline, and the lead is held for a person, not opted out:
the old address may have been a typo that reached a stranger. The mailto copy of the rule
had drifted (review26 #3): naming our message, it opted the lead out outright, suppressing
its new email and its phone, and not the address that asked."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Status, Suppression
from fairchase.outreach import mailbox, outbox
from fairchase.outreach.held import held_stops

from .test_a_spam_complaint_stops_all_contact import _report

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]
OLD, NEW = "tom.old@example.com", "tom.new@example.com"


def _link(msg, got) -> None:
    url = got.message["List-Unsubscribe"].split(",")[0].strip().strip("<>")
    done = Client().post(url[url.index("/o/unsubscribe/") :], {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200


def _mailto(msg, got) -> None:
    mailto = got.message["List-Unsubscribe"].split(",")[1].strip().strip("<>")
    subject = mailto.split("subject=")[1].replace("%20", " ")
    raw = (
        f"From: {OLD}\r\nTo: sales@fairchase.test\r\nSubject: {subject}\r\n"
        f"Message-ID: <x1@old.example>\r\nDate: Mon, 07 Dec 2026 13:00:00 +0000\r\n\r\n\r\n"
    )
    assert mailbox.handle_mail(raw.encode(), "INBOX:1:1") is not None


def _complaint(msg, got) -> None:
    raw = _report(OLD, msg.message_id).replace("\n", "\r\n").encode()
    assert mailbox.handle_mail(raw, "INBOX:1:2") is not None


@pytest.mark.parametrize("way", [_link, _mailto, _complaint], ids=["link", "mailto", "complaint"])
def test_only_the_old_address_is_dropped_and_the_lead_waits_for_a_person(
    alice, make_lead, smtp_server, way
):
    lead = make_lead(alice, name="Tom Token", email=OLD, phone="+12125550001")
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi Tom.\n", user=alice)
    assert outbox.send_now(msg) == "sent"
    actions.update_lead(lead, email=NEW, user=alice)
    [got] = smtp_server.received
    way(msg, got)
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    assert list(Suppression.objects.values_list("value", flat=True)) == [OLD]
    assert [h.lead_id for h in held_stops()] == [lead.pk]
    assert "not yet confirmed" in lead.plan_reason
    notes = lead.status_changes.values_list("reason", flat=True)
    assert any(r.startswith(f"{OLD} ") and "never written to again" in r for r in notes)
