"""A person's name or the business's name with a line break (the admin takes one) prints on
one line in every email and the calendar feed: it made a fake 'Bcc: ...' line in each
email's From and signature, and the person's calendar feed answered 500 for good, so her
subscription silently stopped (eval27 findings 6 and 9). Settings refuses one in the
business name, as Add lead does in a lead's name. Real SMTP server."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from fairchase.intake.calendar import calendar_secret
from fairchase.leads.models import BusinessSettings, Lead, Profile
from fairchase.outreach import outbox
from fairchase.outreach.models import MessageTemplate

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]
BROKEN = "Maria\r\nBcc: evil@attacker.example"


def test_the_feed_of_a_person_so_named_is_still_served(alice):
    alice.first_name = BROKEN
    alice.save()
    secret = calendar_secret(Profile.objects.get(user=alice))
    got = Client().get(f"/in/calendar/{secret}.ics")
    assert got.status_code == 200
    assert b"X-WR-CALNAME:Fairchase: Maria Bcc: evil@attacker.example" in got.content


def test_an_email_from_them_has_one_from_and_a_one_line_signature(alice, make_lead, smtp_server):
    alice.first_name, alice.last_name = BROKEN, ""
    alice.save()
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        business_name="Acme\r\nBcc: evil@attacker.example"
    )
    Profile.objects.update_or_create(user=alice, defaults={"phone": "+13125550100"})
    lead = Lead.objects.get(pk=make_lead(alice, email="ann@example.com").pk)
    template = MessageTemplate.objects.filter(
        channel="email", body__contains="{{owner_name}}", body__icontains="business_name"
    ).first()
    with transaction.atomic():
        msg = outbox.queue_template(lead, template, user=alice)
    assert outbox.send_now(msg) == "sent"
    (got,) = smtp_server.received
    assert got.message["From"].startswith('"Maria Bcc: evil@attacker.example"')
    body = got.message.get_body().get_content()
    assert "Maria Bcc: evil@attacker.example" in body and "Acme Bcc:" in body
    assert "\nBcc:" not in body


def test_settings_refuses_a_business_name_on_two_lines(boss):
    from fairchase.web.settings_forms import BusinessSettingsForm

    client = Client()
    client.force_login(boss)
    form = BusinessSettingsForm(instance=BusinessSettings.current())
    shown = {name: form[name].value() for name in form.fields}
    as_posted = {
        k: v if isinstance(v, list) else "" if v is None else str(v) for k, v in shown.items()
    }
    posted = {"form": "business", **as_posted}  # a list: the ticked contact days
    page = client.post("/settings/", {**posted, "business_name": "Acme\r\nBcc: x@evil.test"})
    assert "Write this on one line" in page.content.decode()
    assert BusinessSettings.current().business_name == ""
    client.post("/settings/", {**posted, "business_name": "Acme Windows"})
    assert BusinessSettings.current().business_name == "Acme Windows"
