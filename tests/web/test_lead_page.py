"""The lead page: details, plan, signals, timeline and every action button."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Attempt, Commitment, Lead, Status, Suppression
from fairchase.web import panels
from fairchase.web.panels import TimelineEntry


def _page(client, lead) -> str:
    r = client.get(f"/leads/{lead.pk}/")
    assert r.status_code == 200
    return r.content.decode()


def test_a_new_contact_the_plan_lets_go_is_not_told_to_respond_now(client, alice, make_lead):
    lead = make_lead(alice, name="Cold Carl", source="purchased_list", value=50)
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed")
    client.force_login(alice)
    html = _page(client, lead)
    assert 'id="waiting"' not in html and "Respond now" not in html


def test_a_new_enquiry_shows_who_is_waiting_and_the_plan(client, alice, make_lead):
    lead = make_lead(alice, name="Nora Newcomer", created_at=timezone.now() - timedelta(hours=3))
    client.force_login(alice)
    html = _page(client, lead)
    assert "Waiting for Nora to hear from you: 3" in html
    assert "not answered yet" in html
    assert "The plan" in html and "Why not stop?" in html
    lead.refresh_from_db()
    if lead.plan_reason:  # its times in the page's zone, labelled ("Call Mon 7 Dec 08:00 UTC")
        from fairchase import clock

        shown = clock.reason_in_zones(lead.plan_reason, lead, clock.business_zone(), timezone.now())
        assert shown.split(": ")[0] in html


def test_the_response_time_is_shown_after_the_first_attempt(client, alice, make_lead):
    lead = make_lead(alice, created_at=timezone.now() - timedelta(minutes=20))
    actions.log_attempt(lead, "call", "no_answer")
    client.force_login(alice)
    html = _page(client, lead)
    assert 'id="response-time">20 min' in html
    assert "Waiting for" not in html


def test_logging_an_attempt_with_the_full_form_grows_the_timeline(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    r = client.post(
        f"/leads/{lead.pk}/log/",
        {
            "channel": "email",
            "outcome": "replied",
            "minutes": "4",
            "progress": "yes",
            "notes": "Wants a quote for the roof",
        },
    )
    assert r.status_code == 302
    a = Attempt.objects.get(lead=lead)
    assert (a.channel, a.outcome, a.minutes, a.progress, a.user) == (
        "email",
        "replied",
        4.0,
        True,
        alice,
    )
    lead.refresh_from_db()
    assert lead.status == Status.ENGAGED
    html = _page(client, lead)
    assert "Email: replied" in html and "Wants a quote for the roof" in html
    timeline = html.split('id="timeline"')[1]
    # Newest first, and what the reply caused sits above the reply itself.
    assert (
        timeline.index("Open (silent) → Engaged")
        < timeline.index("Email: replied")
        < timeline.index("Created as")
    )


def test_signals_are_saved_by_htmx_and_the_plan_comes_back(client, alice, make_lead):
    lead = make_lead(alice, signals=["from_import"])
    client.force_login(alice)
    r = client.post(
        f"/leads/{lead.pk}/signals/",
        {"good": ["asked_price", "stated_need"], "poor": ["vague"]},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="lead-plan"' in html and "Saved; the plan above is updated." in html
    lead.refresh_from_db()
    assert sorted(lead.signals) == ["asked_price", "from_import", "stated_need", "vague"]
    assert re.search(r'value="asked_price"[^>]*checked', html)
    assert not re.search(r'value="distracted"[^>]*checked', html)


def test_good_signals_raise_the_plan_and_poor_ones_lower_it(client, alice, make_lead):
    came = timezone.now() - timedelta(days=3)
    good, poor = make_lead(alice, created_at=came), make_lead(alice, created_at=came)
    for lead in (good, poor):
        actions.log_attempt(lead, "call", "talked", at=timezone.now() - timedelta(days=2))
    client.force_login(alice)
    client.post(
        f"/leads/{good.pk}/signals/", {"good": ["asked_price", "asked_details", "stated_need"]}
    )
    client.post(
        f"/leads/{poor.pk}/signals/", {"poor": ["vague", "no_specific_interest", "distracted"]}
    )
    good.refresh_from_db()
    poor.refresh_from_db()
    assert good.expected_value > poor.expected_value


def test_pinning_and_resolving_a_commitment(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        f"/leads/{lead.pk}/commitments/", {"by": "lead", "what": "send measurements", "due_at": due}
    )
    c = Commitment.objects.get(lead=lead)
    assert "They contact us" in _page(client, lead)
    client.post(f"/commitments/{c.pk}/resolve/", {"state": "missed"})
    c.refresh_from_db()
    lead.refresh_from_db()
    assert c.state == "missed"
    assert "missed_promise" in lead.signals


def test_stop_into_revisit_needs_a_date(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    client.post(f"/leads/{lead.pk}/stop/", {"next_state": "revisit"})
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN
    when = (timezone.localtime() + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/leads/{lead.pk}/stop/", {"next_state": "revisit", "revisit_at": when})
    lead.refresh_from_db()
    assert lead.status == Status.REVISIT and lead.revisit_at is not None


def test_nurture_is_only_offered_with_mailing_list_consent(client, alice, make_lead):
    without, with_consent = make_lead(alice), make_lead(alice, consents=["mailing_list"])
    client.force_login(alice)
    assert 'value="nurture"' not in _page(client, without)
    assert 'value="nurture"' in _page(client, with_consent)
    client.post(f"/leads/{without.pk}/stop/", {"next_state": "nurture"})
    assert Lead.objects.get(pk=without.pk).status == Status.OPEN
    client.post(f"/leads/{with_consent.pk}/stop/", {"next_state": "nurture"})
    assert Lead.objects.get(pk=with_consent.pk).status == Status.NURTURE


def test_a_closed_lead_can_be_reopened(client, alice, make_lead):
    lead = make_lead(alice)
    actions.stop_chasing(lead, Status.CLOSED)
    client.force_login(alice)
    assert "Reopen" in _page(client, lead)
    client.post(f"/leads/{lead.pk}/reopen/")
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.next_action != ""


def test_won_records_the_value_and_lost_the_reason(client, alice, make_lead):
    won, lost = make_lead(alice, value=1000), make_lead(alice)
    client.force_login(alice)
    client.post(f"/leads/{won.pk}/won/", {"value": "1250"})
    client.post(f"/leads/{lost.pk}/lost/", {"reason": "went with a cheaper quote"})
    won.refresh_from_db()
    lost.refresh_from_db()
    assert (won.status, float(won.won_value)) == (Status.WON, 1250.0)
    assert (lost.status, lost.lost_reason) == (Status.LOST, "went with a cheaper quote")


def test_an_opt_out_suppresses_and_cannot_be_reopened(client, alice, make_lead):
    lead = make_lead(alice, email="Stop.Me@Example.com")
    client.force_login(alice)
    client.post(f"/leads/{lead.pk}/opt-out/")
    lead.refresh_from_db()
    assert lead.status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="stop.me@example.com").exists()
    client.post(f"/leads/{lead.pk}/reopen/")
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
    r = client.post(f"/leads/{lead.pk}/outcome/", {"outcome": "no_answer"}, follow=True)
    assert "Fairchase does not chase them, so no attempt is logged" in r.content.decode()
    assert "reopen the lead first" not in r.content.decode()
    assert Lead.objects.get(pk=lead.pk).attempt_count == 0


def test_other_apps_timeline_entries_and_panels_appear(
    client, alice, make_lead, tmp_path, settings
):
    lead = make_lead(alice)
    (tmp_path / "panel.html").write_text(
        '<section class="card">Panel for {{ lead.name }} {{ n }}</section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    panel = panels.Panel("panel.html", lambda request, lead: {"n": 7})

    def source(lead):
        return [
            TimelineEntry(
                at=timezone.now() + timedelta(minutes=1), kind="email sent", title="Quote sent"
            )
        ]

    panels.LEAD_PANELS.append(panel)
    panels.TIMELINE_SOURCES.append(source)
    try:
        client.force_login(alice)
        html = _page(client, lead)
    finally:
        panels.LEAD_PANELS.remove(panel)
        panels.TIMELINE_SOURCES.remove(source)
    assert f"Panel for {lead.name} 7" in html
    timeline = html.split('id="timeline"')[1]
    assert timeline.index("Quote sent") < timeline.index("Created as")  # newest first


def test_an_engaged_leads_chance_is_named_as_its_reason_names_it(client, alice, make_lead):
    """The summary and the reason call the same number the same thing (a win, for an
    engaged lead), never 'an answer' in one place and 'a win' in the other."""
    lead = make_lead(alice, name="Engaged Ed")
    actions.log_attempt(lead, "call", "talked")
    lead.refresh_from_db()
    assert lead.status == Status.ENGAGED and lead.p_reply is not None
    client.force_login(alice)
    html = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "Chance of a win" in html
    assert "Chance of an answer" not in html
