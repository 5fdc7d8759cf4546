"""A big book's Insights were computed while the person waited: 30 s for the page after a
refit, a minute for a date range, 2-3 minutes for the what-if after a settings change
(eval25 #2). Now a view over INSIGHTS_INLINE_LEADS leads is never computed in a request:
its stored numbers are shown with their time, and one with none stored yet says it is
being computed, is queued for the worker and asks again by itself."""

from datetime import datetime

import pytest

from fairchase.insights.models import InsightsSnapshot
from fairchase.insights.snapshot import WANTED, warm
from fairchase.leads.models import BusinessSettings
from fairchase.web.templatetags.fairchase_web import when

pytestmark = pytest.mark.django_db

RANGE = "/insights/?from=2025-01-11&to=2026-12-07"


@pytest.fixture
def big(settings):
    settings.INSIGHTS_INLINE_LEADS = 0  # every view counts as big


def _rows() -> set[tuple[str, datetime]]:
    return set(
        InsightsSnapshot.objects.exclude(key__startswith=WANTED).values_list("key", "created_at")
    )


def test_the_whatif_after_a_settings_change_shows_the_stored_numbers_with_their_time(
    client, alice, history, big
):
    client.force_login(alice)
    warm(budget=float("inf"))
    stored = _rows()
    row = BusinessSettings.current()
    row.margin = 0.4
    row.save()
    html = client.get("/insights/whatif/").content.decode()
    assert 'data-testid="whatif-as-of"' in html
    whatifs = InsightsSnapshot.objects.filter(data__has_key="rows").values_list("data", flat=True)
    assert any(when(datetime.fromisoformat(d["generated_at"])) in html for d in whatifs)
    assert _rows() == stored  # nothing computed in the request
    page = client.get("/insights/").content.decode()
    assert 'data-testid="insights-as-of"' in page and _rows() == stored
    assert warm(budget=float("inf")) >= 1  # the worker catches up
    assert 'data-testid="whatif-as-of"' not in client.get("/insights/whatif/").content.decode()


def test_a_range_nobody_computed_says_so_and_the_worker_fills_it(client, alice, history, big):
    client.force_login(alice)
    html = client.get(RANGE).content.decode()
    assert (
        'data-testid="insights-pending"' in html
        and "Being computed: this part fills in by itself" in html
    )
    assert 'hx-trigger="load delay:5s"' in html
    assert not _rows()
    whatif = client.get(RANGE.replace("/?", "/whatif/?")).content.decode()
    assert 'data-testid="whatif-pending"' in whatif and not _rows()
    assert InsightsSnapshot.objects.filter(key__startswith=WANTED).count() == 2
    assert warm(budget=float("inf")) >= 2
    assert not InsightsSnapshot.objects.filter(key__startswith=WANTED).exists()
    html = client.get(RANGE).content.decode()
    assert "insights-pending" not in html and "that arrived from 11 Jan 2025" in html
    assert InsightsSnapshot.objects.filter(asked_by=alice).count() == 2
    whatif = client.get(RANGE.replace("/?", "/whatif/?")).content.decode()
    assert "whatif-pending" not in whatif and 'id="what-if"' in whatif
