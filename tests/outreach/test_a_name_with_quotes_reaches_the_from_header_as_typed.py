"""The From header is written by the email package (`formataddr` on the address `parseaddr`
reads from DEFAULT_FROM_EMAIL): an owner named with quotes and a backslash is sent under that
name exactly, not with the quotes deleted, and on the business's sending address."""

from __future__ import annotations

from email.utils import parseaddr

from django.db import transaction

from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage
from tests.outreach.conftest import FROM

NAME = 'Anne "AJ" Jones \\ Sales'


def test_a_name_with_quotes_and_a_backslash_survives_into_the_from_header(
    alice, make_lead, smtp_server, open_all_day
):
    alice.first_name, alice.last_name = 'Anne "AJ"', "Jones \\ Sales"
    alice.save()
    lead = make_lead(alice, name="Ben Berg", email="ben@example.com")
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi Ben.\n", user=alice)
    assert outbox.send_now(msg) == OutboundMessage.State.SENT
    [got] = smtp_server.received
    sent = got.message["From"]
    assert sent.addresses[0].display_name == NAME
    assert sent.addresses[0].addr_spec == parseaddr(FROM)[1]
    assert got.message["Message-ID"].endswith("@" + parseaddr(FROM)[1].rsplit("@", 1)[1] + ">")


def test_the_sending_address_is_parsed_not_cut_at_a_bracket(settings):
    from fairchase.outreach.channels.email import sender, sending_address

    settings.DEFAULT_FROM_EMAIL = '"Sales <desk>" <sales@acme.example>'
    assert sending_address() == "sales@acme.example"
    assert parseaddr(sender(NAME)) == (NAME, "sales@acme.example")
    assert sender("  ") == settings.DEFAULT_FROM_EMAIL
