"""Every new date range on Insights was computed in the request and stored, with no bound:
eight ranges asked at once by one salesperson took both cores and stalled every page for
25 s (eval23 #3). Now a page computes one view at a time for each person (a lease every web
process sees): another asked meanwhile says it is being computed (the what-if section asks
again by itself), and a person's date-ranged views are kept up to ASKED_KEEP."""

import pytest

from fairchase.insights import snapshot
from fairchase.insights.models import InsightsSnapshot
from fairchase.leads.worker import claim_lease, release_lease

pytestmark = pytest.mark.django_db

RANGE = "/insights/?from=2025-01-11&to=2026-12-07"


def test_a_second_view_asked_while_one_is_computed_says_so(client, alice, history):
    client.force_login(alice)
    lease = f"insights-asked-{alice.pk}"
    assert claim_lease(lease, 60)  # as a request computing another of her views holds it
    page = client.get(RANGE).content.decode()
    assert 'data-testid="insights-busy"' in page and "refresh</a> in a moment" in page
    whatif = client.get(RANGE.replace("/?", "/whatif/?")).content.decode()
    assert 'data-testid="whatif-busy"' in whatif and 'hx-trigger="load delay:5s"' in whatif
    assert not InsightsSnapshot.objects.exists()  # nothing computed meanwhile

    release_lease(lease)
    page = client.get(RANGE).content.decode()
    assert "insights-busy" not in page and "that arrived from 11 Jan 2025" in page
    assert InsightsSnapshot.objects.filter(asked_by=alice).count() == 1
    assert claim_lease(lease, 60)  # given back once computed


def test_a_persons_date_ranges_are_kept_up_to_a_few(client, alice, bob, history, monkeypatch):
    monkeypatch.setattr(snapshot, "ASKED_KEEP", 2)
    client.force_login(alice)
    client.get("/insights/")  # her own view, as the worker keeps it: shared, not hers
    for day in (11, 12, 13):
        assert client.get(f"/insights/?from=2025-01-{day}&to=2026-12-07").status_code == 200
    client.force_login(bob)
    client.get(RANGE)
    kept = InsightsSnapshot.objects.filter(asked_by=alice).order_by("created_at", "pk")
    assert kept.count() == 2
    assert InsightsSnapshot.objects.filter(asked_by=bob).count() == 1
    assert InsightsSnapshot.objects.filter(asked_by=None).count() == 1
