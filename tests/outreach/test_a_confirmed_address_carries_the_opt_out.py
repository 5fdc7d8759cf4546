"""A number a public post typed stays only typed until a person of ours says it is theirs
("It is theirs" on the lead page, `actions.confirm_address`): Kim Lau posts her email and
number, Bob talks with her on the number, then she unsubscribes by email. Unconfirmed, her
opt-out stays off the number (a stranger may have typed it; a conversation on it does not
clear that by itself). Confirmed, before or after the opt-out, the number is suppressed and
her other record on it, and a record made later on it, are opted out."""

from __future__ import annotations

import pytest
from django.test import Client

from fairchase.intake import held_wishes
from fairchase.leads import actions
from fairchase.leads.actions import ActionError
from fairchase.leads.models import Outcome, Status, Suppression
from tests.outreach.test_a_strangers_post_opts_no_customer_out import (
    _email_unsubscribe,
    _post_json,
    form,  # noqa: F401 (a fixture)
)

KIM_PHONE = "+18475555873"


@pytest.fixture
def kim(form, alice, make_lead):  # noqa: F811
    """Her post (Bob's form), her older record on the number (Alice's), and Bob's call."""
    post = _post_json(form, name="Kim Lau", email="kim@lau.example", phone="(847) 555-5873")
    older = make_lead(alice, name="Kim Lau", email="", phone=KIM_PHONE)
    actions.log_attempt(post, "call", Outcome.TALKED, user=form.owner)
    post.refresh_from_db()
    return post, older


def _reached(post, older) -> None:
    assert Suppression.objects.filter(value=KIM_PHONE, reason="opt-out").exists()
    older.refresh_from_db()
    assert older.status == Status.OPTED_OUT
    later = actions.create_lead(older.owner, name="Kim Lau", email="", phone=KIM_PHONE)
    assert later.status == Status.OPTED_OUT


def test_talking_on_the_number_alone_does_not_make_it_theirs(kim):
    post, older = kim
    assert post.typed_phone == KIM_PHONE  # no flag is cleared by a call
    _email_unsubscribe("kim@lau.example", "kim-1")
    post.refresh_from_db()
    assert post.status == Status.OPTED_OUT
    assert not Suppression.objects.filter(value=KIM_PHONE).exists()
    older.refresh_from_db()
    assert older.status == Status.OPEN


def test_a_confirmed_number_is_reached_by_her_email_unsubscribe(kim, bob):
    post, older = kim
    actions.confirm_address(post, "phone", user=bob)
    assert post.typed_phone == "" and post.typed_email == "kim@lau.example"
    row = post.status_changes.last()
    assert row.reason == "Confirmed the phone (847) 555-5873 is theirs (Bob)"
    assert row.user == bob
    _email_unsubscribe("kim@lau.example", "kim-2")
    _reached(post, older)


def test_a_number_confirmed_after_her_opt_out_is_reached_then(kim, bob, alice):
    post, older = kim
    _email_unsubscribe("kim@lau.example", "kim-3")
    assert not Suppression.objects.filter(value=KIM_PHONE).exists()
    events = post.events
    post.refresh_from_db()
    actions.confirm_address(post, "phone", user=bob)
    assert post.events > events
    # Bob's word reaches Alice's record on the number once she confirms it (eval36 #1)
    assert not Suppression.objects.filter(value=KIM_PHONE).exists()
    (wish,) = held_wishes.waiting_for(alice)
    held_wishes.decide(wish, True, alice)
    _reached(post, older)


def test_only_a_typed_address_can_be_confirmed(kim, bob):
    post, _ = kim
    actions.confirm_address(post, "phone", user=bob)
    with pytest.raises(ActionError):
        actions.confirm_address(post, "phone", user=bob)
    with pytest.raises(ActionError):
        actions.confirm_address(post, "notes", user=bob)


def test_the_lead_page_offers_it_to_the_owner_only(kim, bob, alice):
    post, _ = kim
    owner = Client()
    owner.force_login(bob)
    page = owner.get(f"/leads/{post.pk}/").content.decode()
    assert page.count("typed on the web form, not confirmed") == 2
    assert 'name="field" value="phone"' in page
    other = Client()
    other.force_login(alice)
    r = other.post(f"/leads/{post.pk}/confirm-address/", {"field": "phone"})
    assert r.status_code == 404
    assert Client().post(f"/leads/{post.pk}/confirm-address/", {"field": "phone"}).status_code in (
        302,
        403,
    )
    post.refresh_from_db()
    assert post.typed_phone == KIM_PHONE
    r = owner.post(f"/leads/{post.pk}/confirm-address/", {"field": "phone"}, follow=True)
    page = r.content.decode()
    assert "the phone is confirmed as theirs" in page
    assert page.count("typed on the web form, not confirmed") == 1
    assert 'name="field" value="phone"' not in page
    post.refresh_from_db()
    assert post.typed_phone == ""
