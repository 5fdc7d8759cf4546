"""A Compose page, or a draft's one-click Send, drawn while the lead was Alice's carries her
words (signed Alice, her phone). Posted after the lead went to Bob it would go From Bob,
signed by Alice: nothing is queued, the page says the lead is Bob's now, and what the person
typed is shown back so it is not lost. The lead back with Alice, or never moved, it goes."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.outreach.models import MessageTemplate, OutboundMessage

WHY = "This lead now belongs to Bob since you opened this page: write it again."


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _drawn_owner(html: str) -> str:
    """The owner the page's form carries (a hidden field)."""
    return re.search(r'name="owner" value="(\d+)"', html).group(1)


def test_compose_posted_after_a_reassignment_queues_nothing_and_keeps_the_text(
    alice, bob, boss, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Ann Adams")
    client = _client(boss)
    owner = _drawn_owner(client.get(f"/o/leads/{lead.pk}/compose/").content.decode())
    actions.reassign(Lead.objects.get(pk=lead.pk), bob, user=boss)
    typed = "Here is your quote: $2,400.\n\nBest regards,\nAlice\n"
    written = {"channel": "email", "subject": "Your quote", "body": typed, "owner": owner}
    r = client.post(f"/o/leads/{lead.pk}/compose/", written)
    html = r.content.decode()
    assert r.status_code == 200 and WHY in html
    assert "Here is your quote: $2,400." in html  # shown back, not lost
    assert not OutboundMessage.objects.filter(lead=lead).exists()
    assert smtp_server.received == []
    # the page shown back now carries Bob: what the person sends after reading it goes
    assert _drawn_owner(html) == str(bob.pk)
    client.post(f"/o/leads/{lead.pk}/compose/", {**written, "owner": bob.pk})
    assert OutboundMessage.objects.filter(lead=lead).count() == 1


def test_compose_posted_by_the_same_owner_goes(alice, make_lead, smtp_server, open_all_day):
    lead = make_lead(alice, name="Ann Adams")
    client = _client(alice)
    owner = _drawn_owner(client.get(f"/o/leads/{lead.pk}/compose/").content.decode())
    assert owner == str(alice.pk)
    written = {"channel": "email", "subject": "Your quote", "body": "Hi.\n", "owner": owner}
    client.post(f"/o/leads/{lead.pk}/compose/", written)
    assert len(smtp_server.received) == 1


def test_a_drafts_send_clicked_after_a_reassignment_queues_nothing(
    alice, bob, boss, make_lead, smtp_server, open_all_day
):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "no_answer")
    Lead.objects.filter(pk=lead.pk).update(  # the plan: a follow-up email, now
        next_action="contact", next_channel="email", next_due=timezone.now()
    )
    client = _client(boss)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    draft = page[page.index('class="draft card"') :]
    owner = _drawn_owner(draft)
    template = re.search(r'name="template" value="(\d+)"', draft).group(1)
    assert owner == str(alice.pk) and MessageTemplate.objects.filter(pk=template).exists()
    actions.reassign(Lead.objects.get(pk=lead.pk), bob, user=boss)
    sent = {"template": template, "owner": owner, "next": "lead"}
    r = client.post(f"/o/leads/{lead.pk}/send/", sent, follow=True)
    assert f"Nothing sent: {WHY}" in r.content.decode()
    assert not OutboundMessage.objects.filter(lead=lead).exists()
    assert smtp_server.received == []
    # the lead back with Alice: her draft is hers again, and goes
    actions.reassign(Lead.objects.get(pk=lead.pk), alice, user=boss)
    client.post(f"/o/leads/{lead.pk}/send/", sent)
    assert len(smtp_server.received) == 1
