"""An opt-out spreads only through an address its person showed is theirs. A stranger who
posts a public form with a customer's number beside his own email (as "Ned Moore Jr", whom
an opt-out of "Ned Moore" would reach, or as "Office", a switchboard) and then opts his own
record out (an "unsubscribe" email from his address) opts out his own record and
suppresses his own email; the receipt's unsubscribe (link or mailto: the receipt belongs to
no lead) suppresses his email only. Never the customer, the customer's email or the
customer's number, which he only typed. The same person's records joined through the
address they said no on, and a number that itself texts STOP, are still reached."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.test import Client

from fairchase.intake import held_wishes
from fairchase.intake.importer import import_file
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.outreach import mailbox, outbox
from fairchase.outreach.models import OutboundMessage
from tests.outreach.test_reply_actions import _text_in

NED_PHONE = "+18475555873"


@pytest.fixture
def form(bob):
    return CaptureForm.objects.create(name="Website", owner=bob, acknowledge=True)


@pytest.fixture
def ned(alice, make_lead):
    return make_lead(alice, name="Ned Moore", email="ned.moore@example.com", phone=NED_PHONE)


def _post(form, ip="203.0.113.40", **data) -> Lead:
    r = Client().post(f"/in/f/{form.key}/", data, REMOTE_ADDR=ip)
    assert r.status_code == 200 and b"Thank you" in r.content
    return Lead.objects.get(email=data["email"].lower())


def _post_json(form, ip="203.0.113.41", **data) -> Lead:
    r = Client().post(
        f"/in/f/{form.webhook_key}/json/", json.dumps(data), "application/json", REMOTE_ADDR=ip
    )
    assert r.status_code == 202
    return Lead.objects.get(email=data["email"])


def _unsubscribe_from_the_receipt(lead: Lead, smtp_server) -> None:
    """Click the one-click link of the receipt the post's address got, as a mail client does."""
    outbox.send_due()
    receipt = OutboundMessage.objects.get(to=lead.email, kind=OutboundMessage.Kind.RECEIPT)
    assert receipt.lead is None
    got = next(r.message for r in smtp_server.received if r.message_id == receipt.message_id)
    url = re.search(r"<(http[^>]+)>", got["List-Unsubscribe"]).group(1)
    r = Client().post(url.split("testserver", 1)[-1], {"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200


def _email_unsubscribe(sender: str, key: str) -> None:
    """He writes from his own domain, which the receiving server vouches for (DMARC passes
    for a domain one owns): an opt-out the reader acts on, not one held for a person."""
    domain = sender.rsplit("@", 1)[1]
    raw = (
        f"Authentication-Results: mx.fairchase.test; dmarc=pass header.from={domain}\r\n"
        f"From: {sender}\r\nTo: sales@localhost\r\nSubject: unsubscribe\r\n"
        f"Message-ID: <{key}@evil.example>\r\n\r\nPlease remove me from your list.\r\n"
    )
    assert mailbox.handle_mail(raw.encode(), key) is not None


def _untouched(lead: Lead) -> None:
    lead.refresh_from_db()
    assert lead.status == Status.OPEN, lead.status_changes.last().reason
    assert not Suppression.objects.filter(value__in=[lead.email, lead.phone]).exists()
    assert not lead.status_changes.filter(reason__contains="opted out").exists()
    assert not lead.status_changes.filter(reason__startswith="Opted out").exists()


def test_a_strangers_receipt_unsubscribed_by_its_link_suppresses_only_his_address(
    form, ned, smtp_server, open_all_day
):
    jr = _post(form, name="Ned Moore Jr", email="attacker2@evil.example", phone="(847) 555-5873")
    assert jr.pk != ned.pk and jr.phone == NED_PHONE
    _unsubscribe_from_the_receipt(jr, smtp_server)
    jr.refresh_from_db()
    assert jr.status == Status.OPEN  # the receipt is no lead's: it opts out no record
    assert list(Suppression.objects.values_list("value", flat=True)) == ["attacker2@evil.example"]
    _untouched(ned)


def test_a_strangers_jr_record_unsubscribed_by_email_opts_out_no_customer(form, ned):
    jr = _post_json(
        form, name="Ned Moore Jr", email="attacker3@evil.example", phone="(847) 555-5873"
    )
    _email_unsubscribe("attacker3@evil.example", "stop-1")
    jr.refresh_from_db()
    assert jr.status == Status.OPTED_OUT
    _untouched(ned)
    # nor does that opted-out record make Ned a person who said no later on
    again = actions.create_lead(ned.owner, name="Ned Moore", email="", phone=NED_PHONE)
    assert again.status == Status.OPEN


def test_an_imported_opted_out_row_with_the_strangers_email_opts_out_no_customer(form, ned):
    """An unsubscribe list holding his own address (he unsubscribed in the newsletter tool)
    vouches for that address only: the import opts out his record, not the customer whose
    number he typed beside it (review22 #4)."""
    jr = _post_json(
        form, name="Ned Moore Jr", email="attacker@evil.example", phone="(847) 555-5873"
    )
    rows = b"Name,Email,Opted out\nNed Moore Jr,attacker@evil.example,yes\n"
    import_file(io.BytesIO(rows), form.owner, filename="unsubscribed.csv")
    jr.refresh_from_db()
    assert jr.status == Status.OPTED_OUT and jr.typed_phone == NED_PHONE
    assert Suppression.objects.filter(value="attacker@evil.example").exists()
    _untouched(ned)


def test_a_number_alone_typed_as_office_is_not_suppressed(form, ned, smtp_server, open_all_day):
    office = _post_json(form, name="Office", email="attacker6@evil.example", phone=NED_PHONE)
    _unsubscribe_from_the_receipt(office, smtp_server)
    assert not Suppression.objects.filter(value=NED_PHONE).exists()
    _untouched(ned)


def test_a_strangers_second_post_after_his_opt_out_suppresses_no_number(form, ned):
    """Opted out, his email makes his next post's record opted out as it is made: still
    with nothing but the address he said no on suppressed."""
    _post_json(form, name="Ned Moore Jr", email="attacker3@evil.example", phone="")
    _email_unsubscribe("attacker3@evil.example", "stop-2")
    again = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps({"name": "Ned Moore Jr", "email": "attacker3@evil.example", "phone": NED_PHONE}),
        "application/json",
        REMOTE_ADDR="203.0.113.42",
    )
    assert again.status_code == 202
    made = Lead.objects.get(email="attacker3@evil.example", phone=NED_PHONE)
    assert made.status == Status.OPTED_OUT
    _untouched(ned)


def test_the_receipts_link_stops_email_to_the_address_on_every_record_that_has_it(
    alice, form, make_lead, smtp_server, open_all_day
):
    """A post's address that the person unsubscribes from through the receipt is suppressed
    everywhere: their other record with it is never emailed there again (it says why), yet no
    record is opted out and no other address of theirs is suppressed."""
    from fairchase.outreach.refusals import SUPPRESSED, refusal

    kim = make_lead(alice, name="Kim Lau", email="kim@lau.example", phone="+13125550111")
    post = _post(form, name="Kim Lau", email="kim.l@home.example", phone="")
    actions.update_lead(kim, email="kim.l@home.example", same_person=True)  # one person
    kim.refresh_from_db()
    assert kim.email == "kim.l@home.example"
    _unsubscribe_from_the_receipt(post, smtp_server)
    kim.refresh_from_db()
    assert kim.status == Status.OPEN and refusal(kim, "email") == SUPPRESSED
    assert kim.status_changes.filter(reason__contains="from a web form's acknowledgement").exists()
    assert not Suppression.objects.filter(value="+13125550111").exists()


def test_an_unsubscribe_mailto_answering_the_receipt_from_an_alias_shows_the_posts_email(
    bob, form, smtp_server, open_all_day
):
    """The mailto names the receipt, which only the post's address got: sent from another
    address of theirs (an alias, a forward), it suppresses that email as the link does, and
    a later record of it comes in opted out (review22 #3). The receipt is no lead's: it
    opts out no record, the post's own neither."""
    post = _post_json(form, name="Kim Lau", email="info@kimshop.example")
    outbox.send_due()
    receipt = OutboundMessage.objects.get(to=post.email, kind=OutboundMessage.Kind.RECEIPT)
    raw = (
        f"From: kim.lau@gmail.example\r\nTo: sales@localhost\r\n"
        f"Subject: unsubscribe {receipt.message_id}\r\n"
        f"Message-ID: <alias-1@gmail.example>\r\n\r\nunsubscribe\r\n"
    )
    got = mailbox.handle_mail(raw.encode(), "alias-1")
    post.refresh_from_db()
    assert got.lead_id is None and got.kind == "opt_out" and post.status == Status.OPEN
    assert Suppression.objects.filter(value="info@kimshop.example").exists()
    again = actions.create_lead(bob, name="Kim Lau", email="info@kimshop.example", phone="")
    assert again.status == Status.OPTED_OUT


def test_a_stop_text_from_the_number_a_post_typed_reaches_the_number(form, ned, settings):
    """A STOP from the number shows it is the texter's: it is suppressed, and the records of
    the person on it are opted out as before."""
    _post_json(form, name="Ned Moore Jr", email="attacker7@evil.example", phone=NED_PHONE)
    assert _text_in(settings, "STOP", NED_PHONE, "SM-stop-jr").status_code == 200
    assert Suppression.objects.filter(value=NED_PHONE).exists()
    ned.refresh_from_db()
    assert ned.status == Status.OPTED_OUT  # the number's holder said no


def test_an_opt_out_taken_by_a_person_of_ours_vouches_for_the_whole_record(form, ned):
    """The button (or the API): a person of ours heard them, so every address of the record
    is theirs, as before. Ned's record is a teammate's: it waits for its owner to confirm
    (eval36 #1: a salesperson's word alone reaches no lead he may not open)."""
    jr = _post_json(form, name="Ned Moore Jr", email="attacker8@evil.example", phone=NED_PHONE)
    actions.opt_out(jr, user=form.owner, reason="Opted out (entered by hand)")
    (wish,) = held_wishes.waiting_for(ned.owner)
    assert wish.lead_id == ned.pk and not Suppression.objects.filter(value=NED_PHONE).exists()
    held_wishes.decide(wish, True, ned.owner)
    assert Suppression.objects.filter(value=NED_PHONE).exists()
    ned.refresh_from_db()
    assert ned.status == Status.OPTED_OUT
