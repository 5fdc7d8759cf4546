""" "A new enquiry" has a Python form (`Lead.is_new_enquiry`, one row on Today), a queryset
form (`NEW_ENQUIRY`, the follow-up lists leave those out) and the SQL of the partial index
Today's section reads (`agenda_sql.NEW_TERM`). The three must pick the same leads, or an
enquiry shows in two sections or in none."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import product

from fairchase.leads.models import NEW_ENQUIRY, Lead, Status
from fairchase.web.agenda_sql import NEW_TERM


def test_the_python_the_queryset_and_the_index_agree_on_a_new_enquiry(alice, make_lead):
    revisit = datetime(2027, 5, 12, 14, 0, tzinfo=UTC)
    statuses = [Status.OPEN, Status.ENGAGED, Status.REVISIT, Status.WON]
    for i, (status, tries, at) in enumerate(product(statuses, (0, 1, 3), (None, revisit))):
        lead = make_lead(alice, name=f"Lead {i}")
        Lead.objects.filter(pk=lead.pk).update(status=status, attempt_count=tries, revisit_at=at)
    leads = Lead.objects.all()
    by_python = {lead.pk for lead in leads if lead.is_new_enquiry}
    assert len(by_python) == 1  # open, never tried, no revisit date
    assert set(leads.filter(NEW_ENQUIRY).values_list("pk", flat=True)) == by_python
    assert set(leads.filter(NEW_TERM).values_list("pk", flat=True)) == by_python
    everyone = set(leads.values_list("pk", flat=True))
    assert set(leads.exclude(NEW_ENQUIRY).values_list("pk", flat=True)) == everyone - by_python
