"""In a real Chromium: at 1366 px the Insights tables beside their charts show whole (no part
hidden to the right), at 390 px they scroll inside their own box, and a long user name in an
owner picker never makes the Leads or Today page wider than a 390 px phone."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

LONG_FIRST, LONG_LAST = "Maximilian-Alexander Bartholomew", "Wolfeschlegelsteinhausenbergerdorff"

# Each table of the page: its name, whether its box hides part of it, and how far its box
# reaches right of the page's main column.
TABLES = """() => {
  const main = document.querySelector('main').getBoundingClientRect();
  return [...document.querySelectorAll('table[data-table]')].map(t => {
    const box = t.closest('.insights-scroll') || t.parentElement;
    const r = box.getBoundingClientRect();
    return {table: t.dataset.table, hidden: box.scrollWidth - box.clientWidth,
            scrolls: getComputedStyle(box).overflowX === 'auto',
            past: Math.round(r.right - main.right)};
  });
}"""


@pytest.fixture
def demo(transactional_db):
    """The app's own demo data, Insights computed as the worker would, and a teammate with a
    very long name."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from fairchase.insights.snapshot import warm
    from fairchase.leads.demo import load_demo
    from fairchase.leads.models import Lead

    cache.clear()
    load_demo(n_history=200, n_open=30, seed=7)
    warm(budget=float("inf"))
    User = get_user_model()
    long = User.objects.create_user("maxi", first_name=LONG_FIRST, last_name=LONG_LAST)
    Lead.objects.filter(pk=Lead.objects.filter(status="open").first().pk).update(owner=long)
    return User.objects.get(username="olivia")


def test_insights_tables_are_whole_on_a_laptop_and_scroll_in_their_box_on_a_phone(
    page_for, demo, screenshot_dir
):
    page = page_for(demo)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto("/insights/").ok
        page.wait_for_selector('table[data-table="whatif"]', timeout=120_000)
        tables = {t["table"]: t for t in page.evaluate(TABLES)}
        assert {"stops", "whatif"} <= set(tables)
        for t in tables.values():
            assert t["past"] <= 0, (width, t)  # no box reaches past the page's column
        if width == 1366:
            for name in ("stops", "whatif"):
                assert tables[name]["hidden"] <= 0, tables[name]  # whole, nothing to scroll to
        else:
            for t in tables.values():
                assert t["hidden"] <= 0 or t["scrolls"], t
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.locator("section#what-if").screenshot(
            path=str(screenshot_dir / f"insights-what-if-{width}.png")
        )


def test_a_long_user_name_never_widens_a_page_on_a_phone(page_for, demo, screenshot_dir):
    page = page_for(demo)
    page.set_viewport_size({"width": 390, "height": 844})
    for url, select in (("/leads/", "select[name=owner]"), ("/", "#owner-filter")):
        assert page.goto(url).ok
        picker = page.locator(select)
        assert LONG_LAST in picker.inner_text()  # the long name is one of its options
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        assert picker.bounding_box()["x"] + picker.bounding_box()["width"] <= 390, url
        page.screenshot(path=str(screenshot_dir / f"long-name-{url.strip('/') or 'today'}-390.png"))
