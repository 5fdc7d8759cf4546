"""One wrong email typed or pasted in Edit lead never opts a customer out: an address of a
person who asked not to be contacted is refused with a form error (naming no one else's
lead) unless the user ticks "They are the same person"; only then is the lead opted out,
and only the addresses that person said no on are suppressed, not the lead's own phone.
Before, Bob Stone was opted out at once, his own phone suppressed, his timeline said
"+13125550142 asked not to be contacted", and nothing could undo it."""

from __future__ import annotations

from fairchase.api.models import ApiToken
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression

EMIL = "emil.wong58787@example.com"
BOB = {
    "name": "Bob Stone",
    "company": "",
    "email": "bob.stone@example.com",
    "phone": "+13125550142",
    "timezone": "",
    "source": "referral",
    "value": "2500",
    "notes": "",
}


def _emil_said_no(boss, make_lead) -> Lead:
    """Emil Wong, another owner's lead, asked not to be contacted."""
    emil = make_lead(boss, name="Emil Wong", email=EMIL, phone="+13125550199")
    return actions.opt_out(emil)


def test_an_edit_to_an_opted_out_email_is_refused_and_changes_nothing(
    client, alice, boss, make_lead
):
    _emil_said_no(boss, make_lead)
    bob = make_lead(alice, **{k: v for k, v in BOB.items() if k in ("name", "email", "phone")})
    client.force_login(alice)
    r = client.post(f"/leads/{bob.pk}/edit/", {**BOB, "email": EMIL.upper()})
    assert r.status_code == 200
    html = r.content.decode()
    assert "belongs to a person who asked not to be contacted" in html
    assert "They are the same person" in html and 'name="same_person"' in html
    assert "Emil" not in html.replace(EMIL, "")  # no other owner's lead named
    bob.refresh_from_db()
    assert (bob.status, bob.email) == (Status.OPEN, "bob.stone@example.com")
    assert not Suppression.objects.filter(value="+13125550142").exists()
    # saved back as it was: nothing to confirm, nothing changed
    r = client.post(f"/leads/{bob.pk}/edit/", BOB)
    assert r.status_code == 302
    bob.refresh_from_db()
    assert bob.status == Status.OPEN and bob.next_action == "contact"
    # Bob writing in through the API joins his open lead: nobody took him for someone else
    _token, secret = ApiToken.issue(alice, "tests")
    r = client.post(
        "/api/leads",
        {"name": "Bob Stone", "email": "bob.stone@example.com"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 200 and r.json()["joined"] and r.json()["status"] == "open"


def test_only_a_confirmed_edit_opts_the_lead_out_and_its_own_phone_stays_free(
    client, alice, boss, make_lead
):
    emil = _emil_said_no(boss, make_lead)
    bob = make_lead(alice, **{k: v for k, v in BOB.items() if k in ("name", "email", "phone")})
    client.force_login(alice)
    r = client.post(f"/leads/{bob.pk}/edit/", {**BOB, "email": EMIL, "same_person": "on"})
    assert r.status_code == 302
    bob.refresh_from_db()
    assert bob.status == Status.OPTED_OUT and bob.next_action != "contact"
    row = bob.status_changes.order_by("-pk").first()
    assert f"Emil Wong (#{emil.pk})" in row.reason and "same person" in row.reason
    assert row.user == alice
    # the phone was Bob's before the edit, never the person's who said no
    assert not Suppression.objects.filter(value="+13125550142").exists()
    # so a relative on that number is no one who said no, and no row says it asked
    ann = make_lead(alice, name="Ann Stone", email="ann@example.com", phone="+13125550142")
    assert ann.status == Status.OPEN
    assert not ann.status_changes.filter(reason__contains="asked not to be contacted").exists()


def test_a_new_name_that_makes_the_number_theirs_asks_too(client, alice, boss, make_lead):
    """A rename alone can make a lead the person who said no on its phone."""
    eve = make_lead(boss, name="Eve Ross", email="eve@ross.example", phone="+13125550144")
    actions.opt_out(eve)
    other = make_lead(alice, name="Carl Diaz", email="carl@example.com", phone="+13125550144")
    assert other.status == Status.OPEN
    client.force_login(alice)
    fields = {**BOB, "name": "Eve Ross", "email": "carl@example.com", "phone": "+13125550144"}
    r = client.post(f"/leads/{other.pk}/edit/", fields)
    assert r.status_code == 200
    assert "under this name belongs to a person who asked not to be contacted" in r.content.decode()
    other.refresh_from_db()
    assert (other.name, other.status) == ("Carl Diaz", Status.OPEN)
