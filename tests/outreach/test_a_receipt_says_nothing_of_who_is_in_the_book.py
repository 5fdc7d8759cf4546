"""A form's receipt must not tell a stranger whether a name and phone number are in the book
(eval23 #8). A post that joins a customer's lead by name and phone, one that makes a new
lead and one that makes a record opted out for matching someone who said no each send the
same receipt to the address typed. It belongs to no lead: From the business, with nothing of
the joined lead in it (no owner's name, no lead in its unsubscribe token); its unsubscribe
suppresses the typed address only, and a reply to it is never filed on the customer's lead."""

from __future__ import annotations

import json
import re

import pytest
from django.core import signing
from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead, Status, Suppression
from fairchase.outreach import mailbox, outbox
from fairchase.outreach.models import InboundMessage, OutboundMessage
from fairchase.outreach.tokens import read_token

# What may differ between two receipts: the address, the message's id and date.
VARYING = {"To", "Message-ID", "Date", "List-Unsubscribe"}


@pytest.fixture
def form(alice, bob):
    BusinessSettings.objects.update_or_create(pk=1, defaults={"business_name": "Lau Plumbing"})
    return CaptureForm.objects.create(name="Website", owner=bob, acknowledge=True)


@pytest.fixture
def jones(alice, make_lead):
    return make_lead(alice, name="Bob Jones", email="bob@jones.example", phone="+12245556401")


def _post(form, ip: str, **data) -> None:
    r = Client().post(f"/in/f/{form.key}/", data, REMOTE_ADDR=ip)
    assert r.status_code == 200 and b"Thank you" in r.content


def _post_json(form, ip: str, **data) -> None:
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/", json.dumps(data), "application/json", REMOTE_ADDR=ip
    )
    assert (r.status_code, r.json()) == (202, {"status": "received"})


def _receipts_to(smtp_server, address: str) -> list:
    outbox.send_due()
    return [r.message for r in smtp_server.received if address in r.to]


def _shape(message) -> tuple:
    """A receipt as its reader sees it, less what names the address or the message."""
    headers = tuple(sorted((k, str(v)) for k, v in message.items() if k not in VARYING))
    return headers, message.get_content()


def _the_one_receipt(smtp_server, address: str):
    got = _receipts_to(smtp_server, address)
    assert len(got) == 1, f"{len(got)} receipts to {address}"
    return got[0]


def _assert_same_receipt(smtp_server, joined: str, other: str):
    a, b = _the_one_receipt(smtp_server, joined), _the_one_receipt(smtp_server, other)
    assert _shape(a) == _shape(b)
    return a


def _unsubscribe_url(message) -> str:
    return re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)


def _carries_nothing_of(message, lead: Lead) -> None:
    """No owner's name, no lead's address or name, no lead id in the unsubscribe token."""
    raw = message.as_string()
    for said in ("Alice", lead.owner.get_full_name(), lead.email, lead.name):
        assert said not in raw, said
    assert "Lau Plumbing" in message["From"]  # the business, not an owner
    from fairchase.outreach.tokens import read_address_token

    token = _unsubscribe_url(message).rstrip("/").rsplit("/", 1)[-1]
    assert read_token(token) is None  # names no lead
    assert read_address_token(token) == message["To"]
    payload = signing.loads(token, salt="fairchase.outreach.unsubscribe.address")
    assert payload == {"e": message["To"]}
    assert not OutboundMessage.objects.filter(lead=lead, kind=OutboundMessage.Kind.RECEIPT)


def test_an_html_post_joining_a_lead_by_phone_gets_the_receipt_a_new_lead_gets(
    form, jones, smtp_server, open_all_day
):
    _post(
        form, "203.0.113.70", name="Bob Jones", email="enum1@evil.example", phone="(224) 555-6401"
    )
    _post(
        form, "203.0.113.70", name="Bob Jonas", email="enum2@evil.example", phone="(224) 555-9999"
    )
    assert Lead.objects.filter(email="enum2@evil.example").exists()  # a new lead
    assert "(also enum1@evil.example)" in Lead.objects.get(pk=jones.pk).notes  # joined
    receipt = _assert_same_receipt(smtp_server, "enum1@evil.example", "enum2@evil.example")
    assert receipt.get_content().startswith("Hello Bob,")
    _carries_nothing_of(receipt, jones)


def test_a_first_name_joining_on_the_webhook_gets_the_receipt_a_new_lead_gets(
    alice, form, make_lead, smtp_server, open_all_day
):
    nina = make_lead(alice, name="Nina Evans", email="nina@evans.example", phone="+17085553736")
    _post_json(
        form, "203.0.113.71", name="Nina", email="enum3@evil.example", phone="+1 708 555 3736"
    )
    _post_json(
        form, "203.0.113.71", name="Nina", email="enum4@evil.example", phone="+1 708 555 3737"
    )
    assert not Lead.objects.filter(email="enum3@evil.example").exists()  # joined Nina's lead
    receipt = _assert_same_receipt(smtp_server, "enum3@evil.example", "enum4@evil.example")
    _carries_nothing_of(receipt, nina)


def test_a_new_opted_out_record_gets_the_receipt_a_new_lead_gets(
    alice, form, make_lead, smtp_server, open_all_day
):
    dana = make_lead(alice, name="Dana Usman", email="dana@usman.example", phone="+18155557102")
    actions.opt_out(dana, user=alice)
    _post_json(
        form, "203.0.113.72", name="Dana Usman", email="enum5@evil.example", phone="(815) 555-7102"
    )
    _post_json(
        form, "203.0.113.72", name="Dana Usmen", email="enum6@evil.example", phone="(815) 555-7109"
    )
    assert Lead.objects.get(email="enum5@evil.example").status == Status.OPTED_OUT
    receipt = _assert_same_receipt(smtp_server, "enum5@evil.example", "enum6@evil.example")
    _carries_nothing_of(receipt, dana)
    # only an address that said no itself gets none: that tells the typist of his own address
    Suppression.objects.create(value="gone@evil.example", kind="email", reason="opt-out")
    _post_json(
        form, "203.0.113.73", name="Dana Usmen", email="gone@evil.example", phone="(815) 555-7108"
    )
    assert _receipts_to(smtp_server, "gone@evil.example") == []
    assert not OutboundMessage.objects.filter(to="gone@evil.example").exists()


def test_the_receipts_link_suppresses_the_typed_address_only(
    form, jones, smtp_server, open_all_day
):
    _post(
        form, "203.0.113.74", name="Bob Jones", email="enum7@evil.example", phone="(224) 555-6401"
    )
    receipt = _the_one_receipt(smtp_server, "enum7@evil.example")
    path = _unsubscribe_url(receipt).split("testserver", 1)[-1]
    page = Client().get(path)
    assert page.status_code == 200 and b"enum7@evil.example" in page.content
    assert b"Bob" not in page.content and b"Jones" not in page.content
    assert Client().post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert list(Suppression.objects.values_list("value", flat=True)) == ["enum7@evil.example"]
    jones.refresh_from_db()
    assert jones.status == Status.OPEN and jones.next_action == "contact"
    assert not jones.status_changes.filter(new=Status.OPTED_OUT).exists()


def test_the_receipts_unsubscribe_mailto_suppresses_the_typed_address_only(
    form, jones, smtp_server, open_all_day
):
    _post(
        form, "203.0.113.75", name="Bob Jones", email="enum8@evil.example", phone="(224) 555-6401"
    )
    receipt = _the_one_receipt(smtp_server, "enum8@evil.example")
    mailto = re.search(r"<mailto:[^?]+\?subject=([^>]+)>", receipt["List-Unsubscribe"]).group(1)
    raw = (
        f"From: enum8@evil.example\r\nTo: sales@localhost\r\n"
        f"Subject: {mailto.replace('%20', ' ')}\r\nMessage-ID: <u-8@evil.example>\r\n\r\nunsubscribe\r\n"
    )
    got = mailbox.handle_mail(raw.encode(), "u-8")
    assert got.lead_id is None and got.kind == InboundMessage.Kind.OPT_OUT
    assert list(Suppression.objects.values_list("value", flat=True)) == ["enum8@evil.example"]
    jones.refresh_from_db()
    assert jones.status == Status.OPEN and not jones.inbound_messages.exists()


def test_a_reply_to_the_receipt_is_not_filed_on_the_customers_lead(
    form, jones, smtp_server, open_all_day
):
    _post(
        form, "203.0.113.76", name="Bob Jones", email="enum9@evil.example", phone="(224) 555-6401"
    )
    receipt = _the_one_receipt(smtp_server, "enum9@evil.example")
    for n, words in enumerate(("Thanks! When can you come?", "Stop emailing me, not interested")):
        raw = (
            f"From: enum9@evil.example\r\nTo: sales@localhost\r\nSubject: Re: {receipt['Subject']}\r\n"
            f"In-Reply-To: {receipt['Message-ID']}\r\nReferences: {receipt['Message-ID']}\r\n"
            f"Message-ID: <r-{n}@evil.example>\r\n\r\n{words}\r\n"
        )
        got = mailbox.handle_mail(raw.encode(), f"r-{n}")
        assert got.lead_id is None  # from nobody in the book: the mail from strangers
    jones.refresh_from_db()
    assert not jones.inbound_messages.exists() and jones.status == Status.OPEN
    assert jones.responded_at is None and not Suppression.objects.exists()


def test_the_outbox_shows_the_receipt_to_an_owner_not_to_a_salesperson(
    client, alice, boss, form, jones, smtp_server, open_all_day
):
    """A receipt is the business's, like the mail from people not in the book: its owners
    see it in the Outbox; a salesperson sees their own leads' messages only."""
    _post(
        form, "203.0.113.77", name="Bob Jones", email="enum10@evil.example", phone="(224) 555-6401"
    )
    _the_one_receipt(smtp_server, "enum10@evil.example")
    row = f'id="message-{OutboundMessage.objects.get(to="enum10@evil.example").pk}"'
    client.force_login(boss)
    page = client.get("/o/outbox/").content.decode()
    assert row in page and "Web form acknowledgement" in page
    client.force_login(alice)  # the joined lead is hers: the receipt is still not her lead's
    page = client.get("/o/outbox/").content.decode()
    assert row not in page and "Web form acknowledgement" not in page


def test_a_bounced_receipt_to_an_address_nobody_has_blocks_it_and_touches_no_lead(
    form, jones, smtp_server, open_all_day
):
    from tests.outreach.test_mailbox import bounce_of

    _post(form, "203.0.113.78", name="Bob Jones", email="typo@evil.example", phone="(224) 555-6401")
    _the_one_receipt(smtp_server, "typo@evil.example")
    receipt = OutboundMessage.objects.get(to="typo@evil.example")
    got = mailbox.handle_mail(bounce_of(receipt, receipt.to).encode(), "dsn-typo")
    assert got.lead_id is None and "acknowledgement bounced" in got.effect
    assert list(Suppression.objects.values_list("value", "reason")) == [
        ("typo@evil.example", "bounce")
    ]
    jones.refresh_from_db()
    assert jones.status == Status.OPEN and jones.attempt_count == 0
