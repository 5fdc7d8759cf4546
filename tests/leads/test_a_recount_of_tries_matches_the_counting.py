"""A lead's cached try counters (attempt count, last try, first try) are kept one try at a
time by `log_attempt` and recounted in a batch by `recount_tries` (an Undo, an imported
history): both must give the same numbers, or Today and the plan read another lead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fairchase.leads import actions
from fairchase.leads.actions.attempts import TRY_COUNTERS, recount_tries
from fairchase.leads.models import Lead

NOW = datetime(2027, 4, 19, 15, 0, tzinfo=UTC)


def _counters(lead):
    return tuple(getattr(lead, name) for name in TRY_COUNTERS)


def test_recounting_the_tries_gives_what_counting_them_one_by_one_gave(alice, make_lead):
    lead = make_lead(alice, created_at=NOW - timedelta(days=10))
    for days in (9, 6, 2):
        actions.log_attempt(lead, "call", "no_answer", user=alice, at=NOW - timedelta(days=days))
    lead = Lead.objects.get(pk=lead.pk)
    counted = _counters(lead)
    assert counted == (3, NOW - timedelta(days=2), NOW - timedelta(days=9))
    lead.attempt_count, lead.last_attempt_at, lead.first_response_at = 0, None, None
    recount_tries(lead)
    assert _counters(lead) == counted
