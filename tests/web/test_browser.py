"""Real Chromium (Debian's, through Playwright): log in, work Today with one click, add a lead."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead
from tests.conftest import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    ("Maria Lopez", "Lopez Dental", "referral", 4800),
    ("Tom Becker", "", "web_form", 1200),
    ("Priya Nair", "Nair & Co", "inbound_call", 9500),
    ("Jon Olsen", "Olsen Farms", "event", 2500),
    ("Grace Kim", "", "cold_outreach", 800),
    ("Sam Okafor", "Okafor Builders", "referral", 15000),
    ("Lena Fischer", "", "purchased_list", 600),
]


def _seed(alice, make_lead):
    """Two waiting enquiries, a pinned commitment, ranked follow-ups, one to let go."""
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"daily_minutes": 32}
    )
    now = timezone.now()
    leads = []
    for i, (name, company, source, value) in enumerate(PEOPLE):
        lead = make_lead(
            alice,
            name=name,
            company=company,
            source=source,
            value=value,
            email=f"{name.split()[0].lower()}@example.com",
            created_at=now - timedelta(days=4 + i)  # the day before our try (below)
            if i >= 2
            else now - timedelta(minutes=25 + 70 * i),
            consents=["mailing_list"] if i == 6 else [],
        )
        leads.append(lead)
    for i, lead in enumerate(leads[2:], start=2):
        actions.log_attempt(
            lead,
            "call",
            "no_answer" if i != 3 else "talked",
            user=alice,
            at=now - timedelta(days=3 + i),
        )
    actions.add_commitment(
        leads[3], by="us", what="send the revised quote", due_at=now + timedelta(hours=1)
    )
    # Known plans for the follow-ups, so the page is the same on every run.
    for lead, prio in ((leads[2], 30.0), (leads[4], 8.0), (leads[5], 22.0)):
        Lead.objects.filter(pk=lead.pk).update(
            next_action="contact",
            next_channel="call",
            next_due=now - timedelta(hours=1),
            priority=prio,
            plan_reason=f"A call to {lead.name.split()[0]} answers about {int(prio * 2)}% of the time; "
            f"worth ${prio * 6:.0f} against $5 of your time.",
        )
    Lead.objects.filter(pk=leads[6].pk).update(
        next_action="stop",
        next_state="nurture",
        next_due=None,
        priority=-0.5,
        plan_reason="Purchased-list leads answer a 4th try 2% of the time: $3 against $5 of your time.",
    )
    return leads


def _rows(page) -> list[str]:
    return page.locator("#agenda li.agenda-row[data-section]").evaluate_all(
        "els => els.map(e => e.dataset.lead)"
    )


def test_log_in_see_today_click_no_answer_and_watch_it_rerank(
    page_for, alice, make_lead, screenshot_dir
):
    leads = _seed(alice, make_lead)
    page = page_for()
    page.goto("/")
    assert "/login/" in page.url
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#section-new")
    assert page.title().startswith("Today")
    page.screenshot(path=str(screenshot_dir / "today.png"), full_page=True)

    before = _rows(page)
    new_before = int(page.inner_text("#count-new"))
    top = before[0]
    assert top in {str(leads[0].pk), str(leads[1].pk)}  # a waiting enquiry comes first
    page.evaluate("window.stillTheSamePage = true")
    page.locator(f"#row-{top} button[value=no_answer]").click()
    page.wait_for_selector("text=: logged.")
    assert page.evaluate("window.stillTheSamePage === true")  # htmx swapped the agenda: no reload
    after = _rows(page)
    assert after[0] != top  # re-ranked
    # The section's count and the minutes line came with the card (out of band).
    assert int(page.inner_text("#count-new")) == new_before - 1
    assert (
        len(
            re.findall(
                r"Respond (?:now|first)",
                page.evaluate("document.querySelector('#section-new').innerText"),
            )
        )
        == len([x for x in before if x in (str(leads[0].pk), str(leads[1].pk))]) - 1
    )

    page.goto(f"/leads/{top}/")
    timeline = page.locator("#timeline").inner_text()
    assert "Call: no answer" in timeline and "Created as" in timeline
    assert Lead.objects.get(pk=top).attempt_count == 1


def test_add_a_lead_and_find_it_at_the_top_as_a_new_enquiry(
    page_for, alice, make_lead, screenshot_dir
):
    for lead in _seed(alice, make_lead)[:2]:
        actions.log_attempt(lead, "email", "no_answer", user=alice)  # nobody else is waiting
    page = page_for(alice)
    page.goto("/")
    page.click("nav >> text=Add lead")
    page.fill("input[name=name]", "Rosa Diaz")
    page.fill("input[name=company]", "Diaz Plumbing")
    page.fill("input[name=email]", "rosa@example.com")
    page.fill("input[name=phone]", "+1 212 555 0199")
    page.select_option("select[name=source]", "web_form")
    page.fill("input[name=value]", "3200")
    page.click("button:has-text('Add lead')")
    page.wait_for_selector("#timeline")
    assert "Waiting for Rosa" in page.locator("#waiting").inner_text()
    page.goto("/")
    first = page.locator("#agenda li.agenda-row").first
    assert "Rosa Diaz" in first.inner_text()
    assert first.get_attribute("data-section") == "new"
    assert "waiting" in first.inner_text()


def test_the_lead_page_saves_signals_without_a_reload(page_for, alice, make_lead, screenshot_dir):
    leads = _seed(alice, make_lead)
    lead = leads[3]
    actions.set_signals(lead, ["asked_price"])
    page = page_for(alice)
    page.goto(f"/leads/{lead.pk}/")
    page.check("input[value=stated_need]")
    page.wait_for_selector("text=Saved; the plan above is updated.")
    assert sorted(Lead.objects.get(pk=lead.pk).signals) == ["asked_price", "stated_need"]
    page.screenshot(path=str(screenshot_dir / "lead.png"), full_page=True)


def test_today_fits_a_phone_screen(browser, live_server, alice, make_lead, screenshot_dir):
    _seed(alice, make_lead)
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    try:
        log_in(ctx, alice, live_server.url)
        page = ctx.new_page()
        page.goto("/")
        page.wait_for_selector("#section-new")
        # No sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(screenshot_dir / "today-phone.png"), full_page=True)
    finally:
        ctx.close()
