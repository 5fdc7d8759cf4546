"""An unsubscribe link in an email we sent keeps working after the lead's email is changed
(a typo fixed, a new job): before, the token's address digest no longer matched, and the
link and the mail provider's one-click POST (RFC 8058) answered 404 while the person stayed
chased (eval27 finding 15). A link whose address is one we sent this lead a message at is
honoured: that address is never written to again, said on the timeline, and the page says
so. The old address may have been a typo that reached a stranger, so the lead is not opted
out outright: it is held for a person to confirm, as a request to stop not known to be
theirs, with the reason "unsubscribed with a link sent to their former address X"."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange, Suppression
from fairchase.outreach import inbound, outbox
from fairchase.outreach.models import InboundMessage
from fairchase.outreach.tokens import make_token

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

OLD, NEW = "tom.old@example.com", "tom.new@example.com"
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def _link_then_new_address(make_lead, owner, smtp_server) -> tuple[Lead, str]:
    """Tom gets our email at his old address; then his email is changed. Returns the link's path."""
    lead = make_lead(owner, name="Tom Token", email=OLD)
    with transaction.atomic():
        msg = outbox.queue(lead, "email", "Hello", "Hi Tom.\n", user=owner)
    assert outbox.send_now(msg) == "sent"
    [got] = smtp_server.received
    url = got.message["List-Unsubscribe"].split(",")[0].strip().strip("<>")
    actions.update_lead(lead, email=NEW, user=owner)
    lead.refresh_from_db()
    return lead, url[url.index("/o/unsubscribe/") :]


def test_the_link_and_the_one_click_post_still_work_for_the_old_address(
    alice, make_lead, smtp_server
):
    lead, path = _link_then_new_address(make_lead, alice, smtp_server)
    page = Client().get(path)
    assert page.status_code == 200 and OLD in page.content.decode()
    assert not Suppression.objects.exists()  # a GET changes nothing
    done = Client().post(path, ONE_CLICK)
    assert done.status_code == 200
    assert f"will not write to <strong>{OLD}</strong> again" in done.content.decode()
    assert Suppression.objects.filter(value=OLD).exists()
    assert not Suppression.objects.filter(value=NEW).exists()
    assert StatusChange.objects.filter(lead=lead, reason__startswith=f"{OLD} unsubscribed").exists()


def test_the_lead_is_held_for_a_person_not_opted_out(alice, make_lead, smtp_server):
    lead, path = _link_then_new_address(make_lead, alice, smtp_server)
    Client().post(path, ONE_CLICK)
    Client().post(path, ONE_CLICK)  # again: nothing more
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.next_action == "wait"
    assert (
        f"unsubscribed with a link sent to their former address {OLD} (not yet confirmed)"
        in lead.plan_reason
    )
    [held] = inbound.held_stops()
    assert held.lead_id == lead.pk and InboundMessage.objects.count() == 1
    inbound.correct(held, "opt_out", alice)  # a person confirms
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT and lead.responded_at is None


def test_a_link_for_an_address_we_never_wrote_to_is_still_not_valid(alice, make_lead):
    lead = make_lead(alice, email=OLD)
    token = make_token(lead, "email")
    actions.update_lead(lead, email=NEW, user=alice)
    assert Client().post(f"/o/unsubscribe/{token}", ONE_CLICK).status_code == 404
    assert not Suppression.objects.exists() and not InboundMessage.objects.exists()
