"""Today's outreach block (messages after today's calls, sends to settle) finds its rows
from the recent calls and the unknown sends, through their indexes: never by probing every
lead of the owner, which took ~15 ms of SQL for an owner with 10,000 open leads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory

from fairchase.leads import actions
from fairchase.outreach.models import OutboundMessage
from fairchase.outreach.ui import today_panel_context


def _panel_plans(alice) -> list[str]:
    request = RequestFactory().get("/")
    request.user = alice
    seen = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        context = today_panel_context(request)
    assert len(context["called"]) == 1 and len(context["unknown"]) == 1
    plans = []
    with connection.cursor() as cur:
        for sql, params in seen:
            if "leads_attempt" in sql or "outreach_outboundmessage" in sql:
                cur.execute("EXPLAIN QUERY PLAN " + sql, params)
                plans.append(" | ".join(str(row[-1]) for row in cur.fetchall()))
    return plans


def test_the_block_reads_recent_calls_and_unknown_sends_by_their_indexes(alice, make_lead):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner prefers a sequential scan on a table this small")
    called = make_lead(alice, name="Called Carla", email="carla@example.com")
    actions.log_attempt(called, "call", "left_message", user=alice)
    quiet = [make_lead(alice, name=f"Quiet {i}", email=f"quiet{i}@example.com") for i in range(5)]
    OutboundMessage.objects.create(
        lead=quiet[0],
        channel="email",
        to=quiet[0].email,
        body="b",
        message_id="<u@x>",
        state="unknown",
    )
    plans = _panel_plans(alice)
    calls = [p for p in plans if "outreach_recent_calls" in p]
    unknown = [p for p in plans if "outbox_state" in p]
    assert calls and unknown, plans
    for plan in calls + unknown:
        assert "leads_lead_owner_id" not in plan and "LIST SUBQUERY" not in plan, plan
