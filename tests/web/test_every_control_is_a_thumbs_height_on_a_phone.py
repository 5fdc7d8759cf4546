"""On a 390 px phone every box, list and button of the main screens is at least 44 px tall,
as the README promises ("44 px targets"): the date boxes of Insights, the file box of Import
and the Name box of a new capture form were 21 px (the styled list named text, email, number
... inputs, not date, file or an input without a type)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairchase.intake.models import ImportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROMISED = 44  # README: "Made for a 390 px phone first (44 px targets)"

# Every control a thumb can reach, with its height (ticks get theirs from their label).
SHORT = """(least) => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(e => !['hidden', 'checkbox', 'radio'].includes(e.type))
  .map(e => [e.getBoundingClientRect().height, e.outerHTML.slice(0, 90)])
  .filter(([h]) => h > 0 && h < least)"""


@pytest.fixture
def screens(boss, make_lead):
    """A lead, a capture form, a file waiting for its columns and a finished history: every
    screen shows its forms."""
    from django.core.cache import cache

    from fairchase.insights.synthetic import write_history

    cache.clear()
    write_history(40, [boss], seed=5, active_share=0.05)
    lead = make_lead(boss, name="Pat Page")
    client = Client()
    client.force_login(boss)
    client.post("/in/forms/new/", {"name": "Website"})
    client.post("/in/import/", {"file": SimpleUploadedFile("a.csv", b"Name\nAnn Good\n")})
    return [
        "/",
        f"/leads/{lead.pk}/",
        "/settings/",
        "/in/",
        f"/in/import/{ImportJob.objects.get().pk}/",
        "/insights/",
        f"/o/leads/{lead.pk}/compose/",
    ]


def test_every_control_of_the_main_screens_is_44_px_tall_on_a_phone(page_for, boss, screens):
    page = page_for(boss, phone=True)
    short = {}
    for url in screens:
        assert page.goto(url).ok
        page.wait_for_load_state("networkidle")
        if short_here := page.evaluate(SHORT, PROMISED):
            short[url] = short_here
    assert short == {}
    # the ones that were short are there to be measured
    page.goto("/insights/")
    assert page.locator("input[type=date]").count() == 2
    page.goto("/in/")
    assert page.locator("input[type=file], input[name=name]").count() == 2


def test_the_skip_link_shown_by_tab_is_44_px_tall_on_a_phone(page_for, boss):
    """eval34: the skip link, the first thing Tab reaches, was 41 px tall when it showed."""
    page = page_for(boss, phone=True)
    assert page.goto("/").ok
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["height"] >= PROMISED, box
