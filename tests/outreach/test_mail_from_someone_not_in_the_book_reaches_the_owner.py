"""An email from someone not in the book (read as `unmatched`) is listed for the owner in
the Outbox, with "Add as a lead" (a new enquiry by email, answered like a web form's) and
"Dismiss"; a salesperson sees none of it (the sender is nobody's lead)."""

from __future__ import annotations

from email.utils import format_datetime

import pytest
from django.utils import timezone

from fairchase.leads.models import Lead, StatusChange
from fairchase.outreach import mailbox
from fairchase.outreach.models import InboundMessage

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

ASKED = "Hi, do you do flat roofs? Call me on 312 555 0111."


def _a_stranger_writes(imap_server) -> InboundMessage:
    imap_server.append(
        imap_server.folder,
        "From: Random Person <random.person@example.net>\nTo: sales@fairchase.test\n"
        f"Subject: Flat roof\nDate: {format_datetime(timezone.now())}\n"
        "Message-ID: <stranger1@example.net>\nContent-Type: text/plain; charset=utf-8\n\n"
        f"{ASKED}\n",
    )
    mailbox.poll_mailbox()
    return InboundMessage.objects.get(kind=InboundMessage.Kind.UNMATCHED)


def test_the_owner_sees_it_and_a_salesperson_does_not(client, boss, alice, imap_server):
    _a_stranger_writes(imap_server)
    client.force_login(boss)
    page = client.get("/o/outbox/").content.decode()
    assert "random.person@example.net" in page and "flat roofs" in page
    assert "Add as a lead" in page and "Dismiss" in page
    client.force_login(alice)
    assert "random.person@example.net" not in client.get("/o/outbox/").content.decode()


def test_add_as_a_lead_makes_a_new_enquiry_to_answer_now(client, boss, alice, imap_server):
    item = _a_stranger_writes(imap_server)
    client.force_login(alice)  # a salesperson cannot take it
    assert client.post(f"/o/unmatched/{item.pk}/add/", {"owner": alice.pk}).status_code == 404
    client.force_login(boss)
    client.post(
        f"/o/unmatched/{item.pk}/add/",
        {"owner": alice.pk, "name": "Randy Person", "source": "web_form"},
    )
    lead = Lead.objects.get(email="random.person@example.net")
    assert (lead.owner, lead.name) == (alice, "Randy Person")
    assert lead.is_new_enquiry and lead.next_action == "contact" and ASKED in lead.notes
    assert StatusChange.objects.filter(lead=lead, reason__contains="added as a lead").exists()
    item.refresh_from_db()
    assert item.lead == lead and "Added as a lead" in item.effect
    assert f'id="unmatched-{item.pk}"' not in client.get("/o/outbox/").content.decode()


def test_dismiss_takes_it_off_the_list_and_keeps_it(client, boss, imap_server):
    item = _a_stranger_writes(imap_server)
    client.force_login(boss)
    client.post(f"/o/unmatched/{item.pk}/dismiss/")
    assert f'id="unmatched-{item.pk}"' not in client.get("/o/outbox/").content.decode()
    item.refresh_from_db()
    assert item.effect.startswith("Dismissed by") and not Lead.objects.exists()
    # handled once: a second click (an old page) changes nothing
    assert client.post(f"/o/unmatched/{item.pk}/add/", {"owner": boss.pk}).status_code == 404


def _strangers(n: int, first: int = 0) -> list[InboundMessage]:
    return [
        InboundMessage.objects.create(
            key=f"k{i}",
            channel="email",
            sender=f"news{i}@list.example",
            subject="Our news",
            received_at=timezone.now(),
            kind=InboundMessage.Kind.UNMATCHED,
        )
        for i in range(first, first + n)
    ]


def test_dismiss_all_says_the_total_and_dismisses_what_the_page_showed(client, boss, alice):
    """3,000 old newsletters are one click, not 3,000; mail read after the page opened stays."""
    from fairchase.outreach.views import unmatched

    shown = _strangers(unmatched.LIMIT + 2)
    client.force_login(boss)
    page = client.get("/o/outbox/").content.decode()
    assert f"Emails from people not in your book ({unmatched.LIMIT + 2})" in page
    assert f"Dismiss all {unmatched.LIMIT + 2}" in page
    up_to = max(m.pk for m in shown)
    [later] = _strangers(1, first=999)  # arrived after the page was opened
    client.force_login(alice)  # a salesperson cannot
    assert client.post("/o/unmatched/dismiss-all/", {"up_to": up_to}).status_code == 404
    client.force_login(boss)
    client.post("/o/unmatched/dismiss-all/", {"up_to": up_to})
    left = InboundMessage.objects.filter(effect="")
    assert list(left) == [later]
    assert all(
        m.effect.startswith("Dismissed by") and m.corrected_by == boss
        for m in InboundMessage.objects.exclude(pk=later.pk)
    )
