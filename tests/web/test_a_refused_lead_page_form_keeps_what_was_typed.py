"""A lead-page form the server refuses comes back as it was typed, its error beside the
field and the line at the top in the label's words ("When", "Revisit on", "Minutes").

Before, each refusal redirected to a blank form with a flash naming field codes ("Not
pinned: due_at: Pick a time in the future."), and what was typed was lost."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

from fairchase.leads.models import Status

QUOTE = "Send the revised quote with the skylight option and the 10% discount"


def _said(r) -> str:
    return " ".join(str(m) for m in get_messages(r.wsgi_request))


def _section(html: str, section_id: str) -> str:
    return html.split(f'id="{section_id}"')[1].split("</section>")[0]


def test_a_pin_in_the_past_is_shown_again_with_what_was_typed(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    past = (timezone.localtime() - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(
        f"/leads/{lead.pk}/commitments/",
        {"by": "us", "what": QUOTE, "channel": "email", "due_at": past},
    )
    assert r.status_code == 200
    form = _section(r.content.decode(), "commitments")
    assert f'value="{QUOTE}"' in form.replace("&#x27;", "'")
    assert f'value="{past}"' in form
    assert "Pick a time in the future." in form and "errorlist" in form
    said = _said(r)
    assert said.startswith("Not pinned: When (") and "Pick a time in the future." in said, said
    assert "due_at" not in said
    assert not lead.commitments.exists()


def test_an_attempt_with_negative_minutes_keeps_its_notes(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    body = {"channel": "call", "outcome": "talked", "minutes": "-5", "notes": "Wants a callback"}
    r = client.post(f"/leads/{lead.pk}/log/", body)
    assert r.status_code == 200
    form = _section(r.content.decode(), "log-attempt")
    assert "Wants a callback</textarea>" in form and 'value="-5"' in form
    assert "greater than or equal to 0" in form
    said = _said(r)
    assert said == "Not logged: Minutes: Ensure this value is greater than or equal to 0.", said
    assert not lead.attempts.exists()


def test_a_stop_without_its_revisit_date_keeps_the_reason_and_stays_open(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    body = {"next_state": "revisit", "revisit_at": "", "reason": "Building starts in spring"}
    r = client.post(f"/leads/{lead.pk}/stop/", body)
    assert r.status_code == 200
    html = r.content.decode()
    details = re.search(r"<details[^>]*><summary>Stop chasing</summary>.*?</details>", html, re.S)
    assert details is not None and details.group(0).startswith("<details open>")
    assert 'value="Building starts in spring"' in details.group(0)
    assert "A revisit needs a date." in details.group(0)
    assert _said(r) == "Not stopped: Revisit on: A revisit needs a date."
    lead.refresh_from_db()
    assert lead.status == Status.OPEN


def test_a_refusal_by_the_action_is_shown_on_the_form_too(client, alice, make_lead):
    """The form was fine, the action said no (a try logged on a lead already won)."""
    lead = make_lead(alice)
    client.force_login(alice)
    r = client.post(f"/leads/{lead.pk}/won/", {"value": "100"}, follow=True)
    assert "won." in r.content.decode()
    r = client.post(
        f"/leads/{lead.pk}/log/", {"channel": "call", "outcome": "talked", "notes": "Said thanks"}
    )
    assert r.status_code == 200
    form = _section(r.content.decode(), "log-attempt")
    assert "Said thanks</textarea>" in form and "reopen the lead first" in form
    assert _said(r) == f"Not logged: {lead.name} is won: reopen the lead first."
    r = client.post(f"/leads/{lead.pk}/lost/", {"reason": "x" * 201})
    assert r.status_code == 200 and "at most 200 characters" in r.content.decode()
    lead.refresh_from_db()
    assert lead.status == Status.WON
