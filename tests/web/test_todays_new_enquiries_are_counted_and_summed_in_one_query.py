"""More new enquiries than Today shows: their number and their minutes are one aggregate over
the section's rows (its partial index, capped like every count), not a count and then a sum
of the same rows (the second query was a twentieth of Today's render with 10,000 leads)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fairchase.leads.models import BusinessSettings
from fairchase.web import agenda as agenda_module
from fairchase.web.agenda import agenda_for

NEW_ENQUIRIES = "leads_lead.attempt_count = 0"  # the section's term (`agenda_sql.NEW_TERM`)


def test_more_new_enquiries_than_shown_are_counted_and_summed_together(
    alice, make_lead, stop_clock, monkeypatch
):
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))  # a Tuesday morning
    monkeypatch.setattr(agenda_module, "NEW_LIMIT", 2)
    for i in range(5):
        make_lead(alice, name=f"Enquiry {i}")
    with CaptureQueriesContext(connection) as seen:
        agenda = agenda_for(alice, timezone.now())
    call = BusinessSettings.current().minutes_call  # each has a phone: the plan says call
    assert (len(agenda.new), agenda.new_total, agenda.minutes_new) == (2, 5, 5 * call)
    totals = [
        q["sql"]
        for q in seen.captured_queries
        if NEW_ENQUIRIES in q["sql"] and q["sql"].startswith(("SELECT COUNT(", "SELECT SUM("))
    ]
    assert len(totals) == 1, totals
