"""A reply from another address of the lead (their private one) or a colleague asking to be
included is offered on the lead page, to answer there or to use as the lead's email (the
edit form opens with it filled in); nothing is added by itself (eval28 #13). Over real IMAP."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from fairchase.outreach import mailbox

from .test_mailbox import _reply, _sent

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def test_the_writers_address_is_offered(alice, make_lead, smtp_server, imap_server):
    lead = make_lead(alice, email="harry@work.example")
    sent = _sent(lead, alice, smtp_server)
    text = "Writing from my private address: yes, I'm interested, please send the quote."
    imap_server.append(
        imap_server.folder, _reply(sent.message_id, text, sender="harry.private@example.com")
    )
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    assert lead.email == "harry@work.example"  # not added silently
    client = Client()
    client.force_login(alice)
    page = client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert 'class="other-writer"><a href="mailto:harry.private@example.com">' in page
    edit = reverse("lead_edit", args=[lead.pk])
    assert f"{edit}?email=harry.private%40example.com" in page
    form = client.get(f"{edit}?email=harry.private@example.com").content.decode()
    assert 'value="harry.private@example.com"' in form


def test_someone_who_opted_out_is_offered_no_address_they_wrote_from(
    alice, make_lead, smtp_server, imap_server
):
    """review29 #5: every address of a person who said no is refused, one they wrote from
    too: no mailto and no "Use this address" beside it."""
    from fairchase.leads import actions

    lead = make_lead(alice, email="harry@work.example")
    sent = _sent(lead, alice, smtp_server)
    text = "Writing from my private address: yes, please send the quote."
    imap_server.append(
        imap_server.folder, _reply(sent.message_id, text, sender="harry.private@example.com")
    )
    assert mailbox.poll_mailbox() == 1
    lead.refresh_from_db()
    actions.opt_out(lead, user=alice, reason="Asked us to stop on the phone")
    client = Client()
    client.force_login(alice)
    page = client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert "mailto:harry.private@example.com" not in page  # the timeline still says who wrote
    assert "other-writer" not in page and "Use this address" not in page
