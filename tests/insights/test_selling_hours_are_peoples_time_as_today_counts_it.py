"""Insights' selling hours are the time people spent, as Today's minutes count it; the messages
the worker sent by itself (automatic mode: no user, 3 minutes each) are counted apart (eval29
#5: "Web form: 108.3 h" of which 41.4 h were 828 automatic emails, which Today never charged).
An imported history's tries (no user either) were people's time and stay in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.insights.numbers import compute
from fairchase.insights.scope import Scope
from fairchase.leads import actions
from fairchase.leads.days import day_minutes
from fairchase.leads.models import BusinessSettings
from fairchase.outreach import outbox
from tests.conftest import open_all_day_now
from tests.outreach.conftest import _smtp_session, smtp_server  # noqa: F401  (fixtures)

from .conftest import table_rows


def test_an_automatic_email_is_no_ones_selling_time(
    client,
    boss,
    alice,
    make_lead,
    smtp_server,  # noqa: F811  (the imported fixture)
    stop_clock,
):
    now = stop_clock(datetime(2027, 1, 14, 15, 0, tzinfo=UTC))  # a Thursday
    open_all_day_now()
    lead = make_lead(alice, source="web_form", created_at=now - timedelta(days=2))
    actions.log_attempt(lead, "call", "no_answer", user=alice, at=now - timedelta(hours=2))
    outbox.queue(lead, "email", "Following up", "Hello again.", user=None)  # the worker's own
    assert outbox.send_due() == 1 and len(smtp_server.received) == 1
    lead.refresh_from_db()
    assert lead.attempt_count == 2

    business = BusinessSettings.current()
    spent_today = day_minutes({alice.pk}, now, business).spent
    web = next(r for r in compute(Scope())["sources"] if r["source"] == "web_form")
    assert web["hours"] * 60 == spent_today == business.minutes_call
    assert web["automatic"] == 1
    first, second = compute(Scope())["attempts"][:2]
    assert first["hours"] * 60 == business.minutes_call and second["hours"] == 0
    assert second["attempts"] == 1
    client.force_login(boss)
    row = next(r for r in table_rows(client.get("/insights/").content.decode(), "sources"))
    assert row["cell"]["data-automatic"] == "1"
