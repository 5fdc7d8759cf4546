"""While a request to stop nobody has decided on holds a lead, no try of ours can be pinned
on it (a call back, "Keep chasing"), from the web or the API: it could not be kept, and it
would put the person back on Today and in the calendar. A promise of theirs (they call us)
may still be noted. Confirming or correcting the stop decides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.leads import actions
from fairchase.leads.models import Commitment
from fairchase.outreach import inbound

from .holding import held_by_an_unvouched_stop

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _pin(lead, by):
    due = timezone.now() + timedelta(hours=2)
    return actions.add_commitment(lead, by=by, what="Try again", due_at=due, channel="call")


def test_no_promise_of_ours_is_pinned_on_a_held_lead(alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    got = held_by_an_unvouched_stop(imap_server, lead)
    with pytest.raises(actions.ActionError, match="asked to stop \\(not yet confirmed\\)"):
        _pin(lead, Commitment.By.US)
    assert _pin(lead, Commitment.By.LEAD).by == Commitment.By.LEAD  # theirs is noted
    assert not Commitment.objects.filter(lead=lead, by=Commitment.By.US).exists()
    inbound.correct(got, "interested", alice)
    assert _pin(lead, Commitment.By.US).by == Commitment.By.US


def test_the_api_refuses_a_promise_of_ours_on_a_held_lead(client, alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Held", email="nina@example.com", phone="+12125550199")
    held_by_an_unvouched_stop(imap_server, lead)
    due = (timezone.now() + timedelta(hours=2)).isoformat()
    r = client.post(
        f"/api/leads/{lead.pk}/commitments",
        {"by": "us", "what": "Call back", "due_at": due, "channel": "call"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {ApiToken.issue(alice, 'tests')[1]}"},
    )
    assert r.status_code >= 400 and "asked to stop" in r.content.decode(), r.content
    assert not Commitment.objects.filter(lead=lead).exists()
