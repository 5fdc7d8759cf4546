"""A lead-page form sent twice (a second tap on a slow phone link, a browser's retry) acts
once (eval34): each plain form carries a one-time key (`web/once.py`), the first POST with it
acts, the same key again does nothing and answers as the first did, with "Already done".
Before, three taps on "No answer" logged three attempts (the plan's stop came nearer, the
day's minutes went), three taps on "Pin next step" pinned three, and a second "Add lead"
said "already your lead: not added" as if it had failed."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from fairchase.leads.models import Attempt, Commitment, Lead
from fairchase.web.once import ALREADY


def _key(html: str, action: str) -> str:
    """The one-time key of the page's form that posts to `action`."""
    form = re.search(rf'<form [^>]*action="{re.escape(action)}".*?</form>', html, re.S)
    assert form, html[:2000]
    found = re.search(r'name="once" value="([0-9a-f]{32})"', form.group(0))
    assert found, form.group(0)
    return found.group(1)


def _twice(client, url: str, data: dict):
    return client.post(url, data), client.post(url, data)


def _said(client, response) -> str:
    return client.get(response.url).content.decode()


def test_no_answer_tapped_twice_on_the_lead_page_logs_one_attempt(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    url = f"/leads/{lead.pk}/outcome/"
    key = _key(client.get(f"/leads/{lead.pk}/").content.decode(), url)
    sent = {"outcome": "no_answer", "channel": "call", "next": "lead", "once": key}
    first, again = _twice(client, url, sent)
    assert Attempt.objects.filter(lead=lead).count() == 1
    assert first.status_code == again.status_code == 302 and again.url == first.url
    html = _said(client, again)
    assert ALREADY in html and "No answer from Bob Ito (call): logged." in html
    # a new key (the page shown again) is a second call, logged
    sent["once"] = _key(html, url)
    client.post(url, sent)
    assert Attempt.objects.filter(lead=lead).count() == 2


def test_the_log_form_sent_twice_logs_one_attempt(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    url = f"/leads/{lead.pk}/log/"
    key = _key(client.get(f"/leads/{lead.pk}/").content.decode(), url)
    sent = {"channel": "call", "outcome": "no_answer", "minutes": "", "notes": "", "once": key}
    first, again = _twice(client, url, sent)
    assert Attempt.objects.filter(lead=lead).count() == 1
    assert again.status_code == 302 and again.url == first.url
    assert ALREADY in _said(client, again)


def test_a_next_step_pinned_twice_is_one_commitment(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    url = f"/leads/{lead.pk}/commitments/"
    key = _key(client.get(f"/leads/{lead.pk}/").content.decode(), url)
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    sent = {"by": "lead", "what": "She'll call back Friday", "due_at": due, "once": key}
    first, again = _twice(client, url, sent)
    assert Commitment.objects.filter(lead=lead).count() == 1
    assert again.status_code == 302 and again.url == first.url
    html = _said(client, again)
    assert ALREADY in html and "Pinned for Bob Ito: She&#x27;ll call back Friday." in html


def test_a_refused_form_keeps_no_key_so_its_corrected_resend_acts(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Ito")
    client.force_login(alice)
    url = f"/leads/{lead.pk}/commitments/"
    key = _key(client.get(f"/leads/{lead.pk}/").content.decode(), url)
    sent = {"by": "lead", "what": "", "due_at": "", "once": key}
    assert client.post(url, sent).status_code == 200  # shown again with its errors
    tomorrow = timezone.localtime() + timedelta(days=1)
    sent |= {"what": "Call back", "due_at": tomorrow.strftime("%Y-%m-%dT%H:%M")}
    assert client.post(url, sent).status_code == 302
    assert Commitment.objects.filter(lead=lead).count() == 1


def test_add_lead_sent_twice_lands_on_the_one_lead(client, alice):
    client.force_login(alice)
    (key,) = re.findall(r'name="once" value="(\w+)"', client.get("/leads/new/").content.decode())
    sent = {"name": "Quinn Tapper", "phone": "312 555 0142", "source": "referral", "once": key}
    first, again = _twice(client, "/leads/new/", sent)
    (lead,) = Lead.objects.filter(name="Quinn Tapper")
    assert first.status_code == again.status_code == 302
    assert again.url == first.url == f"/leads/{lead.pk}/"
    html = _said(client, again)
    assert ALREADY in html and "already your lead" not in html


def test_the_same_key_of_another_person_is_theirs(client, alice, bob, make_lead):
    """A key is claimed per person: Bob's form never answers with Alice's page."""
    lead = make_lead(alice, name="Bob Ito")
    theirs = make_lead(bob, name="Cy Ode")
    sent = {"outcome": "no_answer", "channel": "call", "next": "lead", "once": "a" * 32}
    client.force_login(alice)
    client.post(f"/leads/{lead.pk}/outcome/", sent)
    client.force_login(bob)
    client.post(f"/leads/{theirs.pk}/outcome/", sent)
    assert Attempt.objects.filter(lead__in=[lead, theirs]).count() == 2
