"""Settings: admins edit the business numbers (and every lead is replanned); everyone edits their profile."""

from __future__ import annotations

from fairchase.leads.models import BusinessSettings, Lead, Profile

BUSINESS = {
    "form": "business",
    "hourly_cost": "80",
    "margin": "40",
    "daily_minutes": "90",
    "contact_start": "09:00",
    "contact_end": "18:00",
    "contact_days": list("012345"),
    "max_attempts_per_week": "2",
    "complaint_cost": "300",
    "business_timezone": "Europe/London",
    "default_value": "",
    "minutes_call": "5",
    "minutes_email": "3",
    "minutes_text": "2",
    "minutes_visit": "40",
}


def test_an_admin_saves_business_settings_and_every_active_lead_is_replanned(
    client, boss, alice, make_lead
):
    lead = make_lead(alice)
    before = Lead.objects.get(pk=lead.pk).planned_at
    client.force_login(boss)
    r = client.post("/settings/", BUSINESS, follow=True)
    assert "1 active lead replanned" in r.content.decode()
    s = BusinessSettings.current()
    assert (s.hourly_cost, s.daily_minutes, s.business_timezone, s.max_attempts_per_week) == (
        80,
        90,
        "Europe/London",
        2,
    )
    assert Lead.objects.get(pk=lead.pk).planned_at > before


def test_a_salesperson_sees_business_settings_read_only(client, alice):
    client.force_login(alice)
    html = client.get("/settings/").content.decode()
    assert "Only an owner/admin can change these." in html
    assert 'name="hourly_cost"' in html and "disabled" in html
    client.post("/settings/", BUSINESS)
    assert BusinessSettings.current().hourly_cost == 50


def test_bad_business_settings_are_refused_next_to_the_field(client, boss):
    client.force_login(boss)
    r = client.post(
        "/settings/", {**BUSINESS, "business_timezone": "Nowhere/Land", "contact_end": "08:00"}
    )
    html = r.content.decode()
    assert "Unknown time zone" in html and "Contact hours must end after they start" in html
    assert BusinessSettings.current().business_timezone == "UTC"


def test_everyone_edits_their_own_profile(client, alice):
    client.force_login(alice)
    client.post(
        "/settings/", {"form": "profile", "phone": "+44 20 7946 0958", "outreach_mode": "automatic"}
    )
    p = Profile.objects.get(user=alice)
    assert (p.phone, p.outreach_mode) == ("+442079460958", "automatic")


def test_a_bad_profile_phone_is_refused(client, alice):
    client.force_login(alice)
    r = client.post("/settings/", {"form": "profile", "phone": "123", "outreach_mode": "suggest"})
    assert "errorlist" in r.content.decode()
    assert Profile.objects.get(user=alice).phone == "+15555550100"


def test_a_user_without_an_email_sets_their_own_in_settings_and_then_gets_alerts(client, alice):
    from django.contrib.auth import get_user_model

    from fairchase.intake.models import CaptureForm
    from fairchase.outreach.models import OutboundMessage

    jo = get_user_model().objects.create_user("jo", "", "a long password 123")
    client.force_login(jo)
    html = client.get("/settings/").content.decode()
    assert "You have no email address" in html and 'href="#id_email"' in html
    assert 'name="form" value="email"' in html
    r = client.post("/settings/", {"form": "email", "email": " Jo@Example.COM "}, follow=True)
    assert "new-enquiry alerts go to jo@example.com" in r.content.decode()
    jo.refresh_from_db()
    assert jo.email == "jo@example.com"
    assert "You have no email address" not in client.get("/settings/").content.decode()
    assert "no email address" not in client.get("/in/").content.decode()
    # the promise behind it: an enquiry on jo's form now alerts jo by email
    form = CaptureForm.objects.create(name="Jo's form", owner=jo)
    client.post(f"/in/f/{form.key}/", {"name": "Ann Lee", "email": "ann@lee.example"})
    alert = OutboundMessage.objects.get(kind=OutboundMessage.Kind.OWNER_ALERT)
    assert alert.to == "jo@example.com"
    assert get_user_model().objects.get(pk=alice.pk).email == "alice@example.com"  # untouched


def test_an_unreadable_or_a_colleagues_email_is_refused_next_to_the_field(client, alice, bob):
    client.force_login(bob)
    for bad, said in (
        ("not an address", "errorlist"),
        ("ALICE@example.com", "Another user has this address"),
        ("", "This field is required."),
    ):
        r = client.post("/settings/", {"form": "email", "email": bad})
        assert r.status_code == 200 and said in r.content.decode(), bad
        bob.refresh_from_db()
        assert bob.email == "bob@example.com"
    # keeping one's own address (in another case) is not "another user's"
    r = client.post("/settings/", {"form": "email", "email": "BOB@example.com"})
    assert r.status_code == 302


def test_an_email_that_is_a_colleagues_username_is_refused(client, alice, bob):
    """An import's Owner cell and `import --owner` find a user by username or email: an
    address that is someone else's username would name two people."""
    user_model = type(bob)
    user_model.objects.create_user("Pat@Shop.example", "pat@elsewhere.example", "x")
    client.force_login(bob)
    r = client.post("/settings/", {"form": "email", "email": "pat@shop.example"})
    assert r.status_code == 200
    assert "This address is another user&#x27;s username" in r.content.decode()
    bob.refresh_from_db()
    assert bob.email == "bob@example.com"


def test_absurd_business_settings_are_refused_with_their_bounds(client, boss):
    """An hourly cost of 1e12 and 99,999,999 minutes a day were once saved, and every waiting
    enquiry moved to "Ready to let go"; now each number outside what a business can mean is
    refused next to its field, saying the bound, and nothing is saved."""
    client.force_login(boss)
    absurd = {
        "hourly_cost": ("1e12", "At most $10,000 an hour."),
        "daily_minutes": ("99999999", "At most 1,440 minutes (a whole day)."),
        "complaint_cost": ("2000000", "At most $1,000,000."),
        "minutes_visit": ("5000", "At most 1,440 minutes (a whole day)."),
        "max_attempts_per_week": ("10000", "At most 50 tries a week."),
        "default_value": ("-5", "Must not be negative."),
    }
    for field, (value, said) in absurd.items():
        r = client.post("/settings/", {**BUSINESS, field: value})
        assert said in r.content.decode(), field
        s = BusinessSettings.current()
        assert (s.hourly_cost, s.daily_minutes, s.complaint_cost) == (50, 120, 200), field
    # the bounds themselves are accepted
    edge = {"hourly_cost": "10000", "daily_minutes": "1440", "complaint_cost": "1000000"}
    client.post("/settings/", {**BUSINESS, **edge})
    s = BusinessSettings.current()
    assert (s.hourly_cost, s.daily_minutes, s.complaint_cost) == (10000, 1440, 1000000)
