"""The emails after a call (after a voicemail, the recap after a talk) are offered for two
days, so they name the call's day as the reader says it: "today" only for a call today on
their calendar (the lead's zone, else the business's), then "yesterday", then the weekday.
Templates written before say the same through a migration that replaces only the shipped
sentence; the placeholder is {{call_day}}."""

from __future__ import annotations

import importlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.db.models import F
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Attempt, BusinessSettings, Lead, Profile
from fairchase.outreach import outbox
from fairchase.outreach.drafts import draft_for
from fairchase.outreach.models import MessageTemplate, OutboundMessage
from fairchase.outreach.rendering import day_phrase

PARIS = ZoneInfo("Europe/Paris")
# Zones an hour or so apart, so that at any moment one of them has the local hour a test needs.
ZONES = [
    "Pacific/Pago_Pago",
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Halifax",
    "America/Sao_Paulo",
    "America/Noronha",
    "Atlantic/Cape_Verde",
    "UTC",
    "Europe/Paris",
    "Europe/Athens",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Brisbane",
    "Pacific/Noumea",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
]


def _draft(lead):
    # afresh from the database, as a page would (the fixture's user caches an older profile)
    return draft_for(Lead.objects.get(pk=lead.pk))


def _days_ago(days: int):
    """A lead's arrival before the call the test logs (an attempt is never dated before it)."""
    return timezone.now() - timedelta(days=days)


def _zone_where(hours: range) -> str:
    """A zone whose local hour is in `hours` right now."""
    now = timezone.now()
    return next(z for z in ZONES if now.astimezone(ZoneInfo(z)).hour in hours)


def test_the_day_is_today_yesterday_or_the_weekday_on_sunday_6_december():
    sunday = datetime(2026, 12, 6, 10, 0, tzinfo=PARIS)
    assert day_phrase(datetime(2026, 12, 6, 9, 15, tzinfo=PARIS), sunday) == "today"
    assert day_phrase(datetime(2026, 12, 5, 17, 30, tzinfo=PARIS), sunday) == "yesterday"
    assert day_phrase(datetime(2026, 12, 4, 11, 0, tzinfo=PARIS), sunday) == "on Friday"
    assert day_phrase(datetime(2026, 11, 26, 11, 0, tzinfo=PARIS), sunday) == (
        "on Thursday 26 November"
    )


def test_the_voicemail_email_the_next_day_says_yesterday_and_sends_so(
    client, alice, make_lead, smtp_server
):
    zone = _zone_where(range(6, 18))  # 30 hours ago was yesterday there, whatever the hour
    lead = make_lead(alice, name="Ivan Ellis", timezone=zone, created_at=_days_ago(3))
    actions.log_attempt(lead, "call", "left_message", at=timezone.now() - timedelta(hours=30))
    draft = _draft(lead)
    assert draft.template.purpose == "voicemail" and not draft.error
    assert "I left you a voicemail yesterday following up" in draft.rendered.body
    assert "today" not in draft.rendered.body and "just left" not in draft.rendered.body
    client.force_login(alice)
    client.post(f"/o/leads/{lead.pk}/send/", {"template": draft.template.pk})
    # sent, or held for contact hours in the lead's zone: the words are fixed when queued
    assert "I left you a voicemail yesterday" in OutboundMessage.objects.get(lead=lead).body


def test_the_recap_two_days_later_names_the_weekday(alice, make_lead):
    zone = _zone_where(range(6, 18))  # 44 hours ago was the day before yesterday there
    lead = make_lead(alice, name="Fay Park", timezone=zone, created_at=_days_ago(3))
    called = timezone.now() - timedelta(hours=44)
    actions.log_attempt(lead, "call", "talked", at=called)
    actions.add_commitment(
        lead, by="us", what="Send the quote", due_at=timezone.now() + timedelta(days=1)
    )
    draft = _draft(lead)
    assert draft.template.purpose == "recap"
    weekday = called.astimezone(ZoneInfo(zone)).strftime("%A")
    assert f"Thank you for your time on the phone on {weekday}." in draft.rendered.body


def test_today_is_the_readers_today(alice, make_lead):
    """A call three hours ago was yesterday for a reader where it is now 1 or 2 in the
    morning, and today for one where it is the afternoon."""
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        business_timezone=_zone_where(range(6, 18))
    )
    just_after_midnight = make_lead(
        alice, timezone=_zone_where(range(1, 3)), created_at=_days_ago(1)
    )
    # the business's clock: no zone, and no number to take one from (+1 212 is New York's,
    # where 3 hours ago is yesterday from midnight to 3 am)
    no_zone = make_lead(alice, timezone="", phone="", created_at=_days_ago(1))
    for lead in (just_after_midnight, no_zone):
        actions.log_attempt(lead, "call", "left_message", at=timezone.now() - timedelta(hours=3))
    assert "voicemail yesterday following" in _draft(just_after_midnight).rendered.body
    assert "voicemail today following" in _draft(no_zone).rendered.body


def test_composed_long_after_the_call_it_names_the_date_and_with_no_call_logged_today(
    client, alice, make_lead
):
    """Compose offers any template at any time: a voicemail ten days ago is named by its
    date; with no call logged the person is writing right after one they have not logged."""
    called = make_lead(alice, name="Old Call", timezone="America/Chicago", created_at=_days_ago(12))
    at = timezone.now() - timedelta(days=10)
    actions.log_attempt(called, "call", "left_message", at=at)
    never = make_lead(alice, name="Never Logged")
    t = MessageTemplate.objects.get(purpose="voicemail")
    client.force_login(alice)
    page = client.get(f"/o/leads/{called.pk}/compose/?template={t.pk}").content.decode()
    day = at.astimezone(ZoneInfo("America/Chicago"))
    assert f"I left you a voicemail on {day:%A %-d %B} following up" in page
    page = client.get(f"/o/leads/{never.pk}/compose/?template={t.pk}").content.decode()
    assert "I left you a voicemail today following up" in page


def test_the_migration_replaces_only_the_shipped_sentence_and_keeps_edits(db):
    migration = importlib.import_module(
        "fairchase.outreach.migrations.0008_call_day_in_after_call_templates"
    )
    old_voicemail = (
        "Hi {{first_name}}, I just left you a voicemail following up on your enquiry. PS: mine."
    )
    rewritten = "Thanks for talking to me this morning! {{opt_out_link}}"
    edited = MessageTemplate.objects.create(
        name="Our voicemail", purpose="voicemail", body=old_voicemail
    )
    theirs = MessageTemplate.objects.create(name="Our recap", purpose="recap", body=rewritten)
    elsewhere = MessageTemplate.objects.create(
        name="Other", purpose="other", body="Thank you for your time on the phone today."
    )
    migration.name_the_day(django_apps, None)
    edited.refresh_from_db()
    assert edited.body == (
        "Hi {{first_name}}, I left you a voicemail {{call_day}} following up on your enquiry."
        " PS: mine."
    )
    theirs.refresh_from_db()
    elsewhere.refresh_from_db()
    assert theirs.body == rewritten
    assert elsewhere.body == "Thank you for your time on the phone today."
    migration.say_today(django_apps, None)
    edited.refresh_from_db()
    assert edited.body == old_voicemail


def test_the_shipped_after_call_templates_name_the_day(db):
    for purpose in ("voicemail", "recap"):
        body = MessageTemplate.objects.get(purpose=purpose, channel="email").body
        assert "{{call_day}}" in body and "today" not in body and "just left" not in body


def test_an_automatic_voicemail_email_held_overnight_names_the_day_it_goes_out(
    alice, make_lead, smtp_server, open_all_day
):
    """Automatic mode queues the email the moment the voicemail is logged; held past midnight
    (contact hours, the weekly cap), it is worded again for the day it goes out."""
    Profile.objects.filter(user=alice).update(outreach_mode="automatic")
    lead = make_lead(alice, name="Ivan Ellis", timezone="")  # the business's zone
    actions.log_attempt(lead, "call", "left_message")
    msg = OutboundMessage.objects.get(lead=lead)
    assert msg.queued_by is None and "I left you a voicemail today" in msg.body
    # a day later: the call and the queued message are both yesterday's
    day = timedelta(days=1)
    Attempt.objects.filter(lead=lead).update(at=F("at") - day)
    OutboundMessage.objects.filter(pk=msg.pk).update(
        created_at=F("created_at") - day, due_at=F("due_at") - day
    )
    assert outbox.send_now(msg) == OutboundMessage.State.SENT
    [got] = smtp_server.received
    assert "I left you a voicemail yesterday following up" in got.message.get_body().get_content()
    msg.refresh_from_db()
    assert "yesterday" in msg.body  # the row says what was sent
    assert msg.changes.filter(reason__startswith="Worded again").exists()


def test_the_editor_asks_for_call_day_where_an_after_call_email_says_today(boss):
    client = Client()
    client.force_login(boss)
    t = MessageTemplate.objects.get(purpose="recap", channel="email")
    form = {"name": t.name, "purpose": "recap", "channel": "email", "subject": t.subject}
    form["is_active"] = "on"
    said_today = t.body.replace("{{call_day}}", "today")
    page = client.post(f"/o/templates/{t.pk}/", {**form, "body": said_today}).content.decode()
    assert "may not be true when this goes out" in page and "{{call_day}}" in page
    t.refresh_from_db()
    assert "{{call_day}}" in t.body  # not saved
    # the day named, or "today" in an email that is not about a call: saved
    assert client.post(f"/o/templates/{t.pk}/", {**form, "body": t.body}).status_code == 302
    other = {**form, "purpose": "other", "name": "Reply today", "body": said_today}
    assert client.post("/o/templates/new/", other).status_code == 302
