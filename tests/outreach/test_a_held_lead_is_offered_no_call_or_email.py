"""A lead held by a request to stop nobody has decided on is offered as a contact nowhere: on
Today a promise of ours to call them back shows no call or email button, nor the outcomes of
the call that would keep it, only "On hold: confirm or correct the stop first"; a let-go row
offers no "Keep chasing"; the lead page links neither address and pins only a promise of
theirs. A phone call is no message the outbox can stop, so the page is the only guard. Once
someone corrects the reading, the buttons come back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Commitment
from fairchase.leads.reach import ON_HOLD_NOTE, ON_HOLD_SHORT
from fairchase.outreach import inbound

from .holding import held_by_an_unvouched_stop

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]

TEL, MAILTO = 'href="tel:+12125550199"', 'href="mailto:nina@example.com"'


def _nina(make_lead, alice):
    lead = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    actions.add_commitment(
        lead,
        by=Commitment.By.US,
        what="Call back",
        due_at=timezone.now() + timedelta(hours=1),
        channel="call",
    )
    return lead


def _today(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/").content.decode()


def test_a_promise_to_a_held_lead_shows_no_call_or_email_button(alice, make_lead, imap_server):
    lead = _nina(make_lead, alice)
    assert TEL in _today(alice) and MAILTO in _today(alice)  # before the stop: call them back
    got = held_by_an_unvouched_stop(imap_server, lead)
    page = _today(alice)
    row = page[page.index('id="commitment-') :]
    assert "You promised: Call back" in row and ON_HOLD_SHORT in row
    assert TEL not in page and MAILTO not in page
    assert 'value="talked"' not in row and "Do what you promised" not in row
    assert 'value="cancelled"' in row  # the promise may still be cancelled
    inbound.correct(got, "interested", alice)  # not a stop after all: the hold is lifted
    page = _today(alice)
    assert TEL in page and MAILTO in page and ON_HOLD_SHORT not in page


def test_a_held_lead_is_offered_no_keep_chasing(alice, make_lead, imap_server):
    lead = _nina(make_lead, alice)
    form = Template("{% load fairchase_web %}{% outcome_form lead '' 'let_go' %}")

    def let_go_row() -> str:
        request = RequestFactory().get("/")
        return form.render(Context({"lead": lead, "request": request}))

    assert "Keep chasing" in let_go_row()
    held_by_an_unvouched_stop(imap_server, lead)
    row = let_go_row()
    assert "Keep chasing" not in row and ON_HOLD_SHORT in row


def test_the_lead_page_of_a_held_lead_links_no_address(alice, make_lead, imap_server):
    lead = _nina(make_lead, alice)
    client = Client()
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert TEL in page and MAILTO in page and 'value="us"' in page
    held_by_an_unvouched_stop(imap_server, lead)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert TEL not in page and MAILTO not in page and f"({ON_HOLD_NOTE})" in page
    assert 'value="us"' not in page and 'value="lead"' in page  # only a promise of theirs
