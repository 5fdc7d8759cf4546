"""The secret iCalendar feed and the .ics invitation parse back with the icalendar library."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar

from fairchase import clock
from fairchase.intake.calendar import calendar_secret, ics_invitation
from fairchase.leads import actions
from fairchase.leads.models import Profile

REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY")


def feed_url(user):
    return f"/in/calendar/{calendar_secret(Profile.objects.get(user=user))}.ics"


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_has_commitments_and_due_follow_ups(client, alice, make_lead, settings):
    settings.SITE_URL = "https://crm.example.com"
    ann = make_lead(alice, name="Ann Lee", phone="+12125550101")
    due = timezone.now() + timedelta(days=1)
    actions.add_commitment(ann, by="us", what="Call back with the quote", due_at=due)
    cal = parse(client.get(feed_url(alice)))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = cal.walk("VEVENT")
    assert events, "the feed is empty"
    for ev in events:
        for prop in REQUIRED_EVENT:
            assert prop in ev, prop
    commitment = next(ev for ev in events if "quote" in str(ev["SUMMARY"]))
    assert "Ann Lee" in str(commitment["SUMMARY"])
    assert commitment.decoded("DTSTART") == due.replace(microsecond=0) or abs(
        commitment.decoded("DTSTART") - due
    ) < timedelta(seconds=1)
    assert "tel:+12125550101" in str(commitment["DESCRIPTION"])
    assert f"https://crm.example.com/leads/{ann.pk}/" in str(commitment["URL"])
    follow_up = [ev for ev in events if str(ev["UID"]).startswith(f"followup-{ann.pk}@")]
    ann.refresh_from_db()
    told = clock.reason_in_zones(ann.plan_reason, ann, clock.business_zone(), timezone.now())
    assert follow_up and told.split(".")[0] in str(follow_up[0]["DESCRIPTION"])
    assert cal["X-WR-TIMEZONE"] == "UTC"
    assert len({str(ev["UID"]) for ev in events}) == len(events)


def test_the_feed_names_one_zone_and_the_leads_own_time_beside_it(client, alice, make_lead):
    from fairchase.leads.models import BusinessSettings

    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    bob = make_lead(alice, name="Bob Stone", timezone="America/New_York")
    day = (timezone.now() + timedelta(days=3)).date()
    due = datetime(
        day.year, day.month, day.day, 17, 0, tzinfo=UTC
    )  # 11:00 or 12:00 in Chicago, an hour later in New York
    actions.add_commitment(bob, by="us", what="Call back", due_at=due)
    cal = parse(client.get(feed_url(alice)))
    assert cal["X-WR-TIMEZONE"] == "America/Chicago"
    event = next(ev for ev in cal.walk("VEVENT") if "Call back" in str(ev["SUMMARY"]))
    assert event.decoded("DTSTART") == due
    chicago, new_york = (
        due.astimezone(ZoneInfo("America/Chicago")),
        due.astimezone(ZoneInfo("America/New_York")),
    )
    expected = f"Due {chicago:%a %-d %b %H:%M} {chicago:%Z} ({new_york:%H:%M} for Bob in New York)."
    assert expected in str(event["DESCRIPTION"])


def test_the_feed_holds_only_the_users_own_leads(client, alice, bob, make_lead):
    make_lead(alice, name="Alice's lead")
    make_lead(bob, name="Bob's lead")
    text = b"".join(
        str(ev["SUMMARY"]).encode() for ev in parse(client.get(feed_url(alice))).walk("VEVENT")
    )
    assert b"Alice's lead" in text and b"Bob's lead" not in text


def test_a_wrong_or_rotated_secret_is_404(client, alice):
    old = feed_url(alice)
    assert client.get(old).status_code == 200
    assert client.get("/in/calendar/not-the-secret-at-all-xxxxx.ics").status_code == 404
    assert client.get("/in/calendar/.ics").status_code == 404
    client.force_login(alice)
    assert client.post("/in/calendar/rotate/").status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(alice)).status_code == 200


def test_an_inactive_users_feed_is_404(client, charlie):
    url = feed_url(charlie)
    assert client.get(url).status_code == 404


def test_an_invitation_is_a_request_for_the_lead(alice, make_lead):
    ann = make_lead(alice, name="Ann Lee", email="ann@example.com")
    due = timezone.now() + timedelta(days=2)
    c = actions.add_commitment(ann, by="us", what="Call about the quote", due_at=due)
    cal = Calendar.from_ical(ics_invitation(c))
    assert cal["METHOD"] == "REQUEST"
    (ev,) = cal.walk("VEVENT")
    for prop in REQUIRED_EVENT + ("ORGANIZER", "ATTENDEE"):
        assert prop in ev, prop
    assert str(ev["ATTENDEE"]) == "mailto:ann@example.com"
    assert str(ev["ORGANIZER"]) == "mailto:alice@example.com"
    assert "/leads/" not in ev.to_ical().decode()  # no internal links for the lead
