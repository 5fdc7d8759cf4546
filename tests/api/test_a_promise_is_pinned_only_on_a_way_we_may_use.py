"""A promise of ours pinned on a channel the lead may not be contacted on (eval27 #11): a
Call to a number suppressed by a Do-Not-Call column, an Email to an address that bounced,
was taken without a word and the plan switched channel silently. The action refuses it,
through the lead page and the API alike (one rule), and the lead page's How flags it."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Commitment

REFUSED = (
    "(212) 555-0110 is not to be contacted (an opt-out or a bounce): a promise to call "
    "Dan Nocall could not be kept. Pick another way, or Any to let the plan choose."
)


def _dan(alice, make_lead):
    lead = make_lead(alice, name="Dan Nocall", email="dan@example.com", phone="+12125550110")
    actions.suppress("+12125550110", "phone", "import")
    return lead


def _due() -> str:
    return (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


def test_the_lead_page_refuses_a_call_promised_to_a_number_not_to_be_called(
    client, alice, make_lead
):
    lead = _dan(alice, make_lead)
    client.force_login(alice)
    form = {"by": "us", "what": "Send the quote", "channel": "call", "due_at": _due()}
    response = client.post(f"/leads/{lead.pk}/commitments/", form)
    assert not Commitment.objects.filter(lead=lead).exists()
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert REFUSED in said or REFUSED in response.content.decode()


def test_the_api_refuses_it_in_the_same_words(api, alice, make_lead):
    lead = _dan(alice, make_lead)
    due = (timezone.now() + timedelta(days=1)).isoformat()
    body = {"what": "Send the quote", "due_at": due, "channel": "call"}
    r = api("POST", f"/leads/{lead.pk}/commitments", body)
    assert r.status_code == 400 and r.json()["detail"] == REFUSED
    body["channel"] = "email"
    assert api("POST", f"/leads/{lead.pk}/commitments", body).status_code == 201


def test_their_own_promise_to_call_us_is_still_taken(api, alice, make_lead):
    lead = _dan(alice, make_lead)
    due = (timezone.now() + timedelta(days=1)).isoformat()
    body = {"by": "lead", "what": "They ring us", "due_at": due, "channel": "call"}
    assert api("POST", f"/leads/{lead.pk}/commitments", body).status_code == 201


def test_the_lead_page_flags_how_it_may_not_be_tried(client, alice, make_lead):
    lead = _dan(alice, make_lead)
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "Call: not for a try of ours" in page
    assert "Email: not for a try of ours" not in page
