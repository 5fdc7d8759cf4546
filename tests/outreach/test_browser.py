"""In a real browser: log "left message" on a call from Today, send the suggested
voicemail email with one click, see it arrive at the SMTP server and on the timeline."""

from __future__ import annotations

import pytest

from fairchase.leads import actions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_left_message_then_the_voicemail_email_from_today(
    alice, make_lead, page_for, smtp_server, screenshot_dir, open_all_day
):
    lead = make_lead(alice, name="Maria Lopez", company="Lopez Dental", email="maria@lopez.example")
    page = page_for(alice)
    page.goto("/")
    row = page.locator(f"#row-{lead.pk}")
    row.locator("button[value=left_message]").click()
    card = page.locator(
        f"#row-{lead.pk}[data-done]"
    )  # the draft is folded under the card just clicked
    card.wait_for()
    assert "Email after a voicemail" in card.inner_text()
    page.screenshot(path=str(screenshot_dir / "outreach-voicemail-offer.png"), full_page=True)
    page.evaluate("window.stillTheSamePage = true")
    card.locator("button.send-draft").click()
    card.locator(".message-success").wait_for()
    assert "Sent to maria@lopez.example" in card.inner_text()
    assert page.evaluate("window.stillTheSamePage === true")  # sent without a reload

    [got] = smtp_server.received
    assert got.to == ["maria@lopez.example"]
    assert got.message["Subject"] == "Sorry I missed you, Maria"
    assert got.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(f"/leads/{lead.pk}/")
    timeline = page.inner_text("body")
    assert "Email sent: Sorry I missed you, Maria" in timeline
    page.screenshot(path=str(screenshot_dir / "outreach-timeline.png"), full_page=True)


def test_opening_the_after_call_section_fetches_its_drafts(
    alice, make_lead, page_for, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Maria Lopez", company="Lopez Dental", email="maria@lopez.example")
    actions.log_attempt(lead, "call", "left_message", user=alice)
    page = page_for(alice)
    page.goto("/")
    section = page.locator("#outreach-today details.folded")
    assert section.locator(f"#draft-{lead.pk}").count() == 0  # not on the page until opened
    section.locator("summary").click()
    section.locator(f"#draft-{lead.pk}").wait_for()
    assert "Email after a voicemail" in section.inner_text()
    section.locator("button.send-draft").click()
    section.locator(".message-success").wait_for()
    [got] = smtp_server.received
    assert got.message["Subject"] == "Sorry I missed you, Maria"
