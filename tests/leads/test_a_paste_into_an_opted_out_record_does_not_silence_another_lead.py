"""review29 #2: a new address typed into an opted-out record was suppressed as an opt-out
without asking whose it is: one wrong paste of a teammate's customer's email silenced that
customer for good, with no note on either timeline. Now an address another person's active
lead holds is not suppressed; the edited lead's timeline says whose it is, and the
opted-out record still uses none of its addresses."""

from __future__ import annotations

from fairchase.leads import actions, reach
from fairchase.leads.models import Status, Suppression
from tests.conftest import open_all_day_now

BOB_EMAIL = "bob.customer@example.com"


def _owner(user):
    """The business owner as a request reads them (the fixture's instance holds its first
    profile)."""
    return type(user).objects.get(pk=user.pk)


def test_a_teammates_customers_email_pasted_into_an_opted_out_record_is_not_blocked(
    alice, bob, boss, make_lead
):
    open_all_day_now()
    quinn = make_lead(alice, name="Quinn Ford", email="quinn@example.com")
    actions.opt_out(quinn, user=alice)
    ben = make_lead(bob, name="Ben Stone", email=BOB_EMAIL)
    actions.update_lead(quinn, user=_owner(boss), same_person=False, via="web", email=BOB_EMAIL)
    assert not Suppression.objects.filter(value=BOB_EMAIL).exists()
    ben.refresh_from_db()
    assert ben.status != Status.OPTED_OUT and "email" in reach.usable_channels(ben)
    quinn.refresh_from_db()
    assert quinn.status == Status.OPTED_OUT
    assert reach.address_refusal(quinn, "email") == reach.SUPPRESSED
    assert quinn.status_changes.filter(
        reason__contains=f"{BOB_EMAIL} not blocked: it is Ben Stone's (#{ben.pk})"
    ).exists()


def test_the_same_persons_other_record_is_still_blocked(alice, bob, boss, make_lead):
    """Another record of the same person, confirmed so by one who may open it: their "no"
    follows the address (a matching name alone is no proof: eval36 #1)."""
    quinn = make_lead(alice, name="Quinn Ford", email="quinn@example.com")
    actions.opt_out(quinn, user=alice)
    make_lead(bob, name="Quinn Ford", email=BOB_EMAIL)
    actions.update_lead(quinn, user=_owner(boss), same_person=True, via="web", email=BOB_EMAIL)
    assert Suppression.objects.get(value=BOB_EMAIL).reason == "opt-out"
