"""An opted-out lead is not chased, and the screens say so truly: no "reopen the lead first"
(reopening refuses them, and they said no), no attempt form on their page, the day they
opted out; what the app lets a person do with them (edit their notes) still works."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fairchase import clock
from fairchase.leads import actions
from fairchase.leads.models import Lead


def _said_no(alice, make_lead):
    lead = make_lead(alice, name="Olga Out", email="olga@example.com")
    actions.opt_out(lead, user=alice)
    day = timezone.now().astimezone(clock.business_zone())
    return lead, f"Olga Out opted out on {day.day} {day:%b %Y}: Fairchase does not chase them"


def test_the_page_says_why_instead_of_offering_an_attempt(client, alice, make_lead):
    lead, sentence = _said_no(alice, make_lead)
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert sentence in page
    assert f'action="/leads/{lead.pk}/log/"' not in page and "Log it</button>" not in page
    posted = client.post(
        f"/leads/{lead.pk}/log/",
        {"channel": "call", "outcome": "no_answer", "minutes": "5"},
        follow=True,
    ).content.decode()
    assert sentence in posted and "reopen the lead first" not in posted
    assert Lead.objects.get(pk=lead.pk).attempt_count == 0
    # an active lead's page still offers the form
    other = make_lead(alice)
    assert "Log it</button>" in client.get(f"/leads/{other.pk}/").content.decode()


def test_the_terminal_says_the_same(alice, make_lead):
    lead, sentence = _said_no(alice, make_lead)
    with pytest.raises(CommandError) as said:
        call_command("log", str(lead.pk), "--call", "--no-answer")
    assert sentence in str(said.value) and "reopen" not in str(said.value)


def test_their_notes_can_still_be_edited(client, alice, make_lead):
    lead, _ = _said_no(alice, make_lead)
    client.force_login(alice)
    client.post(
        f"/leads/{lead.pk}/edit/",
        {"name": "Olga Out", "email": "olga@example.com", "source": "referral", "notes": "Said no"},
    )
    assert Lead.objects.get(pk=lead.pk).notes == "Said no"
