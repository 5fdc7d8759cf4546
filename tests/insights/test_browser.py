"""Insights in a real Chromium: the charts are drawn with the expected series, on a desk and a phone."""

import pytest

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo_history(transactional_db, boss, alice, bob):
    from django.core.cache import cache

    from fairchase.insights.synthetic import write_history

    cache.clear()
    write_history(220, [alice, bob], seed=5, active_share=0.05)


def _count(page, selector):
    return page.locator(selector).count()


def test_insights_draws_every_chart_with_its_series(page_for, boss, demo_history, screenshot_dir):
    from fairchase.leads.models import Lead

    page = page_for(boss)
    page.goto("/insights/")
    # The what-if arrives by htmx once the backtest has run.
    page.wait_for_selector('svg[data-chart="whatif"]', timeout=90_000)

    overview = page.locator('svg[data-chart="reply-overview"]')
    sources = set(Lead.objects.values_list("source", flat=True))
    series = overview.locator("g[data-series]")
    assert {series.nth(i).get_attribute("data-series") for i in range(series.count())} >= sources
    assert overview.locator('circle[data-mark="point"]').count() == 10 * series.count()

    web = page.locator('svg[data-chart="reply-curve-web_form"]')
    assert web.locator('g[data-series="model"] polygon[data-mark="band"]').count() == 1
    assert web.locator('g[data-series="model"] circle[data-mark="point"]').count() == 10
    assert web.locator('g[data-series="observed"] circle[data-mark="point"]').count() >= 2
    assert "Attempt 1:" in web.locator('g[data-series="model"] circle title').first.text_content()

    whatif = page.locator('svg[data-chart="whatif"] g[data-series="profit"] rect[data-mark="bar"]')
    assert whatif.count() == 12  # what you did, stop after 1..10, Fairchase
    assert page.locator('table[data-table="whatif"] tbody tr').count() == 12

    money = page.locator('svg[data-chart="money-by-source"]')
    for key in ("lead-cost", "time-cost", "won-value"):
        assert money.locator(f'g[data-series="{key}"] rect[data-mark="bar"]').count() == len(sources)
    assert _count(page, 'svg[data-chart="money-by-attempt"] g[data-series="won-value"] rect') >= 5
    assert _count(page, 'svg[data-chart="speed-distribution"] rect[data-mark="bar"]') == 6
    assert _count(page, 'svg[data-chart="speed-reply"] rect[data-mark="bar"]') == 6
    assert _count(page, 'svg[data-chart="status-share"] rect[data-mark="share"]') >= 5
    assert _count(page, 'svg[data-chart="signals-reply"] g[data-mark="effect"]') >= 5
    assert _count(page, 'svg[data-chart="signals-win"] g[data-mark="effect"]') >= 5
    for chart in page.locator("svg.chart").all():
        assert chart.get_attribute("role") == "img"
        assert chart.locator("title").first.text_content()
    page.screenshot(path=str(screenshot_dir / "insights.png"), full_page=True)


def test_insights_fit_a_phone_screen(page_for, boss, demo_history, screenshot_dir):
    page = page_for(boss)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/insights/")
    page.wait_for_selector('svg[data-chart="whatif"]', timeout=90_000)
    box = page.locator('svg[data-chart="reply-overview"]').bounding_box()
    assert box["width"] <= 390
    # Nothing forces the page sideways: wide tables scroll inside their card.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.screenshot(path=str(screenshot_dir / "insights-phone.png"), full_page=True)
