"""Drafts on Today are batch-loaded per page (facts.PageFacts): they must say exactly what
the one-lead-at-a-time drafts say, and cost a fixed number of queries however many rows."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, StatusChange
from fairchase.outreach import outbox, tokens
from fairchase.outreach.drafts import draft_for
from fairchase.outreach.facts import LIVE, PageFacts
from fairchase.outreach.models import MessageTemplate


def _plan(lead, **fields):
    """Write plan fields directly (as the decision core would)."""
    fields.setdefault("next_action", "contact")
    fields.setdefault("next_due", timezone.now() - timedelta(minutes=1))
    Lead.objects.filter(pk=lead.pk).update(**fields)


TOKEN = re.compile(r"/o/unsubscribe/([^\s/]+)")


def _payload(match):
    # Signed tokens carry a timestamp, so two renders a second apart differ in the
    # signature only: compare what the token says, after checking it is genuine.
    data = signing.loads(match.group(1), salt=tokens.SALT)
    return f"/o/unsubscribe/<lead {data['l']} {data['c']} {data['a']}>"


def _said(draft):
    if draft is None:
        return None
    rendered = draft.rendered
    if rendered is not None:
        rendered = replace(rendered, body=TOKEN.sub(_payload, rendered.body))
    return draft.template.pk, draft.why, rendered, draft.error


def test_page_facts_draft_exactly_what_per_lead_queries_draft(
    alice, make_lead, settings, monkeypatch
):
    # The phone region and currency are read at most once a second (`leads.home`): on a
    # loaded machine the counted block outlasts that second, and a re-read is not per lead.
    monkeypatch.setattr("fairchase.leads.home._FRESH_FOR", 3600.0)
    # texts set up, so the lead the plan texts is drafted a text (nothing is sent here)
    settings.SMS_API_URL, settings.SMS_ACCOUNT_SID = "http://127.0.0.1:9/2010-04-01", "AC1"
    settings.SMS_AUTH_TOKEN, settings.SMS_FROM = "token", "+15005550006"
    now = timezone.now()
    voicemail = make_lead(alice)
    actions.log_attempt(voicemail, "call", "left_message", user=alice)
    recap = make_lead(alice, timezone="Europe/Paris")
    actions.log_attempt(recap, "call", "talked", user=alice)
    actions.add_commitment(recap, by="us", what="Send the quote", due_at=now + timedelta(days=1))
    followup = make_lead(alice)
    _plan(followup, next_channel="email", attempt_count=1)
    enquiry = make_lead(alice)
    _plan(enquiry, next_channel="email", attempt_count=0)
    text = make_lead(alice)
    _plan(text, next_channel="text", attempt_count=2)
    woken = make_lead(alice, created_at=now - timedelta(days=31))
    actions.log_attempt(woken, "call", "no_answer", user=alice, at=now - timedelta(days=30))
    StatusChange.objects.create(
        lead=woken,
        old="revisit",
        new="open",
        reason="Revisit date reached",
        at=now - timedelta(days=1),
    )
    _plan(woken, next_channel="email", attempt_count=1)
    tried = make_lead(alice, created_at=now - timedelta(days=4))
    StatusChange.objects.create(
        lead=tried,
        old="revisit",
        new="open",
        reason="Revisit date reached",
        at=now - timedelta(days=3),
    )
    actions.log_attempt(tried, "call", "no_answer", user=alice, at=now - timedelta(days=2))
    _plan(tried, next_channel="email", attempt_count=1)
    breakup = make_lead(alice)
    _plan(breakup, next_action="stop", next_state="closed", attempt_count=3)
    nurture = make_lead(alice)
    _plan(nurture, next_action="stop", next_state="nurture", attempt_count=3)
    goodbye = make_lead(alice)
    _plan(goodbye, next_action="stop", next_state="closed", attempt_count=3)
    sent = outbox.queue_template(
        Lead.objects.get(pk=goodbye.pk),
        MessageTemplate.objects.get(purpose="breakup", channel="email"),
    )
    pending = make_lead(alice)
    _plan(pending, next_action="stop", next_state="closed", attempt_count=3)
    queued = outbox.queue_template(
        Lead.objects.get(pk=pending.pk),
        MessageTemplate.objects.get(purpose="breakup", channel="email"),
    )
    sent.state = "sent"
    sent.save()

    leads = list(Lead.objects.filter(owner=alice).select_related("owner").order_by("pk"))
    facts = PageFacts(leads)
    live = {lead.pk: _said(draft_for(lead)) for lead in leads}
    with CaptureQueriesContext(connection) as ctx:
        page = {lead.pk: _said(draft_for(lead, facts)) for lead in leads}
        pendings = {lead.pk: facts.pending_message(lead) for lead in leads}
    assert page == live
    assert pendings == {lead.pk: LIVE.pending_message(lead) for lead in leads}
    assert pendings[pending.pk] == queued
    assert (
        len(ctx.captured_queries) <= 10
    )  # one per kind of question (suppressions too), not per lead
    purposes = {MessageTemplate.objects.get(pk=said[0]).purpose for said in live.values() if said}
    assert {
        "voicemail",
        "recap",
        "follow_up",
        "first_response",
        "revisit",
        "breakup",
        "mailing_list",
    } <= purposes
    assert MessageTemplate.objects.get(pk=live[text.pk][0]).channel == "text"
    assert live[goodbye.pk] is None  # already said goodbye
    assert (
        MessageTemplate.objects.get(pk=live[tried.pk][0]).purpose == "follow_up"
    )  # tried since waking


def _today_queries(client, url="/") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).content.decode()
    return len(ctx.captured_queries), html


def test_drafts_on_today_cost_the_same_queries_for_two_rows_or_twelve(alice, make_lead):
    def let_go():
        _plan(make_lead(alice), next_action="stop", next_state="closed", attempt_count=3)

    for _ in range(2):
        let_go()
    client = Client()
    client.force_login(alice)
    client.get("/")  # warm the session and settings rows
    # The leads to let go load as their section comes into view, from their own URL.
    few, html = _today_queries(client, "/today/let-go/rows/")
    assert html.count('data-purpose="breakup"') == 2
    for _ in range(10):
        let_go()
    many, html = _today_queries(client, "/today/let-go/rows/")
    assert html.count('data-purpose="breakup"') == 12
    assert many == few
