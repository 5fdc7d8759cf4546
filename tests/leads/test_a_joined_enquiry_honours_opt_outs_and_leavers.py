"""An enquiry that joins a person's active lead through the API is held to the rules a new
or edited lead is: an address it adds that someone who opted out gave makes the lead
theirs, opted out too (and what was queued for it cancelled). A public web form adds no
address (anyone may type a customer's name and phone): the one it gave is named, as
someone's who opted out, for the owner to confirm in Edit, which asks. The
timeline names who posted it (the API user; nobody for a visitor's form). Through the API,
a lead whose owner left goes to the business owner (as a form's enquiry does), never to
the poster for the asking, and a poster who may not see the lead does not join it (409,
as the web's Add lead answers) nor adds a consent to it."""

from __future__ import annotations

import pytest
from django.db import transaction

from fairchase.api.models import ApiToken
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange, Suppression
from fairchase.outreach import outbox
from fairchase.outreach.models import OutboundMessage

OPTED_OUT_BEFORE = "This person opted out before: Ann Lee"


@pytest.fixture
def texts_on(settings):
    """Texts configured (nothing is sent here: the worker never runs)."""
    settings.SMS_API_URL = "http://127.0.0.1:9/"
    settings.SMS_ACCOUNT_SID, settings.SMS_AUTH_TOKEN = "AC1", "secret"
    settings.SMS_FROM = "+12125550000"


@pytest.fixture
def ann(alice, make_lead, texts_on):
    """A: Ann Lee's active lead, a phone and no email; B: Ann Lee at ann@x.example, who
    opted out. A text is queued for A."""
    a = make_lead(alice, name="Ann Lee", email="", phone="212-555-0101", consents=["sms"])
    b = make_lead(alice, name="Ann Lee", email="ann@x.example", phone="")
    actions.opt_out(b)
    with transaction.atomic():
        outbox.queue(Lead.objects.get(pk=a.pk), "text", "", "Hi", user=alice)
    return a


def _api(client, token, **body):
    return client.post(
        "/api/leads", body, content_type="application/json", headers={"Authorization": token}
    )


def _token(user) -> str:
    _, secret = ApiToken.issue(user, "tests")
    return f"Bearer {secret}"


def test_an_api_post_adding_an_opted_out_email_opts_the_joined_lead_out(client, alice, ann):
    r = _api(
        client,
        _token(alice),
        name="Ann Lee",
        email="ann@x.example",
        phone="212 555 0101",
        notes="Quote?",
    )
    assert r.status_code == 200 and r.json()["id"] == ann.pk, r.content
    ann.refresh_from_db()
    assert ann.email == "ann@x.example" and ann.status == Status.OPTED_OUT
    assert r.json()["status"] == "opted_out" and ann.next_action != "contact"
    assert Suppression.objects.filter(value=ann.phone).exists()  # never called again
    said = ann.status_changes.get(new=Status.OPTED_OUT)
    assert said.reason.startswith(OPTED_OUT_BEFORE) and said.user == alice
    joined = ann.status_changes.get(reason__startswith="New enquiry through the API")
    assert joined.user == alice  # who posted it
    # the same event as any opt-out: what was queued for Ann is cancelled
    assert OutboundMessage.objects.get(lead=ann).state == OutboundMessage.State.CANCELLED


def test_a_web_form_enquiry_giving_an_opted_out_email_names_it_for_the_owner(client, alice, ann):
    form = CaptureForm.objects.create(name="Website", owner=alice)
    r = client.post(
        f"/in/f/{form.key}/",
        {"name": "Ann Lee", "email": "ann@x.example", "phone": "212 555 0101", "message": "Hi"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert r.status_code == 200 and b"Thank you" in r.content
    assert Lead.objects.filter(name="Ann Lee").count() == 2  # joined, no third record
    ann.refresh_from_db()
    # a stranger typing an opted-out address beside her name and number cannot end her chase
    assert ann.email == "" and ann.status != Status.OPTED_OUT
    joined = ann.status_changes.get(reason__startswith="New enquiry through Website")
    assert joined.user is None
    assert (
        "the enquiry gave email ann@x.example (of a person who asked not to be contacted): "
        "not added" in joined.reason
    )
    assert "ann@x.example (of a person who asked not to be contacted)" in ann.notes
    # her owner, adding it in Edit, is asked if she is that person (then opted out, as before)
    with pytest.raises(actions.SaidNoElsewhere):
        actions.update_lead(ann, email="ann@x.example", same_person=False)
    actions.update_lead(ann, email="ann@x.example", same_person=True)
    ann.refresh_from_db()
    assert ann.status == Status.OPTED_OUT
    assert OutboundMessage.objects.get(lead=ann, kind="lead").state == "cancelled"


def test_an_api_post_to_a_leavers_lead_goes_to_the_business_owner_not_the_poster(
    client, alice, bob, boss, make_lead
):
    lead = make_lead(alice, name="Eve Ray", email="eve@ray.example", company="Ray & Co")
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    r = _api(client, _token(bob), name="Eve Ray", email="eve@ray.example", notes="Hi")
    assert r.status_code == 409, r.content
    assert set(r.json()) == {"detail", "errors"} and "Ray & Co" not in r.content.decode()
    lead.refresh_from_db()  # not the poster's to join: left as it was, his notes under his name
    assert lead.owner == alice and lead.notes.endswith("Notes added by Bob from the API:\nHi")
    # the business owner posting joins it, and it becomes theirs
    again = _api(client, _token(boss), name="Eve Ray", email="eve@ray.example", notes="Hello")
    assert again.status_code == 200 and again.json()["id"] == lead.pk
    lead.refresh_from_db()
    assert lead.owner == boss and lead.notes.endswith("New enquiry through the API:\nHello")
    moved = lead.status_changes.get(reason="Reassigned from Alice to Boss")
    assert moved.user == boss


def test_an_api_post_adds_no_consent_to_a_lead_the_poster_may_not_see(
    client, alice, bob, make_lead, texts_on
):
    lead = make_lead(alice, name="Gus Ho", email="gus@ho.example", phone="+12125550177")
    body = {"name": "Gus Ho", "email": "gus@ho.example", "phone": "+12125550177"}
    r = _api(client, _token(bob), consents=["sms"], notes="Text me", **body)
    assert r.status_code == 409
    lead.refresh_from_db()
    assert "sms" not in lead.consents and "Text me" in lead.notes
    r = _api(client, _token(alice), consents=["sms"], notes="Do text me", **body)
    assert r.status_code == 200
    lead.refresh_from_db()
    assert "sms" in lead.consents
    assert StatusChange.objects.filter(lead=lead, reason__startswith="Bob tried to add").exists()
