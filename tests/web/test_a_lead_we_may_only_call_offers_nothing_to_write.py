"""Dead-end buttons (eval27 #7): a lead whose email bounced, with texts not set up, offered
Write and a composer whose Send was refused; it now says why nothing can be written, and the
composer sends back with the same words. On a lost lead the log form's Opted out is
recorded as Record opt-out records it, not "reopen the lead first"."""

from __future__ import annotations

from django.contrib.messages import get_messages

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression

NOTHING = (
    "Nothing can be written: the email bea.bounce@example.com is not to be contacted "
    "(an opt-out or a bounce), and texts are not set up. A call is still possible."
)


def _bounced(alice, make_lead):
    lead = make_lead(alice, name="Bea Bounce", email="bea.bounce@example.com")
    actions.suppress("bea.bounce@example.com", "email", "bounce")
    return lead


def test_the_lead_page_offers_no_write_and_says_why(client, alice, make_lead):
    lead = _bounced(alice, make_lead)
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert f"/o/leads/{lead.pk}/compose/" not in page
    assert NOTHING in page


def test_the_composer_sends_back_with_the_reason(client, alice, make_lead):
    lead = _bounced(alice, make_lead)
    client.force_login(alice)
    response = client.get(f"/o/leads/{lead.pk}/compose/")
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"Bea Bounce: {NOTHING}"]


def test_a_lead_with_an_email_still_offers_write(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Able", email="ann@example.com")
    client.force_login(alice)
    page = client.get(f"/leads/{lead.pk}/").content.decode()
    assert f"/o/leads/{lead.pk}/compose/" in page and "Nothing can be written" not in page


def test_opted_out_logged_on_a_lost_lead_records_the_opt_out(client, alice, make_lead):
    lead = make_lead(alice, name="Dora Usman", email="dora@example.com")
    actions.mark_lost(lead, "went elsewhere", user=alice)
    client.force_login(alice)
    form = {"channel": "call", "outcome": "opted_out", "notes": ""}
    response = client.post(f"/leads/{lead.pk}/log/", form)
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == ["Dora Usman opted out: they will not be contacted again."]
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.status == Status.OPTED_OUT  # as the Record opt-out button makes it
    assert Suppression.objects.filter(value__in=[lead.email, lead.phone]).count() == 2
