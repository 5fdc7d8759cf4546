"""A record made for a person who opted out is that opted-out person (walkthrough 3,
finding 1): whoever adds it (by hand, import, the API, a web form), it is opted out at
creation through the one transition, its timeline row naming the record that said no and
when, so no screen offers to chase them. And no promise of ours is made for a lead we
cannot contact (opted out, or no email or phone we may use): refused in the action, the button
hidden."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from fairchase import clock
from fairchase.intake.calendar import calendar_secret
from fairchase.intake.importer import import_file
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Commitment, Lead, Profile, Status, Suppression

QUINN = "Quinn.Ford52374@Example.com"
# the pin form's help when no try of ours could reach them (the app keeps no street address)
ONLY_THEIRS = "No email or phone we may use: only a promise of theirs can be pinned."


def _said_no(make_lead, alice, boss, client):
    """Olivia (the boss) clicks Record opt-out on Quinn Ford, one of Alice's leads."""
    quinn = make_lead(alice, name="Quinn Ford", email=QUINN, phone="+12125550177")
    client.force_login(boss)
    assert client.post(f"/leads/{quinn.pk}/opt-out/").status_code == 302
    quinn.refresh_from_db()
    assert quinn.status == Status.OPTED_OUT
    return quinn


def _is_the_opted_out_person(lead: Lead, quinn: Lead) -> None:
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT, lead.get_status_display()
    row = lead.status_changes.order_by("-pk").first()
    assert row.new == Status.OPTED_OUT
    said_no_on = quinn.status_changes.get(new=Status.OPTED_OUT).at
    assert f"Quinn Ford (#{quinn.pk})" in row.reason, row.reason
    assert f"{said_no_on.astimezone(clock.business_zone()):%-d %b %Y %H:%M}" in row.reason
    assert lead.next_action != "contact"


def test_a_lead_added_by_hand_for_someone_who_opted_out_is_opted_out_on_every_screen(
    client, alice, bob, boss, make_lead
):
    quinn = _said_no(make_lead, alice, boss, client)
    # Tom (bob) adds a new lead with her address in another spelling and a new phone
    client.force_login(bob)
    r = client.post(
        "/leads/new/",
        {
            "name": "Quinn Ford",
            "email": QUINN.upper(),
            "phone": "(212) 555-0199",
            "timezone": "America/New_York",
            "source": "referral",
            "value": "1200",
        },
    )
    again = Lead.objects.exclude(pk=quinn.pk).get(email=QUINN.lower())
    assert r.status_code == 302
    _is_the_opted_out_person(again, quinn)
    page = client.get(r["Location"]).content.decode()
    assert "respond now" not in page and "this person opted out before" in page
    assert "Opted out" in page and "Keep chasing" not in page and 'value="keep"' not in page
    assert f"/leads/{again.pk}/commitments/" not in page and "no next step can be pinned" in page
    assert "Quinn Ford" not in client.get("/today/let-go/rows/").content.decode()
    # Keep chasing, posted anyway, is refused: no promise is made
    card = client.post(
        f"/leads/{again.pk}/outcome/", {"outcome": "keep", "row": "let_go"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "one more try pinned" not in card
    assert not Commitment.objects.filter(lead=again).exists()
    # nothing on Tom's Today, his calendar or the owner's commitments list
    secret = calendar_secret(Profile.objects.get(user=bob))
    cal = Calendar.from_ical(client.get(f"/in/calendar/{secret}.ics").content)
    assert not [e for e in cal.walk("VEVENT") if "Quinn" in str(e["SUMMARY"])]
    assert "Quinn" not in client.get("/").content.decode()
    client.force_login(boss)
    assert "Quinn" not in client.get("/today/commitments/?owner=all").content.decode()
    export = b"".join(client.get("/in/export/leads.csv").streaming_content).decode()
    assert "Quinn" in export
    assert [
        line for line in export.splitlines() if "Quinn" in line and "Opted out" not in line
    ] == []


def test_a_lead_made_by_import_api_or_form_for_someone_who_opted_out_is_opted_out(
    client, alice, bob, boss, make_lead, django_capture_on_commit_callbacks
):
    from fairchase.api.models import ApiToken
    from fairchase.outreach.models import OutboundMessage

    quinn = _said_no(make_lead, alice, boss, client)
    csv = f"name,email,phone\nQuinn Ford,{QUINN},+1 212 555 0191\n".encode()
    report = import_file(
        io.BytesIO(csv), bob, filename="q.csv", scope=Lead.objects.filter(owner=bob)
    )
    # Tom sees only his own leads: no second record of her, nothing said of hers, and her
    # new number is blocked all the same
    assert report.created == 0 and report.asked_not == [
        (2, "Quinn Ford: unchanged: this person asked not to be contacted")
    ], report.as_dict()
    assert not Lead.objects.filter(phone="+12125550191").exists()
    assert Suppression.objects.filter(value="+12125550191", reason="opt-out").exists()

    _token, secret = ApiToken.issue(bob, "tests")
    r = client.post(
        "/api/leads",
        {"name": "Quinn Ford", "phone": "+12125550177"},  # her phone, under her name
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "opted_out"
    _is_the_opted_out_person(Lead.objects.get(pk=r.json()["id"]), quinn)

    form = CaptureForm.objects.create(owner=bob, name="Site", acknowledge=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/in/f/{form.key}/", {"name": "Quinn", "email": QUINN, "message": "Hello"})
    written = Lead.objects.get(name="Quinn", email=QUINN.lower())
    _is_the_opted_out_person(written, quinn)
    # the owner hears of it, told the truth; she gets no acknowledgement
    alert = OutboundMessage.objects.get(lead=written, kind="alert")
    assert "who opted out before" in alert.subject and "respond now" not in alert.subject
    # (a receipt belongs to no lead: it is found by the address it would go to)
    assert not OutboundMessage.objects.filter(
        kind=OutboundMessage.Kind.RECEIPT, to=QUINN.lower()
    ).exists()


def test_someone_else_on_a_shared_phone_is_not_opted_out(client, alice, bob, boss, make_lead):
    quinn = _said_no(make_lead, alice, boss, client)
    other = actions.create_lead(bob, name="Carl Diaz", email="carl@x.example", phone=quinn.phone)
    assert other.status == Status.OPEN  # a switchboard: the number is blocked, Carl is not
    assert "email" in other.next_channel or other.next_action == "contact"


def test_an_edit_giving_a_lead_an_opted_out_address_opts_it_out(
    client, alice, bob, boss, make_lead
):
    quinn = _said_no(make_lead, alice, boss, client)
    lead = make_lead(bob, name="Q Ford", email="", phone="+12125550166")
    actions.update_lead(lead, email=QUINN)
    _is_the_opted_out_person(lead, quinn)


def test_no_promise_of_ours_is_made_for_a_lead_we_cannot_contact(client, alice, make_lead):
    bounced = make_lead(
        alice,
        name="Bo Unce",
        email="bo@unce.example",
        phone="",
        created_at=timezone.now() - timedelta(days=10),
    )
    actions.log_attempt(bounced, "email", "bounced", at=timezone.now() - timedelta(days=9))
    bounced.refresh_from_db()
    assert bounced.status == Status.OPEN and bounced.next_action == "stop"
    due = timezone.now() + timedelta(days=1)
    with pytest.raises(actions.ActionError, match="no address"):
        actions.add_commitment(bounced, by="us", what="Try again", due_at=due)
    # their own promise to call us is still theirs to keep
    actions.add_commitment(bounced, by="lead", what="They call us", due_at=due)
    client.force_login(alice)
    assert "Keep chasing" not in client.get("/today/let-go/rows/").content.decode()
    assert "Bo Unce" in client.get("/today/let-go/rows/").content.decode()
    page = client.get(f"/leads/{bounced.pk}/").content.decode()
    assert 'value="keep"' not in page
    pin = page.split(f'action="/leads/{bounced.pk}/commitments/"')[1].split("</form>")[0]
    assert 'value="lead"' in pin and 'value="us"' not in pin
    assert ONLY_THEIRS in pin and "No address" not in pin
    card = client.post(
        f"/leads/{bounced.pk}/outcome/",
        {"outcome": "keep", "row": "let_go"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "one more try pinned" not in card and "no address" in card
    r = client.post(
        f"/leads/{bounced.pk}/commitments/",
        {"by": "us", "what": "Call", "due_at": (due).strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert "no address" in r.content.decode()
    assert not bounced.commitments.filter(by="us").exists()
    # a walk-in who left no email or phone: nowhere to reach them either (no street
    # address is kept), so only their own promise can be pinned
    walk_in = make_lead(alice, name="Walk In", email="", phone="", source="walk_in")
    with pytest.raises(actions.ActionError) as refused:
        actions.add_commitment(walk_in, by="us", what="Drop by", due_at=due)
    assert "has no email or phone to use" in str(refused.value), refused.value
    assert "suppressed or bounced" not in str(refused.value)  # nothing was
    actions.add_commitment(walk_in, by="lead", what="They come back in", due_at=due)
    page = client.get(f"/leads/{walk_in.pk}/").content.decode()
    pin = page.split(f'action="/leads/{walk_in.pk}/commitments/"')[1].split("</form>")[0]
    assert ONLY_THEIRS in pin and 'value="us"' not in pin


def test_an_opted_out_record_without_suppressed_addresses_still_says_no(alice, make_lead):
    """Data from before the suppression list (the demo's, a restored backup): an opted-out
    record whose addresses were never suppressed still opts a new record of that person out."""
    from fairchase.leads.models import Suppression

    old = make_lead(alice, name="Mia Gray", email="mia@example.com", phone="+13125550111")
    Lead.objects.filter(pk=old.pk).update(status=Status.OPTED_OUT)
    assert not Suppression.objects.exists()
    by_email = make_lead(alice, name="M. Gray", email="mia@example.com", phone="")
    by_phone = make_lead(alice, name="Mia Gray", email="", phone="+13125550111")
    stranger = make_lead(alice, name="Reception Desk", email="", phone="+13125550111")
    assert by_email.status == Status.OPTED_OUT
    assert by_phone.status == Status.OPTED_OUT
    assert stranger.status != Status.OPTED_OUT  # a shared number under another name
