"""A person's Send, repeated (a double POST, a retried request), queues one message: the
same words to the same lead while a copy waits in the Outbox, or within ten minutes of one
going out, are refused with a message saying so, never a 500 and never a second email.
The race test posts from three processes at once (a temp SQLite file, or PostgreSQL when
DATABASE_URL is set, where a trigger slows each outbox insert so the requests overlap: it
fails there without the lead's row lock)."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.outreach.models import MessageTemplate, OutboundMessage
from fairchase.outreach.repeats import REPEAT_WINDOW

from .conftest import PYTHON, ROOT
from .test_sending import _hours_away_from_now

State = OutboundMessage.State


def _first_response():
    return MessageTemplate.objects.get(purpose="first_response", channel="email")


def test_three_sends_outside_contact_hours_hold_one_message_and_confirming_it_sends_one(
    client, alice, make_lead, smtp_server, django_capture_on_commit_callbacks
):
    _hours_away_from_now()
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    client.force_login(alice)
    pages = []
    for pause in (0, 0, 1.1):
        time.sleep(pause)  # the opt-out link's signed token differs a second later
        page = client.post(
            f"/o/leads/{lead.pk}/send/", {"template": _first_response().pk}, follow=True
        )
        pages.append(page)
    [msg] = OutboundMessage.objects.filter(lead=lead)
    assert msg.state == State.QUEUED and msg.held
    assert "confirm it in the Outbox" in pages[0].content.decode()
    for page in pages[1:]:
        assert page.status_code == 200
        assert (
            "Not sent again: the same message to ann@example.com is already waiting in the Outbox"
            in page.content.decode()
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "override"})
    page = client.post(f"/o/leads/{lead.pk}/send/", {"template": _first_response().pk}, follow=True)
    assert "Not sent again: the same message went to ann@example.com" in page.content.decode()
    assert [r.to for r in smtp_server.received] == [["ann@example.com"]]
    assert OutboundMessage.objects.filter(lead=lead).count() == 1


def test_a_send_repeated_within_ten_minutes_is_refused_and_goes_again_after(
    client, alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    client.force_login(alice)
    send = {"template": _first_response().pk}
    client.post(f"/o/leads/{lead.pk}/send/", send)
    htmx = client.post(f"/o/leads/{lead.pk}/send/", send, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200
    assert "Not sent again: the same message went to ann@example.com" in htmx.content.decode()
    assert len(smtp_server.received) == 1
    # Ten minutes on, the same words are a message of their own again.
    OutboundMessage.objects.update(sent_at=timezone.now() - REPEAT_WINDOW - timedelta(seconds=1))
    client.post(f"/o/leads/{lead.pk}/send/", send)
    assert len(smtp_server.received) == 2


def test_compose_refuses_the_same_words_twice_but_sends_an_edited_message(
    client, alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    client.force_login(alice)
    note = {"channel": "email", "subject": "Quick note", "body": "Hi {{first_name}}, a note."}
    client.post(f"/o/leads/{lead.pk}/compose/", note)
    page = client.post(f"/o/leads/{lead.pk}/compose/", note, follow=True)
    assert "Not sent again" in page.content.decode()
    client.post(f"/o/leads/{lead.pk}/compose/", {**note, "body": "Hi {{first_name}}, a PS."})
    bodies = [r.message.get_body().get_content() for r in smtp_server.received]
    assert [b.splitlines()[0] for b in bodies] == ["Hi Ann, a note.", "Hi Ann, a PS."]


def test_a_cancelled_copy_does_not_block_sending_the_message(
    client, alice, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Ann Adams", email="ann@example.com")
    _hours_away_from_now()
    client.force_login(alice)
    send = {"template": _first_response().pk}
    client.post(f"/o/leads/{lead.pk}/send/", send)
    msg = OutboundMessage.objects.get(lead=lead)
    client.post(f"/o/outbox/{msg.pk}/settle/", {"decision": "cancel"})
    client.post(f"/o/leads/{lead.pk}/send/", send)
    assert list(OutboundMessage.objects.filter(lead=lead).values_list("state", flat=True)) == [
        State.QUEUED,
        State.CANCELLED,
    ]


@pytest.mark.servers
def test_three_sends_posted_at_once_from_three_processes_send_one_email(worker_db, smtp_server):
    seeded = json.loads(worker_db.script("seed_send"))
    start = f"{time.time() + 3:.3f}"
    args = [str(seeded["lead"]), str(seeded["template"])]
    procs = [
        subprocess.Popen(
            [PYTHON, "-m", "tests.outreach.procs", "post_send", start, *args],
            env={**worker_db.env, **smtp_server.env()},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    said = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-3000:]
        said.append(json.loads(out))
    assert [s["status"] for s in said] == [302, 302, 302]
    rows = json.loads(worker_db.script("states"))
    assert [r["state"] for r in rows] == ["sent"]
    assert len(smtp_server.received) == 1
    refused = [s for s in said if any("Not sent again" in m for m in s["messages"])]
    assert len(refused) == 2, said
