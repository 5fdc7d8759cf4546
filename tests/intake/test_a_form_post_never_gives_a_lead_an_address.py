"""A public form's post joins the active lead of the person it names, but never gives that
lead an address: anyone who knows a customer's name and phone could otherwise attach their
own email and receive the follow-ups meant for the customer. The address it brings is named
in the note and on the timeline for the owner to confirm in Edit; the enquiry is kept; the
receipt goes to the address the post typed, as for a new lead, and belongs to no lead
(tests/outreach/test_a_receipt_says_nothing_of_who_is_in_the_book.py). The API (a business's
authenticated call) still adds an address a lead lacks
(tests/api/test_api_posts_join_the_persons_lead.py)."""

from __future__ import annotations

import json

import pytest

from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.outreach.models import OutboundMessage

NOT_ADDED = (
    "not added (a web form does not change a lead's addresses); add it in Edit if it is theirs"
)


@pytest.fixture
def form(bob):
    return CaptureForm.objects.create(name="Website", owner=bob, acknowledge=True)


def _post(client, form, **data):
    r = client.post(f"/in/f/{form.key}/", data, REMOTE_ADDR="203.0.113.20")
    assert r.status_code == 200 and b"Thank you" in r.content
    return r


def _sent_to(address: str) -> bool:
    """Whether a message of a lead went to `address` (a form's receipt belongs to none)."""
    return OutboundMessage.objects.filter(to=address, lead__isnull=False).exists()


def test_a_post_with_a_customers_name_and_phone_adds_no_email_to_their_lead(
    client, alice, form, make_lead
):
    ann = make_lead(alice, name="Ann Lee", email="", phone="+12125550150")
    _post(
        client,
        form,
        name="Ann Lee",
        phone="(212) 555-0150",
        email="Mallory@Evil.example",
        message="Send the quote here please",
    )
    ann.refresh_from_db()
    assert Lead.objects.count() == 1 and ann.email == ""
    said = f"the enquiry gave email mallory@evil.example: {NOT_ADDED}"
    assert f"New enquiry through Website; {said}:\nSend the quote here please" in ann.notes
    row = ann.status_changes.order_by("-pk").first()
    assert row.reason == f"New enquiry through Website; waiting from now; {said}"
    # nothing of the lead goes to the address typed (its receipt is no lead's), and the
    # owner's alert quotes the note
    assert not _sent_to("mallory@evil.example")
    alert = OutboundMessage.objects.get(lead=ann, kind=OutboundMessage.Kind.OWNER_ALERT)
    assert alert.to == "alice@example.com" and "mallory@evil.example: not added" in alert.body
    assert "email" not in ann.next_channel


def test_a_post_by_a_customers_email_adds_no_phone_and_no_text_consent(
    client, alice, form, make_lead
):
    """The same email joins (it is the owner's mailbox that hears from us), but a phone typed
    beside it is no more confirmed than an email beside a name and phone."""
    ann = make_lead(alice, name="Ann Lee", email="ann@lee.example", phone="")
    _post(client, form, name="Ann", email="ANN@lee.example", phone="212 555 0151", sms="1")
    ann.refresh_from_db()
    assert ann.phone == "" and "sms" not in ann.consents
    assert f"the enquiry gave phone (212) 555-0151: {NOT_ADDED}" in ann.notes
    # the receipt goes to the address this post gave, her own
    ack = OutboundMessage.objects.get(kind=OutboundMessage.Kind.RECEIPT)
    assert ack.to == "ann@lee.example" and ack.lead is None


def test_the_receipt_goes_to_no_address_the_post_did_not_give(client, alice, form, make_lead):
    """Matched by name and phone, with another email: the lead keeps its email (named as
    "also"), and the receipt goes to the address typed only, never the lead's own."""
    ann = make_lead(alice, name="Ann Lee", email="ann@lee.example", phone="+12125550152")
    _post(client, form, name="Ann Lee", phone="212 555 0152", email="ann.new@else.example")
    ann.refresh_from_db()
    assert ann.email == "ann@lee.example"
    assert "New enquiry through Website (also ann.new@else.example)" in ann.notes
    acks = OutboundMessage.objects.filter(kind=OutboundMessage.Kind.RECEIPT)
    assert [(m.to, m.lead) for m in acks] == [("ann.new@else.example", None)]


def test_the_webhook_adds_no_address_either(client, alice, form, make_lead):
    ann = make_lead(alice, name="Ann Lee", email="", phone="+12125550153")
    r = client.post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps({"name": "Ann Lee", "phone": "2125550153", "email": "m@evil.example"}),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.21",
    )
    assert r.status_code == 202
    ann.refresh_from_db()
    assert ann.email == "" and f"the enquiry gave email m@evil.example: {NOT_ADDED}" in ann.notes
    assert not _sent_to("m@evil.example")


def test_an_opted_out_address_typed_beside_a_customers_name_does_not_opt_them_out(
    client, alice, form, make_lead
):
    """Adding no address also means a stranger cannot end a customer's chase by typing an
    address that asked not to be contacted next to their name and number."""
    Suppression.objects.create(value="gone@away.example", kind="email", reason="opt-out")
    ann = make_lead(alice, name="Ann Lee", email="", phone="+12125550154")
    _post(client, form, name="Ann Lee", phone="212 555 0154", email="gone@away.example")
    ann.refresh_from_db()
    assert ann.status != Status.OPTED_OUT and ann.email == ""
    assert "gone@away.example (of a person who asked not to be contacted): not added" in ann.notes
    # once its owner confirms the address in Edit, the rule of edits applies as before
    with pytest.raises(actions.SaidNoElsewhere):
        actions.update_lead(ann, email="gone@away.example", same_person=False)
