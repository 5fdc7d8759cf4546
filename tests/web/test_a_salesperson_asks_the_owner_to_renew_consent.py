"""A salesperson asks the owner to renew consent: only the owner may renew the consent of
someone who opted out, and a salesperson who heard the customer ask to be called again had
no way to get it to the owner. Now the ask is a timeline row with what she said; the owner
reads it on Today ("Asked of you"), renews consent or declines on the lead page, and the
salesperson reads there that it waits or was answered. Nothing else changes meanwhile."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange, Suppression
from fairchase.web import panels

from ..query_plans import leads_plans

SAID = "Rang back on 3 March: please do call me about the quote"
SCRIPT = "<script>alert(1)</script> rang on Monday, call her"


def _unsubscribed(make_lead, owner, name="Ray Lind") -> Lead:
    """Ray Lind unsubscribed through the link in our email (no user of ours)."""
    ray = make_lead(owner, name=name)
    return actions.opt_out(ray, channel="email", reason="Unsubscribed", shown=("email",))


def _ask(client, lead, note=SAID):
    return client.post(f"/leads/{lead.pk}/ask-renewal/", {"note": note})


def _decline(client, lead, note=""):
    return client.post(f"/leads/{lead.pk}/decline-renewal/", {"note": note})


def _renew(client, lead):
    data = {"note": "He phoned on 3 March asking for a quote", "channels": ["email", "call"]}
    return client.post(f"/leads/{lead.pk}/renew-consent/", data)


def _rows(lead) -> list[str]:
    return list(
        StatusChange.objects.filter(lead=lead).order_by("pk").values_list("reason", flat=True)
    )


def test_the_ask_is_a_timeline_row_and_changes_nothing_else(client, alice, make_lead):
    ray = _unsubscribed(make_lead, alice)
    client.force_login(alice)
    assert f"/leads/{ray.pk}/ask-renewal/" in client.get(f"/leads/{ray.pk}/").content.decode()
    assert _ask(client, ray).status_code == 302
    row = StatusChange.objects.filter(lead=ray).latest("pk")
    assert row.reason == f"{actions.ASKED_OWNER}: {SAID}" and row.user == alice
    assert row.old == row.new == Status.OPTED_OUT
    assert Lead.objects.get(pk=ray.pk).status == Status.OPTED_OUT
    assert Suppression.objects.filter(value=ray.email, reason="opt-out").exists()
    page = client.get(f"/leads/{ray.pk}/").content.decode()
    assert 'id="ask-waiting"' in page and "Waiting for the owner" in page
    assert f"/leads/{ray.pk}/ask-renewal/" not in page  # no second ask while one waits


def test_the_owners_today_lists_the_ask_with_the_note_as_text(client, alice, boss, make_lead):
    ray = _unsubscribed(make_lead, alice, name="Ray <b>Lind</b>")
    client.force_login(alice)
    assert _ask(client, ray, SCRIPT).status_code == 302
    html = client.get("/").content.decode()
    assert 'id="asked-of-you"' not in html  # a salesperson is asked nothing
    client.force_login(boss)
    html = client.get("/").content.decode()
    panel = html.split('id="asked-of-you"')[1].split("</section>")[0]
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; rang on Monday" in panel
    assert "Ray &lt;b&gt;Lind&lt;/b&gt;" in panel and "Alice" in panel
    assert f'href="/leads/{ray.pk}/#renew-consent"' in panel


def test_renewing_consent_answers_the_ask(client, alice, boss, make_lead):
    ray = _unsubscribed(make_lead, alice)
    actions.ask_owner_to_renew(ray, note=SAID, user=alice)
    client.force_login(boss)
    page = client.get(f"/leads/{ray.pk}/").content.decode()
    assert SAID in page and f"/leads/{ray.pk}/decline-renewal/" in page
    assert _renew(client, ray).status_code == 302
    assert not actions.open_asks().exists()
    assert 'id="asked-of-you"' not in client.get("/").content.decode()


def test_declining_answers_the_ask_and_says_so_on_the_timeline(client, alice, boss, make_lead):
    ray = _unsubscribed(make_lead, alice)
    actions.ask_owner_to_renew(ray, note=SAID, user=alice)
    client.force_login(boss)
    assert _decline(client, ray, "She <b>never</b> said so to me").status_code == 302
    row = StatusChange.objects.filter(lead=ray).latest("pk")
    assert row.reason == f"{actions.DECLINED}: She <b>never</b> said so to me" and row.user == boss
    assert Lead.objects.get(pk=ray.pk).status == Status.OPTED_OUT
    assert not actions.open_asks().exists()
    assert 'id="asked-of-you"' not in client.get("/").content.decode()
    client.force_login(alice)
    page = client.get(f"/leads/{ray.pk}/").content.decode()
    assert 'id="ask-answered"' in page and "She &lt;b&gt;never&lt;/b&gt; said so" in page
    assert f"/leads/{ray.pk}/ask-renewal/" in page  # she may ask again


def test_declining_needs_no_note(client, alice, boss, make_lead):
    ray = _unsubscribed(make_lead, alice)
    actions.ask_owner_to_renew(ray, note=SAID, user=alice)
    client.force_login(boss)
    assert _decline(client, ray).status_code == 302
    assert _rows(ray)[-1] == f"{actions.DECLINED}."


def test_a_salesperson_cannot_decide(client, alice, make_lead):
    ray = _unsubscribed(make_lead, alice)
    actions.ask_owner_to_renew(ray, note=SAID, user=alice)
    before = _rows(ray)
    client.force_login(alice)
    assert _decline(client, ray, "no").status_code == 200
    assert _renew(client, ray).status_code == 200
    assert _rows(ray) == before
    assert Lead.objects.get(pk=ray.pk).status == Status.OPTED_OUT
    assert actions.open_asks().filter(lead=ray).exists()


def test_no_ask_on_a_lead_that_has_not_opted_out(client, alice, make_lead):
    lead = make_lead(alice)
    before = _rows(lead)
    client.force_login(alice)
    r = _ask(client, lead)
    assert r.status_code == 200 and "has not opted out" in r.content.decode()
    assert _rows(lead) == before


def test_one_ask_waits_at_a_time(client, alice, make_lead):
    ray = _unsubscribed(make_lead, alice)
    client.force_login(alice)
    assert _ask(client, ray).status_code == 302
    r = _ask(client, ray, "She rang again the next day, same wish")
    assert r.status_code == 200 and "already been asked" in r.content.decode()
    assert sum(r.startswith(actions.ASKED_OWNER) for r in _rows(ray)) == 1


def test_the_owner_is_not_offered_an_ask(client, alice, boss, make_lead):
    ray = _unsubscribed(make_lead, alice)
    client.force_login(boss)
    assert "ask-renewal" not in client.get(f"/leads/{ray.pk}/").content.decode()
    assert _ask(client, ray).status_code == 200
    assert not any(r.startswith(actions.ASKED_OWNER) for r in _rows(ray))


def test_an_ask_on_a_lead_no_longer_opted_out_does_not_wait(alice, boss, make_lead):
    ray = _unsubscribed(make_lead, alice)
    actions.ask_owner_to_renew(ray, note=SAID, user=alice)
    boss = type(boss).objects.get(pk=boss.pk)  # its owner's profile, as a request reads it
    actions.renew_consent(ray, note="He phoned on 3 March", channels=["email"], user=boss)
    actions.opt_out(Lead.objects.get(pk=ray.pk), channel="email", reason="Unsubscribed again")
    assert not actions.open_asks().exists()  # opted out again: the old ask was answered


def test_the_panel_costs_the_owner_one_query_and_a_salesperson_none(rf, alice, boss, make_lead):
    for n in range(3):
        lead = _unsubscribed(make_lead, alice, name=f"Opted {n}")
        actions.ask_owner_to_renew(lead, note=SAID, user=alice)
    (panel,) = [p for p in panels.TODAY_PANELS if p.template == "web/_asked_of_you.html"]
    for user, queries, shown in ((boss, 1, 3), (alice, 0, 0)):
        request = rf.get("/")
        request.user, request.is_admin = user, user == boss
        with CaptureQueriesContext(connection) as seen:
            asks = panel.context(request).get("asks", [])
            assert [(a.by, a.note) for a in asks] == [("Alice", SAID)] * shown
        assert len(seen) == queries


def test_the_open_asks_are_read_from_the_opted_out_leads_index(alice, make_lead):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner prefers a sequential scan on a table this small")
    ray = _unsubscribed(make_lead, alice)
    actions.ask_owner_to_renew(ray, note=SAID, user=alice)
    (plan,) = leads_plans(lambda: list(actions.open_asks().select_related("lead", "user")))
    assert "SCAN" not in plan, plan  # every table read through an index
    assert "lead_status_due" in plan, plan
