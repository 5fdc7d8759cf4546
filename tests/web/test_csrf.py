"""Every state-changing view refuses a POST without the CSRF token; actions are POST-only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead

from .urlwalk import CSRF_EXEMPT, NON_HTML_PREFIXES, all_routes, fill

ROUTES = all_routes()
WEB_ACTIONS = [
    "lead_outcome",
    "lead_log",
    "lead_commit",
    "lead_signals",
    "lead_stop",
    "lead_reopen",
    "lead_won",
    "lead_lost",
    "lead_opt_out",
    "lead_reassign",
    "commitment_resolve",
]


@pytest.fixture
def ids(alice, make_lead):
    lead = make_lead(alice, name="Csrf Target")
    c = actions.add_commitment(
        lead, by="us", what="call back", due_at=timezone.now() + timedelta(days=1)
    )
    return {
        "lead": str(lead.pk),
        "commitment": str(c.pk),
        "attempt": "1",
        "content_type": "1",
        "obj": lead,
    }


def test_only_listed_views_are_csrf_exempt():
    exempt = {
        r.key
        for r in ROUTES
        if getattr(r.callback, "csrf_exempt", False)
        and not ("/" + r.template).startswith(NON_HTML_PREFIXES)
    }
    assert exempt <= set(CSRF_EXEMPT), (
        f"CSRF-exempt views without a reason in CSRF_EXEMPT: {exempt - set(CSRF_EXEMPT)}"
    )


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.key not in CSRF_EXEMPT], ids=lambda r: r.key
)
def test_a_post_without_the_csrf_token_is_refused(alice, ids, route):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    before = Lead.objects.filter(pk=ids["lead"]).values().get()
    url = fill(route, ids)
    r = client.post(url, {"outcome": "no_answer", "state": "done", "next_state": "closed"})
    if url.startswith(NON_HTML_PREFIXES):
        # The API refuses a cookie-authenticated write without the token (or any write without its key).
        assert r.status_code in (401, 403, 404, 405), (route.key, r.status_code)
    else:
        assert r.status_code == 403, (route.key, r.status_code)
    assert Lead.objects.filter(pk=ids["lead"]).values().get() == before


def test_the_same_post_with_the_token_works(alice, ids):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(f"/leads/{ids['lead']}/")
    token = page.cookies["csrftoken"].value
    r = client.post(
        f"/leads/{ids['lead']}/outcome/", {"outcome": "no_answer", "csrfmiddlewaretoken": token}
    )
    assert r.status_code == 302
    assert Lead.objects.get(pk=ids["lead"]).attempt_count == 1


def test_htmx_posts_carry_the_token_in_a_header(alice, ids):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get("/")
    assert 'hx-headers=\'{"X-CSRFToken":' in page.content.decode()
    token = page.cookies["csrftoken"].value
    r = client.post(
        f"/leads/{ids['lead']}/outcome/",
        {"outcome": "left_message"},
        HTTP_X_CSRFTOKEN=token,
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    assert Lead.objects.get(pk=ids["lead"]).attempt_count == 1


@pytest.mark.parametrize("name", WEB_ACTIONS)
def test_state_changing_views_refuse_get(client, alice, ids, name):
    route = next(r for r in ROUTES if r.name == name)
    client.force_login(alice)
    before = Lead.objects.filter(pk=ids["lead"]).values().get()
    assert client.get(fill(route, ids) + "?outcome=no_answer&state=done").status_code == 405
    assert Lead.objects.filter(pk=ids["lead"]).values().get() == before
