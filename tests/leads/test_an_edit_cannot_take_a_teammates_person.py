"""eval36 #1: Add lead and the API's POST refused a person a teammate has as an active lead,
but Edit and `PATCH /api/leads/<id>` took their email with no word; the salesperson's
opt-out on his decoy then opted out the teammate's customer (and her mail came to him,
eval36 #2). Now an edit is refused by the same check (`same_person.teammates_lead`), naming
neither the lead nor whose. And an opted-out record given an address another active lead
holds suppresses it only when a person who may open that lead confirmed they are one
person, or the names match, on a lead the editor may open: a salesperson speaks for his own
records only. When it is suppressed, the holder's timeline says so."""

from __future__ import annotations

import json

from fairchase.api.models import ApiToken
from fairchase.leads import actions, reach
from fairchase.leads.models import Status, Suppression

UMA = "uma.moore@example.com"


def _fresh(user):
    """The user as a request reads it (the fixture's instance holds its first profile)."""
    return type(user).objects.get(pk=user.pk)


FORM = {"name": "Pat Decoy", "company": "", "phone": "", "timezone": "", "source": "referral"}


def test_the_edit_form_refuses_a_teammates_customers_email(client, alice, bob, make_lead):
    uma = make_lead(bob, name="Uma Moore", email=UMA)
    decoy = make_lead(alice, name="Pat Decoy", email="pat@example.com")
    client.force_login(alice)
    r = client.post(f"/leads/{decoy.pk}/edit/", {**FORM, "email": UMA, "value": "", "notes": ""})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Someone on the team already has this person" in html
    assert "Uma" not in html.replace(UMA, "") and "bob" not in html.lower().replace(UMA, "")
    decoy.refresh_from_db()
    assert decoy.email == "pat@example.com"
    # and the opt-out of the decoy no longer reaches her
    actions.opt_out(decoy, user=alice)
    uma.refresh_from_db()
    assert uma.status == Status.OPEN and not Suppression.objects.filter(value=UMA).exists()


def _patch(client, user, pk, body):
    _token, secret = ApiToken.issue(user, "tests")
    return client.patch(
        f"/api/leads/{pk}",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


def test_the_api_refuses_a_teammates_customers_email_with_409(client, alice, bob, make_lead):
    make_lead(bob, name="Abel Shaw", email="abel@example.com")
    mine = make_lead(alice, name="Pat Decoy", email="pat@example.com")
    for body in ({"email": "ABEL@example.com"}, {"email": "abel@example.com", "same_person": True}):
        r = _patch(client, alice, mine.pk, body)
        assert r.status_code == 409, r.content
        assert "Someone on the team already has this person" in r.json()["detail"]
        assert "Abel" not in r.json()["detail"]
    mine.refresh_from_db()
    assert mine.email == "pat@example.com"


def test_the_owner_who_sees_both_leads_may_still_edit(boss, alice, bob, make_lead):
    make_lead(bob, name="Abel Shaw", email="abel@example.com")
    mine = make_lead(alice, name="Pat Decoy", email="pat@example.com")
    actions.update_lead(
        mine, user=_fresh(boss), same_person=False, via="web", email="abel@example.com"
    )
    mine.refresh_from_db()
    assert mine.email == "abel@example.com"


def test_a_salespersons_same_person_does_not_silence_a_teammates_number(
    client, alice, bob, make_lead
):
    """A phone under another name is not the person (the edit is not refused as a
    teammate's person), but `same_person` from one who cannot open that lead proves nothing."""
    dana = make_lead(bob, name="Dana Jones", phone="+13125550171")
    mine = make_lead(alice, name="Pat Decoy", email="pat@example.com")
    actions.opt_out(mine, user=alice)
    r = _patch(client, alice, mine.pk, {"phone": "+13125550171", "same_person": True})
    assert r.status_code == 200, r.content
    assert not Suppression.objects.filter(value="+13125550171").exists()
    dana.refresh_from_db()
    assert dana.status == Status.OPEN


def test_a_matching_name_is_no_proof_of_one_person_on_a_teammates_lead(alice, bob, make_lead):
    """An import (no same-person question asked) gives a salesperson's opted-out record the
    email of a teammate's lead of the same name: that lead is not his to silence."""
    quinn = make_lead(alice, name="Quinn Ford", email="quinn@example.com")
    actions.opt_out(quinn, user=alice)
    other = make_lead(bob, name="Quinn Ford", email="q.ford@example.com")
    actions.update_lead(quinn, user=_fresh(alice), via="line 2", email="q.ford@example.com")
    assert not Suppression.objects.filter(value="q.ford@example.com").exists()
    other.refresh_from_db()
    assert other.status == Status.OPEN


def test_his_own_record_of_the_same_name_is_the_person(alice, make_lead):
    """review30 #1: an import gives her opted-out record the email of her other record (the
    same name, his own lead): the address is hers and is suppressed; the other record is not
    emailed again."""
    jane = make_lead(alice, name="Jane Doe", phone="+13125550199")
    actions.opt_out(jane, user=alice)
    dup = make_lead(alice, name="Jane Doe", email="jane.doe@example.com")
    actions.update_lead(jane, user=_fresh(alice), via="line 2", email="jane.doe@example.com")
    assert Suppression.objects.filter(value="jane.doe@example.com").exists()
    dup.refresh_from_db()
    assert reach.address_refusal(dup, "email")


def test_a_confirmed_suppression_is_written_on_the_holders_timeline(alice, bob, boss, make_lead):
    quinn = make_lead(alice, name="Quinn Ford", email="quinn@example.com")
    actions.opt_out(quinn, user=alice)
    other = make_lead(bob, name="Quinn Ford", email="q.ford@example.com")
    actions.update_lead(
        quinn, user=_fresh(boss), same_person=True, via="web", email="q.ford@example.com"
    )
    assert Suppression.objects.get(value="q.ford@example.com").reason == "opt-out"
    assert other.status_changes.filter(
        reason__startswith="q.ford@example.com suppressed: it was given to a record of this person"
    ).exists()
