"""Once computed, a view's numbers are reused until its history changes; the worker keeps
every view a page opens computed, so a visit only reads."""

import pytest
from django.db.models import F

from fairchase.insights.models import InsightsSnapshot
from fairchase.insights.scope import Scope
from fairchase.insights.snapshot import REFRESH, cached, warm, warm_scopes
from fairchase.leads import actions, planning
from fairchase.leads.models import Lead

pytestmark = pytest.mark.django_db


def _warm_all() -> int:
    return warm(budget=float("inf"))


def _age(delta) -> None:
    """Make every stored snapshot `delta` older, as if that much time had passed."""
    InsightsSnapshot.objects.update(created_at=F("created_at") - delta)


def test_a_warm_page_reuses_the_snapshot_with_a_handful_of_queries(
    client, boss, history, django_assert_max_num_queries
):
    client.force_login(boss)
    client.get("/insights/")
    assert InsightsSnapshot.objects.filter(key__isnull=False).count() >= 1
    with django_assert_max_num_queries(16):  # 15 + the business zone every page activates
        assert client.get("/insights/").status_code == 200


def test_a_change_shows_the_earlier_numbers_with_their_time_until_the_worker_recomputes(
    client, alice, history
):
    client.force_login(alice)
    _warm_all()
    lead = Lead.objects.filter(owner=alice, status="closed").first()
    actions.reopen(lead, user=alice)
    scope = Scope(owner_id=alice.pk)
    assert cached(scope) is None  # the stored numbers predate the change
    html = client.get("/insights/").content.decode()
    assert 'data-testid="insights-as-of"' in html  # shown, and said to be from before
    assert _warm_all() == 0  # the worker recomputes a changed view at most every REFRESH
    _age(REFRESH["main"])
    assert _warm_all() >= 1
    assert cached(scope) is not None
    assert 'data-testid="insights-as-of"' not in client.get("/insights/").content.decode()


def test_numbers_older_than_the_stale_limit_are_computed_on_the_spot(client, alice, history):
    from datetime import timedelta

    from fairchase.insights.snapshot import STALE_OK

    client.force_login(alice)
    _warm_all()
    actions.reopen(Lead.objects.filter(owner=alice, status="closed").first(), user=alice)
    InsightsSnapshot.objects.update(
        created_at=Lead.objects.latest("updated_at").updated_at
        - STALE_OK["main"]
        - timedelta(minutes=1)
    )
    html = client.get("/insights/").content.decode()
    assert 'data-testid="insights-as-of"' not in html
    assert cached(Scope(owner_id=alice.pk)) is not None


def test_the_worker_keeps_every_view_a_page_opens_computed(history, alice, bob):
    from fairchase.leads.worker import STEPS

    assert "insights_warm" in STEPS
    # It runs after the sends: a worker starting up sends what is due before replaying history.
    names = list(STEPS)
    assert names.index("insights_warm") > names.index("outreach_send")
    assert warm_scopes() == [Scope(), Scope(owner_id=alice.pk), Scope(owner_id=bob.pk)]
    assert _warm_all() == 6  # three views, each the page's numbers and the what-if
    assert _warm_all() == 0  # nothing changed: nothing recomputed
    settings = planning.policy_settings()
    for scope in warm_scopes():
        assert cached(scope, settings) is not None
        assert cached(scope, settings, part="whatif") is not None


def test_a_refit_is_followed_by_every_view_that_shows_the_model_planning_today(history):
    _warm_all()
    planning.refit()
    # The whole business's and each owner's page describe the model that plans Today.
    for scope in warm_scopes():
        assert cached(scope) is None
    assert _warm_all() == len(warm_scopes())  # their page numbers; the what-ifs are unchanged


def test_the_worker_warms_within_its_time_budget_and_resumes_next_pass(history):
    assert warm(budget=0.0) <= 1
    assert _warm_all() >= 5
