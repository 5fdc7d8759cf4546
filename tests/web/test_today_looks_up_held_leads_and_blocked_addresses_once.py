"""Today asks once a page which of its leads are held by a request to stop and which of
their addresses nobody may use: the agenda's look-up of the held leads serves the rows'
buttons too, and the drafts under the rows read the buttons' look-up of the addresses (each
was asked twice: two of Today's 30 queries with 10,000 leads)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairchase.web import panels


def test_today_asks_once_for_the_held_leads_and_once_for_the_blocked_addresses(
    client, alice, make_lead, stop_clock, monkeypatch
):
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))  # a Tuesday morning
    monkeypatch.setattr(panels, "TODAY_PANELS", [])  # the mail notices ask their own questions
    for i in range(4):  # no phone: the plan says email, and a draft sits under each row
        make_lead(alice, name=f"Writer {i}", phone="")
    client.force_login(alice)
    client.get("/")  # the session and settings rows
    with CaptureQueriesContext(connection) as seen:
        html = client.get("/").content.decode()
    assert html.count('class="draft card"') == 4
    sql = [q["sql"] for q in seen.captured_queries]
    assert len([q for q in sql if 'FROM "outreach_inboundmessage"' in q]) == 1, sql
    assert len([q for q in sql if 'FROM "leads_suppression"' in q]) == 1, sql
