"""Someone who said no on one record of theirs is not chased on another: an opt-out (any
path) opts out every active record with the same email or phone, each with its own
transition, every address blocked and every pending promise cancelled; and an opted-out
person gets no new promise pinned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fairchase.intake.calendar import feed
from fairchase.leads import actions
from fairchase.leads.actions import ActionError
from fairchase.leads.models import Commitment, Lead, Status, Suppression
from fairchase.outreach.tokens import make_token
from tests.leads.test_courtesy import _contacts_everywhere
from tests.outreach.test_reply_actions import _record, _text_in


def _bob_twice(alice, bob, make_lead):
    """Bob Stone imported for alice (engaged, a call and a quote promised), then his web
    enquiry a second record for bob; and a third record with only his phone in common."""
    first = make_lead(alice, name="Bob Stone", email="bob@stone.example", phone="+12125550140")
    actions.log_attempt(first, "call", "talked")
    soon = timezone.now() + timedelta(hours=2)
    actions.add_commitment(first, by="us", what="Call Bob Stone", due_at=soon)
    actions.add_commitment(first, by="us", what="send the quote", due_at=soon - timedelta(days=2))
    second = make_lead(bob, name="Bob Stone", email="Bob@Stone.example", phone="")
    third = make_lead(
        alice, name="bob  STONE", email="office@stone.example", phone="(212) 555-0140"
    )
    stranger = make_lead(alice, name="Cy Other", email="cy@other.example", phone="+12125550141")
    return first, second, third, stranger


def _opt_out_by(path: str, lead: Lead, settings) -> None:
    if path == "STOP text":  # from the phone the records share
        r = _text_in(settings, "STOP", "+1 212 555 0140", "SM-stop-1")
        assert r.status_code == 200
    elif path == "reply":
        _record(lead, "Please remove me from your list.", "<stop@x>")
    elif path == "unsubscribe link":
        r = Client().post(
            f"/o/unsubscribe/{make_token(lead, 'email')}", {"List-Unsubscribe": "One-Click"}
        )
        assert r.status_code == 200
    elif path == "call outcome":
        actions.log_attempt(lead, "call", "opted_out")
    else:
        actions.opt_out(lead, reason="Opted out (entered by hand)")


@pytest.mark.parametrize(
    "path", ["unsubscribe link", "reply", "STOP text", "call outcome", "button"]
)
def test_an_opt_out_on_one_record_opts_out_every_active_record_of_the_same_person(
    client, alice, bob, make_lead, path, settings
):
    first, second, third, stranger = _bob_twice(alice, bob, make_lead)
    _opt_out_by(path, second, settings)
    # a STOP text reaches the first active record with that phone (the first: eval36 #2);
    # the rest follow it
    said_on = first if path == "STOP text" else second
    for lead in (first, second, third):
        lead.refresh_from_db()
        assert lead.status == Status.OPTED_OUT, lead.name
        assert lead.next_action == ""
        assert not lead.commitments.filter(state=Commitment.State.PENDING).exists()
    for other in {first, second, third} - {said_on}:
        change = other.status_changes.order_by("-pk").first()
        assert (change.old, change.new) == (
            Status.ENGAGED if other == first else Status.OPEN,
            Status.OPTED_OUT,
        )
        assert change.reason.startswith(
            f"Opted out on another record: {said_on.name} (#{said_on.pk})"
        )
    # every address of each record is blocked, the office address too
    assert set(Suppression.objects.values_list("value", flat=True)) == {
        "bob@stone.example",
        "+12125550140",
        "office@stone.example",
    }
    stranger.refresh_from_db()
    assert stranger.status == Status.OPEN and stranger.next_action == "contact"
    assert _contacts_everywhere(client, alice, "Bob Stone") == []
    assert _contacts_everywhere(client, bob, "Bob Stone") == []
    assert b"Bob Stone" not in feed(alice) and b"send the quote" not in feed(alice)


def test_an_opt_out_asked_again_reaches_a_record_made_since(alice, bob, make_lead):
    first = make_lead(alice, name="Dee", email="dee@example.com", phone="")
    actions.opt_out(first)
    later = make_lead(bob, name="Dee", email="", phone="+12125550150")
    actions.update_lead(later, email="DEE@example.com")
    actions.opt_out(first, channel="text")
    later.refresh_from_db()
    assert later.status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="+12125550150").exists()


def test_an_opted_out_person_gets_no_new_promise_pinned(client, alice, make_lead):
    lead = make_lead(alice, name="Hank Hill")
    actions.opt_out(lead)
    with pytest.raises(ActionError, match="opted out"):
        actions.add_commitment(lead, by="us", what="call him back", due_at=timezone.now())
    client.force_login(alice)
    due = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(
        f"/leads/{lead.pk}/commitments/",
        {"by": "us", "what": "call him back", "due_at": due},
        follow=True,
    )
    assert "opted out: no next step can be pinned" in r.content.decode()
    assert not Commitment.objects.filter(lead=lead).exists()
    export = client.get("/in/export/commitments.csv")
    assert "call him back" not in b"".join(export.streaming_content).decode()
    # the same pin on a lead that has not opted out is kept (the test can fail)
    other = make_lead(alice, name="Ann")
    client.post(
        f"/leads/{other.pk}/commitments/", {"by": "us", "what": "call her back", "due_at": due}
    )
    assert Commitment.objects.filter(lead=other, state=Commitment.State.PENDING).count() == 1


def test_a_reply_asking_for_a_call_from_an_opted_out_person_pins_nothing(alice, make_lead):
    lead = make_lead(alice, name="Hank Hill")
    actions.opt_out(lead)
    inbound = _record(lead, "Call me back tomorrow at 10.", "<call@x>")
    assert inbound.kind == "call_back", inbound.kind
    assert inbound.effect == "Hank Hill opted out; they wrote again: read before you do anything."
    assert not lead.commitments.exists()


def test_a_family_number_links_no_one_along_a_chain_of_partial_names(alice, make_lead):
    """Ann Stone, a bare "Stone" and Bob Stone on one household number: Ann's opt-out is
    hers (and the number's), never Bob's, and his own email stays open."""
    phone = "+12125550177"
    ann = make_lead(alice, name="Ann Stone", email="ann@stone.example", phone=phone)
    make_lead(alice, name="Stone", email="", phone=phone)
    bob = make_lead(alice, name="Bob Stone", email="bob@stone.example", phone=phone)
    actions.opt_out(ann)
    bob.refresh_from_db()
    assert bob.status != Status.OPTED_OUT
    assert not Suppression.objects.filter(value="bob@stone.example").exists()
    assert Suppression.objects.filter(value=phone).exists()  # the number itself said no
    # Bob added again later with only his email: not opted out for Ann's no
    again = actions.create_lead(alice, name="Bob Stone", email="bob.s@work.example", phone=phone)
    assert again.status != Status.OPTED_OUT


def test_a_first_name_alone_still_links_its_person(alice, make_lead):
    """ "Bob" on Bob Stone's number is Bob (as a form sent with a first name only)."""
    phone = "+12125550178"
    bob = make_lead(alice, name="Bob Stone", email="bob@stone.example", phone=phone)
    first = make_lead(alice, name="Bob", email="bobby@home.example", phone=phone)
    actions.opt_out(first)
    bob.refresh_from_db()
    assert bob.status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="bob@stone.example").exists()
