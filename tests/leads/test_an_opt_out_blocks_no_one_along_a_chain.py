"""A record opted out because it matched someone who said no ("Mia" on Mia Fox's number)
said nothing itself: a later record on that number is compared with Mia Fox, never with
"Mia", so "Mia Gomez" with her own email is not blocked by a chain Mia Fox -> "Mia" ->
"Mia Gomez" (an evaluator's finding). The record that said no still blocks every variant
of its own name, and a record that said no itself still blocks its name."""

from __future__ import annotations

from fairchase.api.models import ApiToken
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression

PHONE = "+13125550133"


def _post(client, headers, **body):
    return client.post("/api/leads", body, content_type="application/json", headers=headers)


def _token(user) -> dict:
    _row, secret = ApiToken.issue(user, "tests")
    return {"Authorization": f"Bearer {secret}"}


def test_a_later_record_is_compared_with_who_said_no_not_with_who_matched_them(
    client, alice, make_lead
):
    h = _token(alice)
    mia_fox = make_lead(alice, name="Mia Fox", email="mia@fox.example", phone=PHONE)
    actions.opt_out(mia_fox)
    mia = _post(client, h, name="Mia", phone="312-555-0133")
    assert mia.status_code == 201 and mia.json()["status"] == "opted_out"  # "Mia" fits Mia Fox
    gomez = _post(client, h, name="Mia Gomez", email="mia.gomez@example.com", phone=PHONE)
    assert gomez.status_code == 201, gomez.content
    assert gomez.json()["status"] != "opted_out", gomez.json()
    assert not Suppression.objects.filter(value="mia.gomez@example.com").exists()
    # Mia Fox herself, written another way, is still blocked
    again = _post(client, h, name="Fox, Mia", email="m.fox@work.example", phone=PHONE)
    assert again.json()["status"] == "opted_out"
    assert (
        f"Mia Fox (#{mia_fox.pk})"
        in Lead.objects.get(pk=again.json()["id"]).status_changes.get(new=Status.OPTED_OUT).reason
    )


def test_a_record_opted_out_with_its_person_lends_its_name_to_no_one(alice, make_lead):
    """Ann Lee says no while "Ann" is on her number: "Ann" is opted out with her, and
    "Ann Jones" added later on that number is not."""
    ann_lee = make_lead(alice, name="Ann Lee", email="ann@lee.example", phone=PHONE)
    ann = make_lead(alice, name="Ann", email="", phone=PHONE)
    actions.opt_out(ann_lee)
    ann.refresh_from_db()
    assert ann.status == Status.OPTED_OUT
    jones = actions.create_lead(alice, name="Ann Jones", email="ann@jones.example", phone=PHONE)
    assert jones.status != Status.OPTED_OUT
    assert actions.why_said_no(Lead(name="Ann Jones", phone=PHONE)) == ""
    assert actions.why_said_no(Lead(name="Ann", phone=PHONE)) != ""  # fits Ann Lee herself


def test_a_record_that_said_no_itself_still_blocks_its_name(alice, make_lead):
    """A "Mia" who says no herself blocks "Mia Gomez" on her number (her first name alone
    fits it): she said it, nobody said it for her."""
    mia = make_lead(alice, name="Mia", email="", phone=PHONE)
    actions.opt_out(mia)
    gomez = actions.create_lead(alice, name="Mia Gomez", email="mia.gomez@example.com", phone=PHONE)
    assert gomez.status == Status.OPTED_OUT


def test_a_record_opted_out_with_its_person_that_says_no_itself_then_lends_its_name(
    client, alice, make_lead
):
    """ "Mia" was opted out with Mia Fox, then texted STOP herself: from then on she said no
    herself, so "Mia Gomez" added on her number is hers to block, as if "Mia" had said no
    first (before, her own opt-out changed nothing and "Mia Gomez" was contacted)."""
    mia_fox = make_lead(alice, name="Mia Fox", email="mia@fox.example", phone=PHONE)
    mia = make_lead(alice, name="Mia", email="", phone=PHONE)
    actions.opt_out(mia_fox)
    assert actions.why_said_no(Lead(name="Mia Gomez", phone=PHONE)) == ""
    actions.opt_out(mia, channel="text", reason="Texted 'STOP'")
    assert f"Mia (#{mia.pk})" in actions.why_said_no(Lead(name="Mia Gomez", phone=PHONE))
    gomez = actions.create_lead(alice, name="Mia Gomez", email="mia.gomez@example.com", phone=PHONE)
    assert gomez.status == Status.OPTED_OUT
    # said again, by hand in the app: her own opt-out is on her timeline once
    client.force_login(alice)
    client.post(f"/leads/{mia.pk}/opt-out/")
    own = mia.status_changes.filter(reason__startswith="Said no on this record itself")
    assert [row.reason for row in own] == ["Said no on this record itself: Texted 'STOP'"]
