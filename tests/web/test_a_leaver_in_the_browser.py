"""In a real browser, on a phone: the owner's Today names a leaver's leads, the banner fits
the screen and passes axe-core, and one click hands them all on."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from fairchase.leads.models import Lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_the_owner_reassigns_a_leavers_leads_in_one_click(
    page_for, alice, bob, boss, make_lead, screenshot_dir
):
    for i in range(3):
        make_lead(alice, name=f"Customer {i}")
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    page = page_for(boss, phone=True)
    page.goto("/")
    banner = page.locator(f"#leaver-{alice.pk}")
    assert "3 leads of Alice, who no longer works here: reassign" in banner.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    serious = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.screenshot(path=str(screenshot_dir / "today-leaver-phone.png"), full_page=True)
    banner.get_by_label("New owner for the leads of Alice").select_option(str(bob.pk))
    banner.get_by_role("button", name="Reassign all 3").click()
    page.wait_for_load_state("networkidle")
    assert "3 leads of Alice now belong to Bob." in page.content()
    assert page.locator(f"#leaver-{alice.pk}").count() == 0
    assert Lead.objects.filter(owner=bob).count() == 3
