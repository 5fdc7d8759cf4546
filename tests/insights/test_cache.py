"""Once computed, a view's numbers are reused until its history changes."""

import pytest

from fairchase.insights.models import InsightsSnapshot
from fairchase.leads import actions
from fairchase.leads.models import Lead

pytestmark = pytest.mark.django_db


def test_a_warm_page_reuses_the_snapshot_with_a_handful_of_queries(
    client, boss, history, django_assert_max_num_queries
):
    client.force_login(boss)
    client.get("/insights/")
    assert InsightsSnapshot.objects.count() == 1
    with django_assert_max_num_queries(15):
        assert client.get("/insights/").status_code == 200


def test_a_change_to_a_lead_in_view_makes_fresh_numbers(client, alice, history):
    client.force_login(alice)
    client.get("/insights/")
    lead = Lead.objects.filter(owner=alice, status="closed").first()
    actions.reopen(lead, user=alice)
    client.get("/insights/")
    assert InsightsSnapshot.objects.count() == 2


def test_the_worker_keeps_the_whole_business_view_computed(history):
    from fairchase.insights.snapshot import warm_whole_business
    from fairchase.leads.worker import STEPS

    assert "insights_warm" in STEPS
    assert warm_whole_business() == 2  # the page's numbers and the what-if
    assert warm_whole_business() == 0  # nothing changed: nothing recomputed
