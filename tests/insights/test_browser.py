"""Insights in a real Chromium on the demo data: every chart drawn with its series, desk and phone."""

import pytest

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo(transactional_db, settings):
    """The app's own demo data (`fairchase demo`): three people, finished history, open leads.
    Its views are computed in the visit, as a small book's are: these tests draw the charts,
    the worker's part is tests/insights/test_a_big_view_is_read_not_computed_in_the_visit.py."""
    settings.INSIGHTS_INLINE_LEADS = 100_000
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from fairchase.insights.synthetic import seed_demo_costs
    from fairchase.leads.demo import load_demo

    cache.clear()
    load_demo(n_history=300, n_open=40, seed=7)
    seed_demo_costs()
    return get_user_model().objects.get(username="olivia")


def _count(page, selector):
    return page.locator(selector).count()


def _series(chart):
    groups = chart.locator("g[data-series]")
    return [groups.nth(i).get_attribute("data-series") for i in range(groups.count())]


def test_insights_draws_every_chart_with_its_series(page_for, demo, screenshot_dir):
    from fairchase.leads.models import FINISHED_STATUSES, Lead

    page = page_for(demo)
    assert page.goto("/insights/", timeout=60_000).ok
    # The what-if arrives by htmx once the backtest has run.
    page.wait_for_selector('svg[data-chart="whatif"]', timeout=120_000)

    sources = set(
        Lead.objects.filter(status__in=FINISHED_STATUSES).values_list("source", flat=True)
    )
    overview = page.locator('svg[data-chart="reply-overview"]')
    assert set(_series(overview)) == sources | {"all"}
    assert overview.locator('circle[data-mark="point"]').count() == 10 * (len(sources) + 1)
    for source in sources:
        curve = page.locator(f'svg[data-chart="reply-curve-{source}"]')
        assert _series(curve) == ["model", "observed"]
        assert curve.locator('g[data-series="model"] polygon[data-mark="band"]').count() == 1
        assert curve.locator('g[data-series="model"] circle[data-mark="point"]').count() == 10
    web = page.locator(
        'svg[data-chart="reply-curve-web_form"] g[data-series="model"] circle title'
    ).first
    assert web.text_content().startswith("Attempt 1:")
    assert page.locator('table[data-table="stops"] tbody tr').count() == len(sources) + 1

    bars = page.locator('svg[data-chart="whatif"] g[data-series="profit"] rect[data-mark="bar"]')
    assert bars.count() == 12  # what you did, stop after 1..10, Fairchase
    assert page.locator('table[data-table="whatif"] tbody tr').count() == 12

    all_sources = set(Lead.objects.values_list("source", flat=True))
    money = page.locator('svg[data-chart="money-by-source"]')
    assert _series(money) == ["lead-cost", "time-cost", "won-value"]
    assert money.locator('g[data-series="won-value"] rect[data-mark="bar"]').count() == len(
        all_sources
    )
    web_cost = money.locator('g[data-series="lead-cost"] rect[data-category="Web form"]')
    assert (
        float(web_cost.get_attribute("data-y"))
        == 35 * Lead.objects.filter(source="web_form").count()
    )
    assert _series(page.locator('svg[data-chart="money-by-attempt"]')) == ["time-cost", "won-value"]
    assert _count(page, 'svg[data-chart="speed-distribution"] rect[data-mark="bar"]') == 6
    assert _count(page, 'svg[data-chart="speed-reply"] rect[data-mark="bar"]') == 6
    assert _count(page, 'svg[data-chart="status-share"] rect[data-mark="share"]') >= 4
    assert _count(page, 'svg[data-chart="signals-reply"] g[data-mark="effect"]') >= 5
    assert _count(page, 'svg[data-chart="signals-win"] g[data-mark="effect"]') >= 5
    for chart in page.locator("svg.chart").all():
        assert chart.get_attribute("role") == "img"
        assert chart.locator("title").first.text_content()
    page.screenshot(path=str(screenshot_dir / "insights.png"), full_page=True)

    # On a phone the same page fits the screen: wide tables scroll inside their card.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/insights/", timeout=60_000)
    page.wait_for_selector('svg[data-chart="whatif"]')
    assert page.locator('svg[data-chart="reply-overview"]').bounding_box()["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.screenshot(path=str(screenshot_dir / "insights-phone.png"), full_page=True)


def test_the_what_if_source_filter_changes_the_answer_and_stays_in_the_url(page_for, demo):
    from fairchase.insights.snapshot import warm

    warm(budget=float("inf"))  # what the worker does after the demo loads
    page = page_for(demo)
    assert page.goto("/insights/", timeout=60_000).ok
    best = page.get_by_test_id("whatif-best")
    everyone = best.text_content()
    rows = page.locator('table[data-table="whatif"] tbody tr td[data-profit]')
    before = [rows.nth(i).get_attribute("data-profit") for i in range(rows.count())]
    page.get_by_test_id("whatif-source").select_option("referral")
    page.get_by_role("button", name="Replay").click()
    page.wait_for_url("**source=referral**")
    assert "referral leads" in best.text_content().lower()
    assert best.text_content() != everyone
    after = [rows.nth(i).get_attribute("data-profit") for i in range(rows.count())]
    assert after != before
    assert page.get_by_test_id("whatif-source").input_value() == "referral"
    answers = page.get_by_test_id("whatif-answers").locator("li")
    assert answers.count() >= 3
    assert (
        page.locator('[data-testid="whatif-answers"] li[data-source="referral"]')
        .text_content()
        .startswith("Referral leads: ")
    )
