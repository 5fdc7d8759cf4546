"""jürgen@müller.de (letters outside ASCII before the @) reaches only mail servers offering
SMTPUTF8: Add lead and an edit say so (as the API and an import line do) when they store it, rather
than a failed send being the first anyone hears of it (eval24 #9). A domain outside ASCII
alone (info@bücher.de) is punycoded for any server: nothing is said."""

from __future__ import annotations

from django.contrib.messages import get_messages

from fairchase.leads.models import Lead

WARNED = (
    "Email to jürgen@müller.de may not arrive: it has letters outside ASCII before the @, "
    "which only mail servers offering SMTPUTF8 take. If a message to it fails, ask them "
    "for another address."
)
ADD = {"name": "Jürgen Müller", "source": "web_form", "value": "2500"}


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_add_lead_warns_of_it(client, alice):
    client.force_login(alice)
    response = client.post("/leads/new/", {**ADD, "email": "jürgen@müller.de"})
    assert response.status_code == 302
    assert WARNED in _said(response)
    assert Lead.objects.get().email == "jürgen@müller.de"


def test_add_lead_says_nothing_of_a_domain_outside_ascii(client, alice):
    client.force_login(alice)
    response = client.post("/leads/new/", {**ADD, "email": "info@bücher.de"})
    assert response.status_code == 302
    assert not [m for m in _said(response) if "may not arrive" in m]


def test_an_edit_that_gives_the_address_warns_of_it(client, alice, make_lead):
    lead = make_lead(alice, name="Jürgen Müller", email="j@example.com")
    client.force_login(alice)
    form = {**ADD, "email": "jürgen@müller.de", "owner": alice.pk}
    response = client.post(f"/leads/{lead.pk}/edit/", form)
    assert response.status_code == 302
    assert WARNED in _said(response)
