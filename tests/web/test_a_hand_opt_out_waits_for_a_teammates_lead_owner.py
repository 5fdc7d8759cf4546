"""eval36 leftover #1: a salesperson added a lead with the email of a teammate's closed (or
lost, or won) lead (only an active one is refused) and pressed Record opt-out on his own
lead: its suppression of the address reached the teammate's lead at once (a closed one was
even opted out). Now his own lead is opted out as always, but the teammate's lead is held
for its owner as an import's "Do not contact" row is (`held_wishes`): nothing suppressed
for it until its owner confirms, on Today. An owner, who may open every lead, still
suppresses at once."""

from __future__ import annotations

import pytest

from fairchase.api.models import ApiToken
from fairchase.intake import held_wishes
from fairchase.intake.models import HeldWish
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression

KATE = "kate.gray@example.com"


def _finished(bob, make_lead, finish: str) -> Lead:
    kate = make_lead(bob, name="Kate Gray", email=KATE, phone="+13125550190")
    if finish == "close":
        actions.stop_chasing(kate, Status.CLOSED, user=bob)
    elif finish == "lost":
        actions.mark_lost(kate, "went elsewhere", user=bob)
    else:
        actions.mark_won(kate, user=bob)
    return Lead.objects.get(pk=kate.pk)


def _decoy(client, alice) -> Lead:
    client.force_login(alice)
    sent = {"name": "Evil Twin", "email": KATE, "source": "walk_in", "timezone": "UTC"}
    r = client.post("/leads/new/", sent)
    assert r.status_code == 302, r.content.decode()[:2000]
    return Lead.objects.get(owner=alice)


@pytest.mark.parametrize("finish", ["close", "lost", "won"])
@pytest.mark.parametrize("door", ["button", "today", "api"])
def test_a_salespersons_opt_out_holds_a_teammates_finished_lead_for_its_owner(
    client, alice, bob, make_lead, finish, door
):
    kate = _finished(bob, make_lead, finish)
    decoy = _decoy(client, alice)
    if door == "button":
        client.post(f"/leads/{decoy.pk}/opt-out/")
    elif door == "today":
        client.post(f"/leads/{decoy.pk}/log/", {"channel": "call", "outcome": "opted_out"})
    else:
        _token, secret = ApiToken.issue(alice, "tests")
        r = client.post(
            f"/api/leads/{decoy.pk}/opt-out",
            {},
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert r.status_code == 200, r.content
    assert Lead.objects.get(pk=decoy.pk).status == Status.OPTED_OUT  # his own: as always
    assert Lead.objects.get(pk=kate.pk).status == kate.status
    assert not Suppression.objects.filter(value=KATE).exists()
    assert [w.lead_id for w in held_wishes.waiting_for(bob)] == [kate.pk]
    assert held_wishes.waiting_for(alice) == []
    client.force_login(bob)
    assert "Evil Twin (#" in client.get("/").content.decode()  # the request, on his Today
    held_wishes.decide(HeldWish.objects.get(), True, bob)
    assert Suppression.objects.filter(value=KATE).exists()


def test_an_owners_opt_out_suppresses_at_once(client, alice, bob, boss, make_lead):
    kate = _finished(bob, make_lead, "close")
    decoy = make_lead(alice, name="Evil Twin", email=KATE)
    client.force_login(boss)
    client.post(f"/leads/{decoy.pk}/opt-out/")
    assert Suppression.objects.filter(value=KATE).exists()
    assert Lead.objects.get(pk=kate.pk).status == Status.OPTED_OUT
    assert not HeldWish.objects.exists()


@pytest.mark.parametrize("finish", ["close", "won"])
def test_an_opted_out_lead_edited_to_a_teammates_address_waits_for_its_owner_too(
    client, alice, bob, make_lead, finish
):
    """The other order: his lead opted out first, then given the teammate's customer's email
    (`keep_said_no`): not suppressed on his word either; still never used for his lead."""
    kate = _finished(bob, make_lead, finish)
    decoy = make_lead(alice, name="Evil Twin", email="evil@example.com")
    actions.opt_out(decoy, user=alice)
    actions.update_lead(Lead.objects.get(pk=decoy.pk), user=alice, email=KATE)
    assert not Suppression.objects.filter(value=KATE).exists()
    decoy = Lead.objects.get(pk=decoy.pk)
    assert decoy.email == KATE and decoy.status == Status.OPTED_OUT
    assert "not used for this lead" in decoy.status_changes.last().reason
    assert "Kate" not in decoy.status_changes.last().reason
    (wish,) = held_wishes.waiting_for(bob)
    assert wish.lead_id == kate.pk
    held_wishes.decide(wish, True, bob)
    assert Suppression.objects.filter(value=KATE).exists()


def test_a_lead_added_for_someone_who_said_no_leaves_a_teammates_number_to_its_owner(
    client, alice, bob, make_lead
):
    """Added with an email someone said no on (his own opted-out decoy's) and the phone of a
    teammate's won lead: the new record is opted out, but the phone is not suppressed on
    his word; the teammate's lead waits for its owner."""
    kate = _finished(bob, make_lead, "won")
    first = make_lead(alice, name="Evil Twin", email="evil@example.com", phone="")
    actions.opt_out(first, user=alice)
    client.force_login(alice)
    sent = {"name": "Evil Twin", "email": "evil@example.com", "phone": kate.phone}
    r = client.post("/leads/new/", {**sent, "source": "walk_in", "timezone": "UTC"})
    assert r.status_code == 302, r.content.decode()[:2000]
    again = Lead.objects.exclude(pk=first.pk).get(owner=alice)
    assert again.status == Status.OPTED_OUT
    assert not Suppression.objects.filter(value=kate.phone).exists()
    assert [w.lead_id for w in held_wishes.waiting_for(bob)] == [kate.pk]


def test_a_household_phone_on_his_own_other_record_is_blocked_at_once(alice, bob, make_lead):
    """review31 #2: John tells Alice "never call again"; her Mary Smith shares the household
    phone, and Bob's won John Smith holds it too. Held for Bob alone, the number stayed
    callable through Mary: on Alice's word it is blocked for every holder, as before."""
    from fairchase.leads import planning

    phone = "+13125550177"
    actions.mark_won(make_lead(bob, name="John Smith", phone=phone), user=bob)
    john = make_lead(alice, name="John Smith", email="john@example.com", phone=phone)
    mary = make_lead(alice, name="Mary Smith", email="", phone=phone)
    actions.opt_out(Lead.objects.get(pk=john.pk), user=alice)
    assert Suppression.objects.filter(value=phone).exists()
    assert "call" not in planning.reachable_channels(Lead.objects.get(pk=mary.pk))
