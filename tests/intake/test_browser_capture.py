"""Real Chromium: a visitor submits the embedded form on a web page; the lead appears at
the top of the owner's Today."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.intake.capture import snippet_html
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_submits_the_embedded_form_and_the_lead_tops_today(
    browser, page_for, live_server, alice, make_lead, tmp_path, screenshot_dir
):
    older = make_lead(alice, name="Older Enquiry", created_at=timezone.now() - timedelta(days=2))
    actions.log_attempt(older, "call", "no_answer", at=timezone.now() - timedelta(days=1))
    form = CaptureForm.objects.create(name="Website", owner=alice)
    site = tmp_path / "contact.html"  # the business's own website, outside Fairchase
    site.write_text(
        f"<!doctype html><html><body><h1>Contact Diaz Plumbing</h1>"
        f"{snippet_html(form, live_server.url)}</body></html>",
        encoding="utf-8",
    )

    visitor = browser.new_context()
    try:
        page = visitor.new_page()
        page.goto(site.as_uri())
        page.fill("input[name=name]", "Rosa Diaz")
        page.fill("input[name=email]", "rosa@example.com")
        page.fill("input[name=phone]", "+1 212 555 0199")
        page.fill("textarea[name=message]", "Leaking boiler, can you come this week?")
        page.click("button[type=submit]")
        page.wait_for_selector("text=Thank you")
        page.screenshot(path=str(screenshot_dir / "intake-form-submitted.png"))
    finally:
        visitor.close()

    today = page_for(alice)
    today.goto("/")
    first = today.locator("#agenda li.agenda-row").first
    assert "Rosa Diaz" in first.inner_text()
    assert first.get_attribute("data-section") == "new"
    today.screenshot(path=str(screenshot_dir / "intake-form-lead-on-today.png"))
