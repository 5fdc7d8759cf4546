"""Authorization for every URL of the project, walked from the URL resolver.

Alice owns the lead; Bob is another salesperson and must never see or change it
(404, or a page without it); anonymous visitors are sent to the login page (or get
401/403/404 from machine endpoints); Charlie (inactive) cannot log in at all.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead

from .urlwalk import ADMIN_ONLY, NON_HTML_PREFIXES, all_routes, fill

ROUTES = all_routes()
MARKERS = ("Zelda Quimby", "zelda.quimby@example.org")
OK_FOR_OWNER = {200, 204, 301, 302, 405}


@pytest.fixture
def alices(alice, make_lead):
    """Alice's lead with an attempt and a pending commitment, and the ids to fill URLs with."""
    lead = make_lead(
        alice, name="Zelda Quimby", email="zelda.quimby@example.org", company="Quimby Roofing"
    )
    attempt = actions.log_attempt(lead, "call", "talked", user=alice)
    c = actions.add_commitment(
        lead, by="us", what="send the quote", due_at=timezone.now() + timedelta(days=1)
    )
    return {
        "lead": str(lead.pk),
        "commitment": str(c.pk),
        "attempt": str(attempt.pk),
        "content_type": str(ContentType.objects.get_for_model(Lead).pk),
        "obj": lead,
    }


def _snapshot(lead: Lead) -> tuple:
    lead = Lead.objects.get(pk=lead.pk)
    return (
        lead.name,
        lead.status,
        lead.owner_id,
        lead.attempt_count,
        sorted(lead.signals),
        lead.updated_at,
        list(lead.commitments.values_list("state", flat=True)),
        lead.status_changes.count(),
    )


def _hostile_payload(bob) -> dict:
    """Values that would make most views act, so a missing check shows up as a change."""
    return {
        "outcome": "no_answer",
        "channel": "call",
        "state": "done",
        "next_state": "closed",
        "reason": "x",
        "value": "1",
        "good": "asked_price",
        "by": "us",
        "what": "x",
        "due_at": (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "name": "Hacked",
        "source": "referral",
        "owner": str(bob.pk),
        "minutes": "1",
        "form": "profile",
        "phone": "+12125550199",
    }


def _is_login_redirect(response) -> bool:
    return response.status_code in (301, 302) and "login" in response.get("Location", "")


def test_the_walk_finds_the_web_views():
    names = {r.name for r in ROUTES}
    assert {
        "today",
        "leads",
        "lead_detail",
        "lead_outcome",
        "settings",
        "commitment_resolve",
    } <= names


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_only_alice_reaches_her_lead_through(client, alices, alice, bob, route):
    """One URL, three people (one test so the lead is set up once per URL)."""
    url = fill(route, alices)
    before = _snapshot(alices["obj"])
    _check_anonymous(client, route, url)
    assert _snapshot(alices["obj"]) == before, (
        f"an anonymous visitor changed Alice's lead through {url}"
    )
    client.force_login(bob)
    _check_bob(client, bob, url)
    assert _snapshot(alices["obj"]) == before, f"Bob changed Alice's lead through {url}"
    client.logout()
    if not route.is_admin_site:
        client.force_login(alice)
        _check_alice(client, route, url)


def _check_anonymous(client, route, url):
    """Sent to log in (or 401/403/404/405 from machine endpoints); never shown the lead."""
    for method in ("get", "post"):
        r = getattr(client, method)(url)
        assert r.status_code < 500, (method, url)
        body = r.content.decode(errors="replace") if not getattr(r, "streaming", False) else ""
        assert not any(m in body for m in MARKERS), (method, url)
        if route.is_public:
            continue
        if url.startswith(NON_HTML_PREFIXES):
            assert r.status_code in (401, 403, 404, 405) or _is_login_redirect(r), (method, url)
        else:
            assert _is_login_redirect(r) or r.status_code in (403, 404, 405), (
                method,
                url,
                r.status_code,
            )


def _check_bob(client, bob, url):
    """Another salesperson: a 404, or a page without Alice's lead on it."""
    r = client.get(url)
    assert r.status_code < 500, url
    if not getattr(r, "streaming", False):
        body = r.content.decode(errors="replace")
        assert r.status_code == 404 or not any(m in body for m in MARKERS), url
    assert client.post(url, _hostile_payload(bob)).status_code < 500, url


def _check_alice(client, route, url):
    """The owner opens every page of her lead."""
    r = client.get(url)
    if not route.only_lead_params or route.is_public:
        assert r.status_code < 500, url  # a made-up token or another app's id may well be a 404
    elif url.startswith(NON_HTML_PREFIXES):
        assert r.status_code in OK_FOR_OWNER | {401, 403, 404}, url  # token auth; the bare root
    elif route.key in ADMIN_ONLY:
        assert r.status_code == 403, (url, r.status_code)
    else:
        assert r.status_code in OK_FOR_OWNER, (url, r.status_code)


def test_alice_sees_her_own_lead_page(client, alices, alice):
    client.force_login(alice)
    r = client.get(f"/leads/{alices['lead']}/")
    assert r.status_code == 200
    assert "Zelda Quimby" in r.content.decode()


def test_the_boss_sees_every_lead_and_can_reassign(client, alices, boss, bob):
    client.force_login(boss)
    assert client.get(f"/leads/{alices['lead']}/").status_code == 200
    r = client.post(f"/leads/{alices['lead']}/reassign/", {"owner": bob.pk})
    assert r.status_code == 302
    assert Lead.objects.get(pk=alices["lead"]).owner == bob


def test_a_salesperson_cannot_reassign_even_her_own_lead(client, alices, alice, bob):
    client.force_login(alice)
    r = client.post(f"/leads/{alices['lead']}/reassign/", {"owner": bob.pk})
    assert r.status_code == 404
    assert Lead.objects.get(pk=alices["lead"]).owner == alice


@pytest.mark.parametrize("bad", ["999999", "0", "99999999999999999999999"])
def test_a_bad_lead_id_is_a_404(client, alice, bad):
    client.force_login(alice)
    assert client.get(f"/leads/{bad}/").status_code == 404
    assert client.post(f"/leads/{bad}/outcome/", {"outcome": "no_answer"}).status_code == 404


def test_charlie_who_is_inactive_cannot_log_in(client, charlie):
    from tests.conftest import PASSWORD

    r = client.post("/login/", {"username": "charlie", "password": PASSWORD})
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session
    assert _is_login_redirect(client.get("/"))


def test_an_inactive_session_sees_nothing(client, alices, charlie):
    client.force_login(charlie)
    r = client.get(f"/leads/{alices['lead']}/")
    assert r.status_code in (302, 404)
