"""After a click on Today the page tells one truth: the card's confirmation and what it
offers agree, the section counts and the minutes line are the agenda's as it now stands,
the pin form says which zone its time is in, and a refused pin keeps the click's Undo."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.agenda import end_of_local_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def chicago(db):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )


def _click(client, lead, outcome: str, channel: str = "", row: str = "new") -> str:
    return client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": outcome, "channel": channel, "row": row},
        HTTP_HX_REQUEST="true",
    ).content.decode()


def _oob(html: str, element_id: str) -> str:
    m = re.search(rf'id="{element_id}" hx-swap-oob="true">([^<]*)<', html)
    assert m, f"no out-of-band #{element_id}"
    return m.group(1).strip()


def _on_page(html: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}"[^>]*>([^<]*)<', html).group(1).strip()


def test_after_no_answer_the_card_offers_no_message_the_plan_has_for_another_day(
    client, alice, make_lead, chicago
):
    lead = make_lead(alice, name="Mail Only", phone="", email="mail.only@example.com")
    client.force_login(alice)
    card = _click(client, lead, "sent", "email")
    lead = Lead.objects.get(pk=lead.pk)
    later = lead.next_due > end_of_local_day(timezone.now(), "America/Chicago")
    assert lead.next_action == "contact" and lead.next_channel == "email" and later
    assert "Next: email " in card
    assert "write now" not in card and "Send email" not in card


def test_after_left_message_the_voicemail_email_is_still_offered(client, alice, make_lead, chicago):
    lead = make_lead(alice, name="Voice Mail")
    client.force_login(alice)
    card = _click(client, lead, "left_message", "call")
    assert "voicemail" in card.lower()


def test_a_click_updates_the_section_counts_and_the_minutes_line(client, alice, make_lead):
    first = make_lead(alice, name="First Enquiry")
    make_lead(alice, name="Second Enquiry")
    client.force_login(alice)
    before = client.get("/").content.decode()
    assert _on_page(before, "count-new") == "2"
    card = _click(client, first, "no_answer", "call")
    after = client.get("/").content.decode()
    assert _oob(card, "count-new") == _on_page(after, "count-new") == "1"
    assert _oob(card, "minutes") == _on_page(after, "minutes") != _on_page(before, "minutes")
    for section in ("count-commitments", "count-followups", "count-let-go"):
        assert _oob(card, section) == _on_page(after, section)
    token = re.search(r'name="token" value="([^"]+)"', card).group(1)
    undone = client.post(
        f"/leads/{first.pk}/undo/", {"token": token}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert _oob(undone, "count-new") == "2"
    assert _oob(undone, "minutes") == _on_page(before, "minutes")


def test_the_pin_forms_time_names_the_screens_zone(client, alice, make_lead, chicago):
    lead = make_lead(alice, name="Talker")
    client.force_login(alice)
    card = _click(client, lead, "talked", "call")
    assert re.search(r"When \(Chicago time, C[SD]T\)", card)


def test_a_refused_pin_keeps_the_undo_of_the_talk_just_logged(client, alice, make_lead, chicago):
    lead = make_lead(alice, name="Past Date")
    client.force_login(alice)
    card = _click(client, lead, "talked", "call")
    undo = re.search(r'name="undo" value="([^"]+)"', card).group(1)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(
        f"/leads/{lead.pk}/commitments/",
        {"by": "us", "what": "send the quote", "due_at": past, "next": "today", "undo": undo},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Pick a time in the future." in refused
    token = re.search(r'name="token" value="([^"]+)"', refused).group(1)
    assert re.search(r'name="undo" value="([^"]+)"', refused).group(1) == token
    client.post(f"/leads/{lead.pk}/undo/", {"token": token}, HTTP_HX_REQUEST="true")
    assert Lead.objects.get(pk=lead.pk).attempt_count == 0
    forged = client.post(
        f"/leads/{lead.pk}/commitments/",
        {"by": "us", "what": "x", "due_at": past, "next": "today", "undo": "not-a-token"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'name="token"' not in forged


def test_the_pin_form_offers_the_time_the_confirmation_names(client, alice, make_lead, chicago):
    """eval31 #12: "Next: call Mon 14 Dec 08:00" above a pin form filled with Wed 9 Dec 10:00."""
    lead = make_lead(alice, name="Two Dates")
    client.force_login(alice)
    card = _click(client, lead, "talked", "call")
    lead = Lead.objects.get(pk=lead.pk)
    due = timezone.localtime(lead.next_due, ZoneInfo("America/Chicago"))
    assert "Next: call " in card
    assert f'name="due_at" value="{due:%Y-%m-%dT%H:%M}"' in card
