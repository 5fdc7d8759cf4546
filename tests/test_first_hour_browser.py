"""The first hour in a real browser (Chromium): a roofer logs in to a fresh Fairchase,
imports a contact list with good and bad rows, works the first three leads of Today, pins
a next step, and every time on those screens, in the recap email and in the calendar feed
names the same moment in the same labelled zone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from fairchase.intake.calendar import calendar_secret
from fairchase.leads.models import BusinessSettings, Commitment, Lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHICAGO = ZoneInfo("America/Chicago")
NEW_YORK = ZoneInfo("America/New_York")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
# A time is labelled when its zone follows it, or it is the lead's own time beside ours.
LABELLED = re.compile(r" (CST|CDT|EST|EDT)\b| for [A-Z][a-z]+ in [A-Z]")


def unlabelled_times(text: str) -> list[str]:
    return [
        text[max(0, m.start() - 40) : m.end() + 12]
        for m in TIME.finditer(text)
        if not LABELLED.match(text, m.end())
    ]


def contact_list(now: datetime) -> bytes:
    """A contact list as a small business has one: three enquiries from this morning, old
    contacts, and the usual damage (a UK number without its country code, a formula in a
    value cell, two addresses in one cell, a row with nothing to know the person by)."""

    def ago(hours: float) -> str:
        return (now - timedelta(hours=hours)).astimezone(CHICAGO).isoformat(timespec="minutes")

    rows = [
        "name,email,phone,value,source,created,timezone,notes",
        f"Ann Lee,ann@example.com,+1 212 555 0101,9000,Referrals,{ago(2)},America/New_York,Flat roof leaking",
        f"Ben Cole,ben@example.com,+1 312 555 0102,7000,Organic Search,{ago(3)},,Gutters",
        f"Cara Diaz,cara@example.com,+1 312 555 0103,5000,Direct Traffic,{ago(4)},,Skylight",
        "Gwen Hale,gwen@example.co.uk,020 7946 0018,4000,Referrals,2025-03-01,,Met at the fair",
        "Kai Lund,kai@example.com,+1 312 555 0105,=SUM(B2:B4),Offline Sources,2025-04-02,,",
        "Ida Jones,not-an-address ::: ida@example.com,,3000,Paid Search,2025-05-03,,",
        ",,,,,,,",
        ",nobody-at-all,12,,,,,",
    ]
    return ("\r\n".join(rows) + "\r\n").encode()


def next_working_day_at_eleven(now: datetime) -> datetime:
    day = (now.astimezone(CHICAGO) + timedelta(days=2)).date()
    if day.weekday() == 6:  # no calls on Sunday
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 11, 0, tzinfo=CHICAGO)


def test_the_first_hour_log_in_import_work_today_pin_and_every_time_agrees(
    page_for, live_server, boss, screenshot_dir, tmp_path
):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    now = timezone.now()
    page = page_for()

    # Log in
    page.goto("/login/")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", "correct-horse-battery-staple")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert "Times: Chicago (C" in page.inner_text("#zone-note")

    # Import a CSV with good and bad rows
    path = tmp_path / "contacts.csv"
    path.write_bytes(contact_list(now))
    page.goto("/in/")
    page.set_input_files("input[type=file][name=file]", str(path))
    page.locator("form[action$='/in/import/'] button[type=submit]").click()
    preview = page.locator("table.preview").inner_text()
    assert "Gwen Hale" in preview and "phone '020 7946 0018' left out" in preview
    assert "Kai Lund" in preview and "not a number" in preview
    page.click("button[name=action][value=import]")
    page.wait_for_selector(".import-summary", timeout=20_000)
    report = page.locator("#import-progress").inner_text()
    page.screenshot(path=str(screenshot_dir / "first-hour-import.png"), full_page=True)
    assert "6 leads were created" in report and "1 row skipped" in report  # a blank line is no row
    assert "Gwen Hale: phone '020 7946 0018' left out" in report
    assert "Kai Lund: value: '=SUM(B2:B4)' is not a number" in report
    assert "Ida Jones: email 'not-an-address' left out" in report
    assert "nobody-at-all" in report  # a skipped row is named by what it has
    names = set(Lead.objects.values_list("name", flat=True))
    assert names == {"Ann Lee", "Ben Cole", "Cara Diaz", "Gwen Hale", "Kai Lund", "Ida Jones"}

    # Work the first three leads of Today: the morning's enquiries, not the old contacts
    page.goto("/")
    new_rows = page.locator("#agenda li.agenda-row[data-section=new]")
    assert new_rows.count() == 3
    first_three = [new_rows.nth(i).locator("a.lead-name").inner_text() for i in range(3)]
    assert set(first_three) == {"Ann Lee", "Ben Cole", "Cara Diaz"}
    assert not unlabelled_times(page.inner_text("main")), unlabelled_times(page.inner_text("main"))
    # Ann (in New York) is the one who picks up: worked last, so the pin form follows her call
    order = sorted(first_three, key=lambda name: name == "Ann Lee")
    for name, outcome in zip(order, ("no_answer", "left_message", "talked"), strict=True):
        pk = Lead.objects.get(name=name).pk
        page.click(f"#row-{pk} button[name=outcome][value={outcome}]")
        page.wait_for_selector(f"#row-{pk}[data-done]")
        assert not unlabelled_times(page.inner_text("main")), unlabelled_times(
            page.inner_text("main")
        )
    talked = Lead.objects.get(name="Ann Lee")
    assert talked.timezone == "America/New_York"

    # Pin the next step with the lead we talked to
    pinned = next_working_day_at_eleven(now)
    pin = f"#pin-{talked.pk}"
    page.fill(f"{pin} input[name=what]", "Send the quote")
    page.fill(f"{pin} input[name=due_at]", pinned.strftime("%Y-%m-%dT%H:%M"))
    page.click(f"{pin} button[type=submit]")
    page.wait_for_selector(f"#row-{talked.pk} .confirm:has-text('Pinned for Ann Lee')")
    commitment = Commitment.objects.get(lead=talked)
    assert commitment.due_at == pinned  # the moment typed, read in the business's zone
    ours = f"{pinned:%a %-d %b %H:%M} {pinned.strftime('%Z')}"
    theirs_clock = pinned.astimezone(ZoneInfo(talked.timezone or "America/Chicago"))
    beside = (
        ""
        if not talked.timezone
        else f" ({theirs_clock:%H:%M} for {talked.first_name} in New York)"
    )
    assert f"Send the quote, {ours}{beside}." in page.inner_text(f"#row-{talked.pk} .confirm")
    assert not unlabelled_times(page.inner_text("main")), unlabelled_times(page.inner_text("main"))
    page.goto("/")
    page.screenshot(path=str(screenshot_dir / "first-hour-today.png"), full_page=True)
    assert not unlabelled_times(page.inner_text("main")), unlabelled_times(page.inner_text("main"))

    # The lead page: the same moment, in the same labelled zone (the lead's beside it)
    page.goto(f"/leads/{talked.pk}/")
    text = page.inner_text("main")
    assert f"Send the quote — {ours}{beside}" in text
    assert not unlabelled_times(text), unlabelled_times(text)

    # The recap email (to the lead, in their own clock, its zone named)
    body = page.locator(".draft[data-purpose=recap] pre.message-body").text_content()
    assert f"{theirs_clock:%A %-d %B at %-H:%M} {theirs_clock:%Z}" in body
    page.screenshot(path=str(screenshot_dir / "first-hour-lead.png"), full_page=True)

    # The calendar feed: the exact moment, and its description in the same labelled zone
    feed = page.request.get(f"/in/calendar/{calendar_secret(boss.profile)}.ics")
    assert feed.ok
    cal = Calendar.from_ical(feed.body())
    assert str(cal["X-WR-TIMEZONE"]) == "America/Chicago"
    event = next(ev for ev in cal.walk("VEVENT") if "Send the quote" in str(ev["SUMMARY"]))
    assert event.decoded("DTSTART") == pinned
    assert f"Due {ours}{beside}." in str(event["DESCRIPTION"])
    for ev in cal.walk("VEVENT"):
        assert not unlabelled_times(str(ev["DESCRIPTION"])), str(ev["DESCRIPTION"])
