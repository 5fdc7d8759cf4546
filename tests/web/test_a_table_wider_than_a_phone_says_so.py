"""On a 390 px phone, a table wider than the screen says so: a line above it says "Scroll
sideways for more →" and its box fades at the right edge while part of it is hidden (not
once scrolled to its end, nor on a laptop where it fits), and each scrolling box is named by
its own caption (axe-core flagged 15 regions on Insights all named "Table, scrolls
sideways"). The import preview shows each row as a block on a phone, so the source, value
and date read from the file are seen beside the name, not off-screen to the right."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairchase.intake.models import ImportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGIONS = """() => [...document.querySelectorAll('[role=region]')].map(r =>
  (r.getAttribute('aria-labelledby') || '').split(' ').map(
    id => (document.getElementById(id) || {}).textContent || '').join(' ').trim())"""
HINT = """(box) => getComputedStyle(box, '::before').content"""
CSV = (
    "Name,Phone,Email,Source,Value,Notes,Date\n"
    "Ann Parker,(312) 555-0142,ann.parker@example.com,Referral,2500,Roof leak,2026-11-30\n"
    "Bo Chen,(312) 555-0143,bo.chen@example.com,Web form,800,Gutters,2026-12-01\n"
)


@pytest.fixture
def history(boss):
    from django.core.cache import cache

    from fairchase.insights.synthetic import write_history

    cache.clear()
    write_history(40, [boss], seed=5, active_share=0.05)


def test_insights_tables_name_their_box_and_say_when_they_scroll(page_for, boss, history):
    page = page_for(boss, phone=True)
    assert page.goto("/insights/").ok
    page.wait_for_selector('table[data-table="whatif"]', timeout=60_000)
    names = page.evaluate(REGIONS)
    assert len(names) >= 5 and "" not in names and len(set(names)) == len(names), names
    flagged = Axe().run(page, options={"runOnly": ["landmark-unique"]}).response["violations"]
    assert flagged == []
    box = page.locator('.insights-scroll:has(table[data-table="stops"])')
    assert box.get_attribute("data-more") is not None  # the $10,000 column is off-screen
    assert "Scroll sideways for more" in box.evaluate(HINT)
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_function("b => !b.hasAttribute('data-more')", arg=box.element_handle())
    assert box.evaluate(HINT) == "none"
    page.set_viewport_size({"width": 1366, "height": 900})
    page.wait_for_function("() => !document.querySelector('[data-more]')")


def test_the_import_preview_shows_source_value_and_date_on_a_phone(page_for, boss):
    client = Client()
    client.force_login(boss)
    client.post("/in/import/", {"file": SimpleUploadedFile("leads.csv", CSV.encode())})
    page = page_for(boss, phone=True)
    assert page.goto(f"/in/import/{ImportJob.objects.get().pk}/").ok
    row = page.locator("table.preview tbody tr").first
    for label, read in (("Source", "referral"), ("Value", "$2,500"), ("Enquiry date", "2026")):
        assert read in row.locator(f'td[data-label="{label}"]').inner_text(), label
    for cell in row.locator("td[data-label]:not(:empty)").all():  # every value read, on screen
        box = cell.bounding_box()
        assert box["width"] > 0 and box["x"] + box["width"] <= 390, (cell.inner_text(), box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
