"""A new address given to a won or lost record of someone who opted out on another record is
suppressed, so no screen offers it (eval35 #1); but one another person's active lead holds
was suppressed too: a paste of a customer's email into a won record silenced that customer
for good (only an opted-out record asked whose it is, review29 #2). Now every record of a
person who said no asks: the holder is not silenced, the timeline says whose it is, and the
won record still never uses it."""

from __future__ import annotations

from fairchase.leads import actions, reach
from fairchase.leads.models import Lead, Status, Suppression
from tests.conftest import open_all_day_now

BEN_EMAIL = "ben.customer@example.com"
OWN_EMAIL = "yuri.new@example.com"


def _won_who_said_no(make_lead, owner) -> Lead:
    """Yuri Gray, won; a second record of his opted out, so the won one keeps its status with
    every address suppressed."""
    won = make_lead(owner, name="Yuri Gray", email="yuri@example.com", phone="+13125550161")
    actions.mark_won(won, user=owner)
    again = make_lead(owner, name="Yuri Gray", email="yuri@example.com")
    actions.opt_out(again, user=owner)
    won.refresh_from_db()
    assert won.status == Status.WON
    return won


def test_a_customers_email_pasted_into_a_won_record_of_someone_who_said_no_is_not_blocked(
    alice, bob, boss, make_lead
):
    open_all_day_now()
    won = _won_who_said_no(make_lead, alice)
    ben = make_lead(bob, name="Ben Stone", email=BEN_EMAIL)
    owner = type(boss).objects.get(pk=boss.pk)  # sees both (a salesperson's edit is refused)
    actions.update_lead(won, user=owner, same_person=False, via="web", email=BEN_EMAIL)
    assert not Suppression.objects.filter(value=BEN_EMAIL).exists()
    ben.refresh_from_db()
    assert ben.status != Status.OPTED_OUT and "email" in reach.usable_channels(ben)
    won.refresh_from_db()
    assert won.status == Status.WON
    assert won.status_changes.filter(
        reason__startswith=f"{BEN_EMAIL} not blocked: it is Ben Stone's (#{ben.pk})"
    ).exists()
    # the won record of the person who said no still never uses it (the reason it suppressed)
    assert reach.address_refusal(won, "email") == reach.SUPPRESSED
    assert reach.address_refusal(won, "email", set()) == reach.SUPPRESSED


def test_a_lost_records_new_number_held_by_another_person_is_not_blocked(alice, make_lead):
    won = _won_who_said_no(make_lead, alice)
    actions.reopen(won, user=alice)
    actions.mark_lost(won, "went elsewhere", user=alice)
    kim = make_lead(alice, name="Kim Vale", phone="+13125550199")
    actions.update_lead(won, user=alice, via="import line 2", phone="+13125550199")
    assert not Suppression.objects.filter(value="+13125550199").exists()
    won.refresh_from_db()
    assert won.status == Status.LOST
    assert reach.address_refusal(won, "call") == reach.SUPPRESSED
    assert reach.usable_channels(kim) and not reach.usable_channels(won)


def test_a_won_records_new_address_nobody_else_holds_is_still_suppressed(alice, make_lead):
    won = _won_who_said_no(make_lead, alice)
    actions.update_lead(won, user=alice, same_person=False, via="API", email=OWN_EMAIL)
    assert Suppression.objects.get(value=OWN_EMAIL).reason == "opt-out"
    assert not won.status_changes.filter(reason__contains="not blocked").exists()
