"""In a real Chromium, on a phone (390 px) and a laptop (1366 px): no table cell splits a
word or a number across lines ("$10,25/0", "TRIE S"), no page is wider than the screen (a
wide table scrolls inside its own box), and the Insights notices do not overlap the text."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

# Every word of every visible th/td: one that lies on two lines is split.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('th, td, summary')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[^\\s\\-\\u2013\\u2014\\/]+/g;
      for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()]
          .filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""

PAGES = ["/leads/", "/leads/?status=active", "/insights/", "/o/templates/", "/o/outbox/"]


@pytest.fixture
def demo(transactional_db):
    """The app's own demo data, with Insights computed as the worker would."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from fairchase.insights.snapshot import warm
    from fairchase.insights.synthetic import seed_demo_costs
    from fairchase.leads.demo import load_demo

    cache.clear()
    load_demo(n_history=200, n_open=40, seed=7)
    seed_demo_costs()
    warm(budget=float("inf"))
    return get_user_model().objects.get(username="olivia")


CONTACTS = (
    "name,email,phone,value,source,notes\r\n"
    "Ann Lee,ann@example.com,+1 212 555 0101,9000,Referrals,Flat roof leaking\r\n"
    "Gwen Hale,gwen@example.co.uk,020 7946 0018,4000,Referrals,Met at the fair\r\n"
    "Kai Lund,kai@example.com,+1 312 555 0105,=SUM(B2:B4),Offline Sources,\r\n"
)


def _import_preview(page, tmp_path) -> str:
    """An import's preview page (the line-by-line table of what would be imported)."""
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS)
    page.goto("/in/")
    page.set_input_files("input[type=file][name=file]", str(path))
    page.locator("form[action$='/in/import/'] button[type=submit]").click()
    page.wait_for_selector("table.preview")
    return page.url


def test_no_table_cell_splits_a_word_and_no_page_is_wider_than_the_screen(page_for, demo, tmp_path):
    page = page_for(demo)
    pages = [*PAGES, _import_preview(page, tmp_path)]
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages:
            assert page.goto(url).ok, url
            if url == "/insights/":
                page.wait_for_selector('table[data-table="whatif"]', timeout=120_000)
            assert page.locator("td").count() > 0, url
            assert page.evaluate(SPLIT_WORDS) == [], (width, url)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, url)


def test_the_numbers_as_of_notice_sits_below_the_text_on_a_phone(page_for, demo):
    from fairchase.leads import actions
    from fairchase.leads.models import Lead

    lead = Lead.objects.filter(status="closed").first()
    actions.reopen(lead, user=demo)  # the stored numbers now predate a change
    page = page_for(demo)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.goto("/insights/").ok
    note = page.get_by_test_id("insights-as-of").bounding_box()
    intro = page.locator("main h1 + p").bounding_box()
    assert note["y"] >= intro["y"] + intro["height"]
