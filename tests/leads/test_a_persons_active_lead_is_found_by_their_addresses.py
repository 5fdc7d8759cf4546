"""Finding a person's active lead (an enquiry, Add lead, every batch of an import) reads the
leads with their addresses through the email and phone indexes: never every open lead of
the book, which SQLite did when the status was asked in the query (its status index looked
the better road), and which cost an import of 100,000 rows ~4 s of CPU."""

from __future__ import annotations

import pytest
from django.db import connection

from fairchase.leads import actions
from fairchase.leads.same_person import active_leads_at

from ..query_plans import leads_plans


def test_active_leads_are_read_by_their_addresses_not_by_status(alice, make_lead):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner reads its statistics")
    ann = make_lead(alice, name="Ann Stone", email="ann@example.com", phone="+13125550101")
    lost = make_lead(alice, name="Lost Lou", email="lou@example.com")
    actions.mark_lost(lost, user=alice)
    for i in range(5):
        make_lead(alice, name=f"Open {i}", email=f"open{i}@example.com")
    found = []
    plans = leads_plans(
        lambda: found.extend(
            active_leads_at(["ann@example.com", "lou@example.com"], ["+13125550101"])
        )
    )
    assert [lead.pk for lead in found] == [ann.pk]  # the lost lead with an address is not active
    assert plans
    for plan in plans:
        assert "lead_status_due" not in plan, plan
        assert "leads_lead_email" in plan and "leads_lead_phone" in plan, plan
