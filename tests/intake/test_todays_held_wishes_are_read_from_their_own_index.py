"""Today asks for the held do-not-contact wishes twice: the agenda for every held lead
(`held_wishes.holds(None)`) and the page's block for the owner's waiting wishes. Wishes are
few and most days none waits, so neither may start from the owner's leads (bench.app_speed:
the block listed all 10,000 leads of the owner to find no wish, the slowest query of Today)
nor build the whole look-up of held addresses when no wish waits."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairchase.intake import held_wishes
from fairchase.intake.models import HeldWish
from fairchase.leads import reach
from tests.query_plans import leads_plans


def _wish(lead, address):
    return HeldWish.objects.create(
        lead=lead, kind="phone", address=address, reason="do_not_call", said="line 2"
    )


def test_the_owners_waiting_wishes_are_found_from_the_wishes_index(
    alice, bob, boss, charlie, make_lead
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is the one read here")
    for i in range(5):
        make_lead(alice, name=f"Own {i}")
    _wish(make_lead(alice, name="Held", phone="+13125550101"), "+13125550101")
    _wish(make_lead(bob, name="Bob's", phone="+13125550102"), "+13125550102")
    plans = leads_plans(lambda: held_wishes.waiting_for(alice))
    assert plans
    for plan in plans:
        assert "intake_wish_waiting" in plan.split(" | ")[0], plan  # the wishes first
        assert "owner_id" not in plan, plan  # never the owner's leads listed
    assert [w.lead.name for w in held_wishes.waiting_for(alice)] == ["Held"]  # only hers
    boss = type(boss).objects.get(pk=boss.pk)  # her role as saved, not the instance's cache
    assert len(held_wishes.waiting_for(boss)) == 2  # the business owner's: everyone's
    assert held_wishes.waiting_for(charlie) == []  # someone who left: none


def test_with_no_wish_waiting_the_held_leads_are_one_small_question(alice, make_lead):
    lead = make_lead(alice, phone="+13125550103")
    with CaptureQueriesContext(connection) as seen:
        assert held_wishes.holds(None) == {}
    assert len(seen.captured_queries) == 1
    assert "held_at" not in seen.captured_queries[0]["sql"]  # not the whole look-up
    _wish(lead, "+13125550103")
    assert held_wishes.holds(None) == {lead.pk: reach.IMPORT_HOLD.format("+13125550103")}
