"""One-click opt-out: GET only asks, POST (with or without a cookie) opts out; forged,
mutated, expired and cross-lead tokens never change anything and never fail with 500."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from fairchase.leads.models import Lead, Status, Suppression
from fairchase.outreach.tokens import SALT, make_token


def _url(token):
    return f"/o/unsubscribe/{token}"


def test_get_shows_a_confirmation_and_changes_nothing(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    response = Client().get(_url(make_token(lead, "email")))
    assert response.status_code == 200
    assert b"Stop hearing from us" in response.content
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and not Suppression.objects.exists()


def test_the_confirmation_post_opts_out_and_suppresses_the_normalised_address(alice, make_lead):
    lead = make_lead(alice, email="Ann.Adams@Example.COM")
    response = Client(enforce_csrf_checks=True).post(_url(make_token(lead, "email")))
    assert response.status_code == 200
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="ann.adams@example.com").exists()


def test_the_one_click_post_of_a_mail_provider_needs_no_cookie(alice, make_lead):
    lead = make_lead(alice)
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(make_token(lead, "email")), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
    assert "one-click" in lead.status_changes.order_by("-pk").first().reason


def test_a_second_post_is_harmless(alice, make_lead):
    lead = make_lead(alice)
    url = _url(make_token(lead, "email"))
    Client().post(url)
    assert Client().post(url).status_code == 200
    assert lead.status_changes.filter(new=Status.OPTED_OUT).count() == 1


def test_a_text_token_suppresses_the_phone(alice, make_lead):
    lead = make_lead(alice, phone="(212) 555-0199")
    Client().post(_url(make_token(lead, "text")))
    assert Suppression.objects.filter(value="+12125550199").exists()


def test_expired_tokens_change_nothing(alice, make_lead, settings):
    lead = make_lead(alice)
    token = make_token(lead, "email")
    settings.OPT_OUT_TOKEN_DAYS = -1
    assert Client().post(_url(token)).status_code == 404
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN


def test_a_token_for_another_lead_or_salt_changes_nothing(alice, bob, make_lead):
    ann = make_lead(alice)
    ben = make_lead(bob)
    # The same payload shape, signed for another purpose (another salt), or re-pointed at Ben.
    forged = signing.dumps(
        {"l": ben.pk, "c": "email", "a": "x"}, salt="another.purpose", compress=True
    )
    real = make_token(ann, "email")
    payload, rest = real.split(":", 1)
    swapped = make_token(ben, "email").split(":", 1)[0] + ":" + rest
    for token in (forged, swapped, real.replace(str(ann.pk), str(ben.pk))):
        if token == real:
            continue
        assert Client().post(_url(token)).status_code == 404
    assert Lead.objects.filter(status=Status.OPTED_OUT).count() == 0


def test_a_token_stops_working_when_the_leads_address_changes(alice, make_lead):
    from fairchase.leads import actions

    lead = make_lead(alice, email="old@example.com")
    token = make_token(lead, "email")
    actions.update_lead(lead, email="new@example.com")
    assert Client().post(_url(token)).status_code == 404
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN


@pytest.mark.django_db
@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    position=st.integers(min_value=0, max_value=400),
    char=st.sampled_from("AZaz09-_:.~%"),
    method=st.sampled_from(["get", "post"]),
)
def test_mutated_tokens_never_change_anything_and_never_fail(
    alice, make_lead, position, char, method
):
    lead = Lead.objects.filter(owner=alice).first() or make_lead(alice)
    token = make_token(lead, "email")
    i = position % len(token)
    mutated = token[:i] + char + token[i + 1 :]
    if mutated == token:
        return
    response = getattr(Client(), method)(_url(mutated))
    assert response.status_code in (200, 404)
    if method == "post":
        assert Lead.objects.get(pk=lead.pk).status == Status.OPEN


@pytest.mark.django_db
@hsettings(max_examples=40, deadline=None)
@given(garbage=st.text(min_size=1, max_size=200).filter(lambda s: "/" not in s and "\x00" not in s))
def test_garbage_tokens_are_a_404(garbage):
    from urllib.parse import quote

    response = Client().post(_url(quote(garbage, safe="")))
    assert response.status_code == 404
    assert not Suppression.objects.exists()


def test_salt_is_our_own():
    assert SALT == "fairchase.outreach.unsubscribe"
