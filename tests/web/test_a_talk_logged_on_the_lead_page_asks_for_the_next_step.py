"""A conversation logged on the lead page (its "Talked" or "Replied" button, or the full Log an
attempt form) asks for the next step at once, as Today does under its card: "Pin the next
step with ..." right under the buttons, with Today's form. Before, only a banner said it was
logged, and the Next step form waited far down the page with "No next step pinned"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fairchase.leads.models import Commitment

ASK = "Pin the next step with Bob Ito"


def _talk(client, lead, outcome="talked"):
    return client.post(
        f"/leads/{lead.pk}/outcome/", {"outcome": outcome, "channel": "call", "next": "lead"}
    )


def test_talked_on_the_lead_page_asks_for_the_next_step_under_the_buttons(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    r = _talk(client, lead)
    assert r.status_code == 302 and r.url == f"/leads/{lead.pk}/?pin=1"
    html = client.get(r.url).content.decode()
    assert "Talked with Bob Ito (call): logged." in html
    assert ASK in html and f'id="id_pin{lead.pk}_what"' in html
    # at the top, under the outcome buttons: before the details and the Next step card
    assert html.index('id="quick-outcomes"') < html.index(ASK) < html.index('id="details"')
    assert 'name="next" value="pin"' in html


def test_no_answer_asks_for_nothing(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    r = _talk(client, lead, "no_answer")
    assert r.url == f"/leads/{lead.pk}/"
    assert ASK not in client.get(r.url).content.decode()


def test_a_talk_logged_with_the_full_form_asks_too(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    r = client.post(
        f"/leads/{lead.pk}/log/",
        {"channel": "call", "outcome": "talked", "minutes": "", "progress": "yes", "notes": ""},
    )
    assert r.url == f"/leads/{lead.pk}/?pin=1"
    assert ASK in client.get(r.url).content.decode()


def test_the_asked_form_pins_and_a_refused_one_shows_again_where_it_was(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    _talk(client, lead)
    step = {"next": "pin", "by": "us", "what": "Send the quote", "channel": ""}
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(f"/leads/{lead.pk}/commitments/", {**step, "due_at": past})
    html = r.content.decode()
    assert r.status_code == 200 and "Pick a time in the future." in html
    assert html.index(ASK) < html.rindex("Pick a time in the future.") < html.index('id="details"')
    soon = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(f"/leads/{lead.pk}/commitments/", {**step, "due_at": soon})
    assert r.url == f"/leads/{lead.pk}/"
    assert Commitment.objects.get(lead=lead).what == "Send the quote"
    assert ASK not in client.get(r.url).content.decode()
