"""A person who said no stays opted out on every address, one given later too (eval35
finding 1): a won customer who opted out on another record, then given a new email by the
API's PATCH or the Edit form, was offered on it everywhere: the API's
`not_to_be_contacted` listed only the phone, the export said only "Phone", the lead page
linked the new address "(won: not chased)", a promise to email it was accepted and the
calendar feed offered "Email: mailto:" it. An opted-out record given new addresses said
`[]`. Now an edit of such a record suppresses the new address (a timeline row says so) and
every place asks the one rule (`reach.address_refusal`), which refuses an opted-out lead's
every address whether suppressed or not."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar

from fairchase.intake.calendar import calendar_secret
from fairchase.leads import actions
from fairchase.leads.models import Commitment, Lead, Profile, Status, Suppression

from ..intake.importing import import_text

NEW = "gina.newaddr@example.com"
NEW_PHONE = "+13125550177"


def _won_who_said_no(make_lead, owner) -> Lead:
    """Yuri Gray, won; a second record of his (same name and email) opted out, so every
    address of the won one is suppressed and it stays won."""
    won = make_lead(owner, name="Yuri Gray", email="yuri@example.com", phone="+13125550161")
    actions.mark_won(won, user=owner)
    again = make_lead(owner, name="Yuri Gray", email="yuri@example.com")
    actions.opt_out(again, user=owner)
    won.refresh_from_db()
    assert won.status == Status.WON
    return won


def _export(client) -> dict[int, dict]:
    text = b"".join(client.get("/in/export/leads.csv").streaming_content).decode("utf-8-sig")
    return {int(row["Fairchase ID"]): row for row in csv.DictReader(io.StringIO(text))}


def test_a_patched_email_of_a_won_customer_who_said_no_is_suppressed(api, alice, make_lead):
    won = _won_who_said_no(make_lead, alice)
    assert api("PATCH", f"/leads/{won.pk}", {"email": NEW}).status_code == 200
    assert Suppression.objects.get(value=NEW).reason == "opt-out"
    assert won.status_changes.filter(reason__contains=f"{NEW} suppressed").exists()
    got = api("GET", f"/leads/{won.pk}", None).json()
    assert (got["status"], got["not_to_be_contacted"]) == ("won", ["email", "phone"])


def test_an_opted_out_records_patched_addresses_are_not_to_be_contacted(
    api, client, alice, make_lead
):
    lead = make_lead(alice, name="Ola Out", email="ola@example.com", phone="+13125550162")
    actions.opt_out(lead, user=alice)
    body = {"email": NEW, "phone": NEW_PHONE}
    assert api("PATCH", f"/leads/{lead.pk}", body).status_code == 200
    assert set(Suppression.objects.values_list("value", flat=True)) >= {NEW, NEW_PHONE}
    assert api("GET", f"/leads/{lead.pk}", None).json()["not_to_be_contacted"] == [
        "email",
        "phone",
    ]
    client.force_login(alice)
    assert _export(client)[lead.pk]["Not to be contacted"] == "Email; Phone"


def test_an_opted_out_leads_unsuppressed_address_is_refused_by_the_rule(
    api, client, alice, make_lead
):
    """Data from before this fix (an address changed, never suppressed): the record's
    status alone keeps it out of the API and the export."""
    lead = make_lead(alice, name="Pia Past", email="pia@example.com", phone="")
    actions.opt_out(lead, user=alice)
    Lead.objects.filter(pk=lead.pk).update(email=NEW)
    assert not Suppression.objects.filter(value=NEW).exists()
    assert api("GET", f"/leads/{lead.pk}", None).json()["not_to_be_contacted"] == ["email"]
    client.force_login(alice)
    assert _export(client)[lead.pk]["Not to be contacted"] == "Email"


def test_a_new_email_typed_in_edit_is_not_offered_on_the_lead_page_or_export(
    client, alice, make_lead
):
    won = _won_who_said_no(make_lead, alice)
    client.force_login(alice)
    form = {
        "name": won.name,
        "company": "",
        "email": NEW,
        "phone": won.phone,
        "timezone": "",
        "source": "referral",
        "value": "2000",
        "notes": "",
    }
    assert client.post(f"/leads/{won.pk}/edit/", form).status_code == 302
    html = client.get(f"/leads/{won.pk}/").content.decode()
    assert f"mailto:{NEW}" not in html
    assert "won: not chased" not in html
    assert _export(client)[won.pk]["Not to be contacted"] == "Email; Phone"


def test_no_promise_to_email_the_new_address_and_no_link_in_the_calendar(
    api, client, alice, make_lead
):
    won = _won_who_said_no(make_lead, alice)
    assert api("PATCH", f"/leads/{won.pk}", {"email": NEW}).status_code == 200
    due = (timezone.now() + timedelta(days=2)).isoformat()
    body = {"what": "send the warranty papers", "channel": "email", "due_at": due}
    assert api("POST", f"/leads/{won.pk}/commitments", body).status_code == 400
    # their own promise (they call us) is kept, and its event offers no address of theirs
    actions.add_commitment(
        won, by=Commitment.By.LEAD, what="They call about the warranty", due_at=timezone.now()
    )
    url = f"/in/calendar/{calendar_secret(Profile.objects.get(user=alice))}.ics"
    feed = Calendar.from_ical(client.get(url).content)
    text = " ".join(str(ev.get("DESCRIPTION", "")) for ev in feed.walk("VEVENT"))
    assert "They call about the warranty" in " ".join(
        str(ev["SUMMARY"]) for ev in feed.walk("VEVENT")
    )
    assert f"mailto:{NEW}" not in text and "tel:" not in text


def test_an_import_giving_a_new_email_suppresses_it(alice, make_lead):
    won = _won_who_said_no(make_lead, alice)
    report = import_text(alice, f"name,email,phone\nYuri Gray,{NEW},{won.phone}\n")
    won.refresh_from_db()
    assert won.email == NEW, report.as_dict()
    assert Suppression.objects.filter(value=NEW, reason="opt-out").exists()
