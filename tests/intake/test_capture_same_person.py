"""An enquiry from someone who already has an active lead joins that lead (matched by
normalised email, then phone, as the importer matches): its message in the notes, a
timeline row, the lead's owner alerted and its plan recomputed; never a second record of
the same person (whose opt-out on one record would leave the other chased)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status
from fairchase.outreach.models import OutboundMessage


@pytest.fixture
def form(bob):
    return CaptureForm.objects.create(name="Website", owner=bob)


def _webhook(client, form, **data):
    return client.post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps(data),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.fixture
def bob_stone(alice, make_lead):
    """Imported for alice, tried twice without an answer."""
    lead = make_lead(
        alice,
        name="Bob Stone",
        email="bob@stone.example",
        phone="+12125550140",
        source="import",
        created_at=timezone.now() - timedelta(days=9),
    )
    for days in (8, 6):
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=days))
    return lead


def test_an_enquiry_by_the_same_email_joins_the_active_lead_instead_of_a_duplicate(
    client, form, alice, bob_stone
):
    r = _webhook(
        client, form, name="Bob Stone", email=" BOB@Stone.Example ", message="Quote for the roof?"
    )
    assert r.status_code == 202 and r.json() == {"status": "received"}  # no id: nothing leaks
    assert Lead.objects.filter(name="Bob Stone").count() == 1
    lead = Lead.objects.get(pk=bob_stone.pk)
    assert lead.owner == alice
    assert lead.notes.endswith("New enquiry through Website:\nQuote for the roof?")
    change = lead.status_changes.order_by("-pk").first()
    assert change.reason == "New enquiry through Website" and change.new == Status.ENGAGED
    assert lead.responded_at is not None and lead.attempts.filter(outcome="replied").count() == 1
    assert lead.next_action == "contact", lead.plan_reason
    alert = OutboundMessage.objects.get(kind=OutboundMessage.Kind.OWNER_ALERT)
    assert alert.to == "alice@example.com" and alert.lead_id == lead.pk
    assert "another enquiry" in alert.body and "Quote for the roof?" in alert.body
    # the same message sent twice (a double click) is added once
    _webhook(
        client, form, name="Bob Stone", email="bob@stone.example", message="Quote for the roof?"
    )
    lead.refresh_from_db()
    assert lead.notes.count("Quote for the roof?") == 1


def test_an_enquiry_by_the_same_phone_joins_the_lead_and_names_its_other_email(
    client, form, bob_stone
):
    r = client.post(
        f"/in/f/{form.key}/",
        {"name": "Bob", "email": "b.stone@work.example", "phone": "(212) 555-0140"},
        REMOTE_ADDR="203.0.113.8",
    )
    assert r.status_code == 200 and b"Thank you" in r.content
    assert Lead.objects.count() == 1
    lead = Lead.objects.get(pk=bob_stone.pk)
    assert lead.email == "bob@stone.example"
    assert "New enquiry through Website (also b.stone@work.example)" in lead.notes


def test_someone_new_or_opted_out_still_makes_a_new_lead(client, form, bob, bob_stone):
    r = _webhook(client, form, name="Cy New", email="cy@new.example")
    assert r.status_code == 202 and r.json() == {"status": "received"}
    assert Lead.objects.get(email="cy@new.example").owner == bob
    actions.opt_out(bob_stone)
    r = _webhook(client, form, name="Bob Stone", email="bob@stone.example")
    assert r.status_code == 202  # a new lead, whose address stays suppressed
    again = Lead.objects.exclude(pk=bob_stone.pk).get(email="bob@stone.example")
    assert again.next_action != "contact" and again.pk != bob_stone.pk


def test_the_webhook_answers_a_known_and_an_unknown_person_alike(client, form, bob_stone):
    """The form's key is public: its answer must not tell whether someone is in the book."""
    known = _webhook(client, form, name="Bob Stone", email="bob@stone.example")
    stranger = _webhook(client, form, name="Cy New", email="cy@new.example")
    bot = _webhook(client, form, name="Bot", email="bot@x.example", website="http://spam")
    answers = {(r.status_code, r.content) for r in (known, stranger, bot)}
    assert answers == {(202, b'{"status": "received"}')}
    # both were taken: the enquiry joined Bob's lead, the stranger is a new lead
    assert "New enquiry through Website" in Lead.objects.get(pk=bob_stone.pk).notes
    assert Lead.objects.filter(email="cy@new.example").count() == 1


def test_an_enquiry_from_a_shared_phone_under_another_name_is_a_lead_of_its_own(
    client, form, bob, bob_stone
):
    """A family's or a switchboard's number: Ann is not Bob (the API's and the importer's
    rule, `same_person.active_lead_of`); a name without a name ("Bob") still joins."""
    r = _webhook(client, form, name="Ann Stone", phone="(212) 555-0140", message="Kitchen?")
    assert r.status_code == 202
    ann = Lead.objects.exclude(pk=bob_stone.pk).get(name="Ann Stone")
    assert ann.phone == bob_stone.phone and ann.owner == bob and ann.notes == "Kitchen?"
    assert "Kitchen?" not in Lead.objects.get(pk=bob_stone.pk).notes
    _webhook(client, form, name="stone, bob", phone="212 555 0140", message="The roof again")
    assert "The roof again" in Lead.objects.get(pk=bob_stone.pk).notes
    assert Lead.objects.count() == 2


def test_a_shared_phone_joins_the_exact_name_first_and_never_guesses(
    client, form, alice, make_lead
):
    """On one number: an older "Bob" and a newer "Bob Stone". A "Bob Stone" enquiry joins
    Bob Stone's lead (the exact name), a bare "Stone" joins neither (a family name alone is
    nobody in particular), and a named enquiry joins a lead named after the number."""
    phone = "+12125550190"
    bob = make_lead(alice, name="Bob", phone=phone)
    bob_stone = make_lead(alice, name="Bob Stone", phone=phone)
    _webhook(client, form, name="Bob Stone", phone="(212) 555-0190", message="The roof")
    assert "The roof" in Lead.objects.get(pk=bob_stone.pk).notes
    assert "The roof" not in Lead.objects.get(pk=bob.pk).notes
    _webhook(client, form, name="Stone", phone="(212) 555-0190", message="Hello")
    assert Lead.objects.get(name="Stone", phone=phone).notes == "Hello"
    unnamed = make_lead(alice, name="212 555 0191", phone="+12125550191")
    _webhook(client, form, name="Dana Reyes", phone="(212) 555-0191", message="A quote")
    assert "A quote" in Lead.objects.get(pk=unnamed.pk).notes
    assert not Lead.objects.filter(name="Dana Reyes").exists()
