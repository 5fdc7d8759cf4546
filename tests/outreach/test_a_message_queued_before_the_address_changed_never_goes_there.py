"""A message queued before the lead's email was corrected never goes to the old address
(review26 #2): the send-time check cancels it, said on its Outbox row, and nothing reaches
the mail server. Before, it went to the old address (maybe a stranger's typo), and its
List-Unsubscribe was built from the lead's new address, so the old address's one-click
opted the lead out outright and suppressed the new email and the phone. The header is now
bound to the address the message goes to: from an address the lead no longer has, the
former-address rule holds the lead for a person instead."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Status, Suppression
from fairchase.outreach import outbox
from fairchase.outreach.channels.email import unsubscribe_headers
from fairchase.outreach.models import MessageChange, OutboundMessage
from fairchase.outreach.refusals import refusal_to_send

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]
OLD, NEW = "tom.old@example.com", "tom.new@example.com"


def test_a_message_queued_for_the_old_address_is_cancelled_not_sent(alice, make_lead, smtp_server):
    lead = make_lead(alice, name="Tom Token", email=OLD)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi Tom.\n", user=alice)
    actions.update_lead(lead, email=NEW, user=alice)
    assert outbox.send_now(msg) == OutboundMessage.State.CANCELLED
    assert smtp_server.received == []
    last = MessageChange.objects.filter(message=msg).last()
    assert (last.old, last.new) == ("sending", "cancelled")
    assert "changed since this was queued" in last.reason and OLD in last.reason
    msg.refresh_from_db()
    assert refusal_to_send(msg) == msg.error  # the Outbox offers no Send again to OLD


def test_the_unsubscribe_header_names_the_address_the_message_went_to(
    alice, make_lead, smtp_server
):
    lead = make_lead(alice, name="Tom Token", email=OLD, phone="+12125550001")
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi Tom.\n", user=alice)
    assert outbox.send_now(msg) == "sent"
    # the address is corrected while the message is on its way
    actions.update_lead(lead, email=NEW, user=alice)
    msg = OutboundMessage.objects.select_related("lead").get(pk=msg.pk)
    url = unsubscribe_headers(msg)["List-Unsubscribe"].split(",")[0].strip("<> ")
    done = Client().post(url[url.index("/o/unsubscribe/") :], {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    assert list(Suppression.objects.values_list("value", flat=True)) == [OLD]
