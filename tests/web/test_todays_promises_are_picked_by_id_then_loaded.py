"""Today's promise list picks its first 25 promises from the narrow columns its order needs
(on PostgreSQL an index-only read of lead_owner_status_covering), then loads those 25
whole: the same promises in the same order as the one query that read every due
promise's whole lead row."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.web.agenda import COMMITMENT_LIMIT, agenda_for, commitments_due


def _promises(make_lead, owner, n: int, wrote_back: set[int]) -> None:
    now = timezone.now()
    for i in range(n):
        lead = make_lead(owner, name=f"Promise {i}", email=f"p{i}@example.com")
        actions.add_commitment(
            lead, by="us", what=f"send quote {i}", due_at=now - timedelta(minutes=5 * n - i)
        )
        if i in wrote_back:  # they wrote since our last try: their promise comes first
            Lead.objects.filter(pk=lead.pk).update(responded_at=now, last_attempt_at=None)


def test_the_list_is_the_first_promises_in_the_lists_order(alice, bob, make_lead):
    _promises(make_lead, alice, COMMITMENT_LIMIT + 5, wrote_back={7, 28})
    _promises(make_lead, bob, 3, wrote_back={1})  # never on Alice's list
    now = timezone.now()
    agenda = agenda_for(alice, now, owner=alice)
    expected = list(commitments_due(alice, alice, agenda.end_of_day)[:COMMITMENT_LIMIT])
    got = [row.commitment for row in agenda.commitments]
    assert [c.pk for c in got] == [c.pk for c in expected]
    assert [c.what for c in got[:3]] == ["send quote 7", "send quote 28", "send quote 0"]
    assert all(row.lead.owner == alice for row in agenda.commitments)
    assert agenda.commitments_total == COMMITMENT_LIMIT + 5


def test_the_list_loads_its_leads_with_the_promises_not_one_by_one(alice, make_lead):
    _promises(make_lead, alice, COMMITMENT_LIMIT + 5, wrote_back=set())
    agenda = agenda_for(alice, timezone.now(), owner=alice)
    with CaptureQueriesContext(connection) as seen:
        names = [(row.lead.name, row.lead.owner.username) for row in agenda.commitments]
    assert len(names) == COMMITMENT_LIMIT and not seen.captured_queries
