"""A form owner without an email address is told where it matters (the Capture page, their
Settings) that new-enquiry alerts cannot reach them, and an alert that could not be sent
is a line on the lead's timeline, never a silent nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead
from fairchase.outreach.models import OutboundMessage

WARNING = "no-alert-email"


def test_an_owner_without_an_email_is_warned_and_the_unsent_alert_is_on_the_timeline(
    client, alice, boss
):
    jo = get_user_model().objects.create_user("jo", "", "a long password 123")
    jos = CaptureForm.objects.create(name="Jo's form", owner=jo)
    alices = CaptureForm.objects.create(name="Alice's form", owner=alice)
    for form, name in ((jos, "Ann Jo"), (alices, "Ann Alice")):
        r = client.post(f"/in/f/{form.key}/", {"name": name, "email": f"{name[4:]}@x.example"})
        assert r.status_code == 200
    lead = Lead.objects.get(name="Ann Jo")
    assert lead.next_action == "contact"  # still on jo's Today
    said = list(lead.status_changes.values_list("reason", flat=True))
    assert any(r.startswith("New-enquiry alert not emailed: jo has no email address") for r in said)
    alerts = OutboundMessage.objects.filter(kind=OutboundMessage.Kind.OWNER_ALERT)
    assert list(alerts.values_list("to", flat=True)) == ["alice@example.com"]

    client.force_login(boss)
    page = client.get("/in/").content.decode()
    cards = {
        int(part.split('"')[0]): part
        for part in page.split("</section>")[0].split('class="card capture-form" data-form="')[1:]
    }
    jo_card, alice_card = cards[jos.pk], cards[alices.pk]
    assert WARNING in jo_card and "jo has no email address" in jo_card
    assert WARNING not in alice_card
    assert WARNING not in client.get("/settings/").content.decode()  # boss has an address

    client.force_login(jo)
    settings_page = client.get("/settings/").content.decode()
    assert WARNING in settings_page and "You have no email address" in settings_page
    assert "you have no email address" in client.get("/in/").content.decode()
