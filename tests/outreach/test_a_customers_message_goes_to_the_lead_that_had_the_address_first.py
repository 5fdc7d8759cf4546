"""eval36 #2: a new email (no thread of ours) was filed on the newest active lead with the
sender's address, and a text on the newest with the number: a salesperson who had pasted a
teammate's customer's address into his own decoy lead received her mail ("my gate code is
4321") and her call-back on his Today. Now both are filed on the lead that had the address
first (`same_person.first_holders`, one rule for mail and texts). Such a decoy can no longer
be made by an edit (eval36 #1); these are records made before."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fairchase.leads.models import Lead
from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage
from tests.outreach.test_texts import TOKEN, _inbound

OLGA = "olga.gray@example.com"
PHONE = "+13125550177"


def _maria_then_a_decoy(alice, bob, make_lead) -> tuple[Lead, Lead]:
    """Bob's customer Olga Gray, then Alice's decoy with her email and number (stored as an
    edit made it before edits were checked)."""
    olga = make_lead(bob, name="Olga Gray", email=OLGA, phone=PHONE)
    decoy = make_lead(alice, name="Olga G", email="olga.g@example.com", phone="+13125550178")
    Lead.objects.filter(pk=olga.pk).update(created_at=timezone.now() - timedelta(days=3))
    Lead.objects.filter(pk=decoy.pk).update(email=OLGA, phone=PHONE)
    return olga, decoy


def test_a_new_email_goes_to_the_lead_that_had_the_address_first(alice, bob, make_lead):
    olga, _decoy = _maria_then_a_decoy(alice, bob, make_lead)
    raw = (
        f"From: Olga Gray <{OLGA}>\nTo: sales@fairchase.test\nSubject: My enquiry\n"
        "Message-ID: <o1@mail.example.com>\nContent-Type: text/plain; charset=utf-8\n\n"
        "Hi, following up on my enquiry. My gate code is 4321, please call me back.\n"
    )
    got = mailbox.handle_mail(raw.encode(), "k1")
    assert got is not None and got.lead_id == olga.pk


def test_a_text_goes_to_the_lead_that_had_the_number_first(alice, bob, make_lead, settings):
    settings.SMS_AUTH_TOKEN = TOKEN
    olga, _decoy = _maria_then_a_decoy(alice, bob, make_lead)
    assert _inbound("Please call me back tomorrow", PHONE, "SM77").status_code == 200
    assert InboundMessage.objects.get().lead_id == olga.pk
