"""Today: the sections, the minutes line, one-click outcomes through the real actions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Attempt, BusinessSettings, Commitment, Lead, Status
from fairchase.web import panels
from fairchase.web.agenda import agenda_for

from ..query_plans import leads_plans


def _plan(lead, **fields):
    """Write plan fields directly (as the decision core would) to set up a known agenda."""
    fields.setdefault("next_action", "contact")
    fields.setdefault("next_channel", "call")
    fields.setdefault("next_due", timezone.now() - timedelta(minutes=1))
    Lead.objects.filter(pk=lead.pk).update(**fields)


def _contacted(make_lead, owner, **kw):
    kw.setdefault("created_at", timezone.now() - timedelta(days=4))  # came in before our call
    lead = make_lead(owner, **kw)
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
    return lead


def _order(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'id="row-(\d+)"', html)]


def test_a_new_user_is_told_what_to_do(client, alice):
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert "Nothing to chase yet" in html
    assert "Add a lead" in html
    # the demo's known admin login never lands beside real users: no `fairchase demo` to run here
    assert "fairchase demo" not in html


def test_a_new_enquiry_is_first_and_shows_how_long_it_waited(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Waiting", created_at=timezone.now() - timedelta(minutes=42))
    client.force_login(alice)
    html = client.get("/").content.decode()
    new = html.split('id="section-new"')[1].split("</section>")[0]
    assert "Ann Waiting" in new
    assert "waiting 42 min" in new
    assert f'href="tel:{lead.phone}"' in new and f'href="mailto:{lead.email}"' in new


def test_a_new_enquiry_due_after_hours_says_when_not_respond_now(client, alice, make_lead):
    lead = make_lead(alice, name="Ann Evening")
    _plan(lead, next_due=timezone.now() + timedelta(hours=11))  # contact hours open tomorrow
    client.force_login(alice)
    new = client.get("/").content.decode().split('id="section-new"')[1].split("</section>")[0]
    assert "Ann Evening" in new
    assert "Respond first: call" in new and "Respond now" not in new


def test_with_nothing_due_today_the_page_says_when_the_next_follow_up_is(
    client, alice, make_lead, stop_clock
):
    from fairchase.web.templatetags.fairchase_web import when

    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))  # a Tuesday morning: a contact day
    due = timezone.now() + timedelta(days=2)
    lead = _contacted(make_lead, alice, name="Monday Mo")
    _plan(lead, next_due=due)
    enquiry = make_lead(alice, name="Sooner Sue")  # a new enquiry's first answer is no follow-up
    _plan(enquiry, next_due=timezone.now() + timedelta(days=1))
    client.force_login(alice)
    section = client.get("/").content.decode().split('id="section-followups"')[1]
    section = section.split("</section>")[0]
    assert (
        f'No follow-up is due today. <span id="next-follow-up">Next follow-up: '
        f"<strong>{when(due)}</strong> (Monday Mo).</span>"
    ) in section


def test_follow_ups_are_ranked_by_priority_with_a_line_where_minutes_run_out(
    client, alice, make_lead
):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"daily_minutes": 12, "minutes_call": 6}
    )
    leads = [_contacted(make_lead, alice, name=f"Follow {i}") for i in range(4)]
    for lead, priority in zip(leads, [5.0, 20.0, 1.0, 10.0], strict=True):
        _plan(lead, priority=priority, plan_reason=f"Reason for {lead.name}")
    client.force_login(alice)
    html = client.get("/").content.decode()
    section = html.split('id="section-followups"')[1].split("</section>")[0]
    above, below = section.split('id="budget-line"')
    assert _order(above) == [leads[1].pk, leads[3].pk]  # 2 calls x 6 min = the 12 minutes
    assert _order(below) == [leads[0].pk, leads[2].pk]  # in the wings
    assert "Reason for Follow 1" in above


def test_a_short_contact_that_fits_takes_the_minutes_a_long_one_left(client, alice, make_lead):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk,
        defaults={"daily_minutes": 12, "minutes_call": 10, "minutes_email": 2},
    )
    first, long_call, short_email = (
        _contacted(make_lead, alice, name=n) for n in ("First Call", "Long Call", "Short Email")
    )
    _plan(first, priority=30.0)
    _plan(long_call, priority=20.0)  # 10 more minutes: does not fit the 2 left
    _plan(short_email, priority=10.0, next_channel="email")  # 2 minutes: fits
    client.force_login(alice)
    html = client.get("/").content.decode()
    above, below = (
        html.split('id="section-followups"')[1].split("</section>")[0].split('id="budget-line"')
    )
    assert _order(above) == [first.pk, short_email.pk]  # the day's 12 minutes all used
    assert _order(below) == [long_call.pk]


def test_the_agenda_is_plain_data_for_the_terminal(alice, make_lead):
    make_lead(alice, name="Plain Data")
    agenda = agenda_for(alice, timezone.now())
    data = agenda.as_dict()
    assert data["new"][0]["name"] == "Plain Data"
    assert data["new"][0]["channel"] == "call"
    assert data["totals"]["new"] == 1


def test_no_answer_logs_an_attempt_replans_and_rerenders_without_reload(client, alice, make_lead):
    lead = make_lead(alice, name="Click Me")
    planned_before = Lead.objects.get(pk=lead.pk).planned_at
    client.force_login(alice)
    r = client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "no_answer", "channel": "call"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "<html" not in html  # a fragment, swapped into #agenda
    assert "No answer from Click Me (call): logged." in html
    lead.refresh_from_db()
    assert lead.attempt_count == 1
    assert Attempt.objects.get(lead=lead).outcome == "no_answer"
    assert lead.planned_at > planned_before
    assert not lead.is_new_enquiry
    assert f'id="row-{lead.pk}" data-lead="{lead.pk}" data-section="new"' not in html


def test_talked_engages_the_lead_and_offers_to_pin_the_next_step(client, alice, make_lead):
    lead = make_lead(alice, name="Chatty Cathy")
    client.force_login(alice)
    html = client.post(
        f"/leads/{lead.pk}/outcome/", {"outcome": "talked"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert Lead.objects.get(pk=lead.pk).status == Status.ENGAGED
    assert "Pin the next step with Chatty Cathy" in html
    # Due this very minute: due today at any hour the test runs (two hours on would be
    # tomorrow after 22:00).
    due = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    html = client.post(
        f"/leads/{lead.pk}/commitments/",
        {"by": "us", "what": "send the quote", "due_at": due, "next": "today"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    c = Commitment.objects.get(lead=lead)
    assert (c.by, c.what, c.state) == ("us", "send the quote", "pending")
    assert "Pinned for Chatty Cathy: send the quote" in html  # the card answers, not the page
    today = client.get("/").content.decode()
    assert "You promised: send the quote" in today.split('id="section-commitments"')[1]


def test_a_pin_without_a_time_is_refused_next_to_the_field(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    html = client.post(
        f"/leads/{lead.pk}/commitments/",
        {"by": "us", "what": "call", "next": "today"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "errorlist" in html and "This field is required" in html
    assert not Commitment.objects.filter(lead=lead).exists()


@pytest.mark.parametrize(
    "outcome,status", [("won", Status.WON), ("lost", Status.LOST), ("stop", Status.CLOSED)]
)
def test_won_lost_and_stop_buttons_move_the_lead(client, alice, make_lead, outcome, status):
    lead = make_lead(alice)
    client.force_login(alice)
    client.post(f"/leads/{lead.pk}/outcome/", {"outcome": outcome}, HTTP_HX_REQUEST="true")
    lead.refresh_from_db()
    assert lead.status == status
    assert lead.status_changes.filter(new=status).exists()
    assert lead.next_action == ""  # no longer planned


def test_letting_go_follows_the_plans_next_state(client, alice, make_lead):
    lead = _contacted(make_lead, alice, name="Going Quiet", consents=["mailing_list"])
    _plan(
        lead,
        next_action="stop",
        next_state="nurture",
        next_due=None,
        priority=-1,
        plan_reason="Three tries, no answer: a fourth is worth less than it costs.",
    )
    client.force_login(alice)
    html = client.get("/").content.decode()
    section = html.split('id="section-let-go"')[1].split("</section>")[0]
    assert 'hx-get="/today/let-go/rows/"' in section  # its rows load as it comes into view
    let_go = client.get("/today/let-go/rows/").content.decode()
    assert "Going Quiet" in let_go and "Let go: mailing list" in let_go
    assert "nurture" not in let_go.lower() and "Keep chasing" in let_go
    client.post(f"/leads/{lead.pk}/outcome/", {"outcome": "stop"}, HTTP_HX_REQUEST="true")
    assert Lead.objects.get(pk=lead.pk).status == Status.NURTURE


def test_nurture_without_consent_falls_back_to_closed(client, alice, make_lead):
    lead = _contacted(make_lead, alice, consents=[])
    _plan(lead, next_action="stop", next_state="nurture")
    client.force_login(alice)
    client.post(f"/leads/{lead.pk}/outcome/", {"outcome": "stop"})
    assert Lead.objects.get(pk=lead.pk).status == Status.CLOSED


def test_commitments_due_today_are_listed_with_the_grace_day_for_theirs(client, alice, make_lead):
    lead = _contacted(make_lead, alice, name="Promiser")
    actions.add_commitment(
        lead,
        by="lead",
        what="call us with the measurements",
        due_at=timezone.now() - timedelta(minutes=30),
    )
    client.force_login(alice)
    html = (
        client.get("/").content.decode().split('id="section-commitments"')[1].split("</section>")[0]
    )
    assert "Promiser promised: call us with the measurements" in html
    # half an hour late: the grace day itself (eval37 #3), not "give them another day"
    assert "this is their day's grace" in html and "give them another day" not in html


def test_an_admin_sees_their_own_leads_first_and_the_team_one_click_away(
    client, boss, alice, bob, make_lead
):
    make_lead(boss, name="Boss Lead")
    make_lead(alice, name="Alice Lead")
    make_lead(bob, name="Bob Lead")
    client.force_login(boss)
    html = client.get("/").content.decode()
    assert "Boss Lead" in html and "Alice Lead" not in html and "Bob Lead" not in html
    assert 'href="?owner=all"' in html
    html = client.get("/?owner=all").content.decode()
    assert "Boss Lead" in html and "Alice Lead" in html and "Bob Lead" in html
    html = client.get(f"/today/agenda/?owner={bob.pk}").content.decode()
    assert "Bob Lead" in html and "Alice Lead" not in html


def test_a_salesperson_cannot_peek_through_the_owner_filter(client, alice, bob, make_lead):
    make_lead(bob, name="Bob Secret")
    client.force_login(alice)
    assert "Bob Secret" not in client.get(f"/?owner={bob.pk}").content.decode()


def test_registered_today_extras_render_inside_each_row(
    client, alice, make_lead, tmp_path, settings
):
    lead = make_lead(alice, name="Extra Row")
    (tmp_path / "extra.html").write_text(
        '<p class="extra">Draft for {{ lead.name }}: {{ word }}</p>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    panel = panels.Panel("extra.html", lambda request, lead: {"word": "hello"})
    panels.TODAY_EXTRAS.append(panel)
    try:
        client.force_login(alice)
        html = client.get("/").content.decode()
    finally:
        panels.TODAY_EXTRAS.remove(panel)
    row = html.split(f'id="row-{lead.pk}"')[1].split("</li>")[0]
    assert "Draft for Extra Row: hello" in row


def test_today_runs_a_fixed_number_of_queries_however_many_leads(
    client, alice, make_lead, monkeypatch, django_assert_max_num_queries
):
    # Other apps' extras are measured by their own tests; this counts the agenda's own queries.
    monkeypatch.setattr(panels, "TODAY_EXTRAS", [])
    monkeypatch.setattr(panels, "TODAY_PANELS", [])
    monkeypatch.setattr(panels, "NAV", [])
    for i in range(30):
        lead = make_lead(alice, name=f"Many {i}")
        if i % 3 == 0:
            _plan(lead, attempt_count=1, priority=float(i))
        if i % 5 == 0:
            actions.add_commitment(lead, by="us", what="x", due_at=timezone.now())
    client.force_login(alice)
    client.get("/")  # warm the session and settings rows
    # one query a section (waiting leads included), one for the blocked addresses, one for
    # the held leads (no call or email button for them), one for the minutes logged today,
    # one for which owners still work here (days.owners_minutes), one for the held leads
    # left out of the new enquiries (`agenda_sql.unanswered`); each held-leads look-up is a
    # query a hold source (outreach's held stops, intake's held do-not-contact wishes)
    with django_assert_max_num_queries(18):
        assert client.get("/").status_code == 200


def test_every_agenda_query_on_leads_uses_an_index(alice, make_lead):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner prefers a sequential scan on a table this small")
    lead = make_lead(alice)
    _plan(lead, attempt_count=1)
    plans = leads_plans(lambda: agenda_for(alice, timezone.now()))
    assert plans
    for plan in plans:
        assert "SCAN leads_lead" not in plan, plan
    assert any("web_lead_new_enquiry" in p for p in plans)
    assert any("web_lead_contact" in p for p in plans)
    assert any("web_lead_wait" in p for p in plans)


def test_the_minutes_of_every_new_enquiry_are_summed_from_their_index(
    alice, make_lead, stop_clock, monkeypatch
):
    """More new enquiries than the page shows: their minutes are one sum read from the new
    enquiries' partial index, as their count is (the sum read every open lead of the owner
    through the (owner, status) index, all 10,000 open leads of bench.app_speed)."""
    from django.db import connection

    from fairchase.web import agenda as agenda_module

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's planner prefers a sequential scan on a table this small")
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))  # a Tuesday morning
    monkeypatch.setattr(agenda_module, "NEW_LIMIT", 1)
    make_lead(alice, name="First Enquiry")
    make_lead(alice, name="Second Enquiry")
    seen = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        agenda = agenda_for(alice, timezone.now())
    assert agenda.more_new == 1
    sums = [(sql, params) for sql, params in seen if sql.startswith("SELECT SUM(")]
    assert len(sums) == 1
    with connection.cursor() as cur:
        cur.execute("EXPLAIN QUERY PLAN " + sums[0][0], sums[0][1])
        plan = " | ".join(str(row[-1]) for row in cur.fetchall())
    assert "web_lead_new_enquiry" in plan, plan


def test_a_lead_waiting_for_its_turn_stays_in_the_wings_with_its_reason(client, alice, make_lead):
    waiting = _contacted(make_lead, alice, name="Patient Pia")
    _plan(
        waiting,
        next_action="wait",
        next_channel="",
        next_due=None,
        priority=3.0,
        plan_reason="Wait: today's minutes go to leads worth more per minute; its turn comes Thursday.",
    )
    worthless = _contacted(make_lead, alice, name="Idle Ida")
    _plan(worthless, next_action="wait", next_channel="", next_due=None, priority=0.0)
    client.force_login(alice)
    html = client.get("/").content.decode()
    wings = html.split('id="budget-line"')[1]
    assert "Patient Pia" in wings and "its turn comes Thursday" in wings
    assert "Idle Ida" not in html
    assert [r.lead.name for r in agenda_for(alice, timezone.now()).waiting] == ["Patient Pia"]


def test_letting_go_into_revisit_uses_the_plans_date(client, alice, make_lead):
    lead = _contacted(make_lead, alice, name="Later Larry")
    when = timezone.now() + timedelta(days=120)
    _plan(lead, next_action="stop", next_state="revisit", plan_revisit_at=when)
    client.force_login(alice)
    assert "Let go: revisit" in client.get("/today/let-go/rows/").content.decode()
    client.post(f"/leads/{lead.pk}/outcome/", {"outcome": "stop"}, HTTP_HX_REQUEST="true")
    lead.refresh_from_db()
    assert lead.status == Status.REVISIT and lead.revisit_at == when


def test_today_counts_the_leads_to_let_go_and_loads_their_rows_when_their_section_is_seen(
    client, alice, bob, make_lead
):
    mine = [_contacted(make_lead, alice, name=f"Quiet {i}") for i in range(3)]
    for lead in mine:
        _plan(lead, next_action="stop", next_state="closed", next_due=None, priority=-1)
    _plan(_contacted(make_lead, bob, name="Not Mine"), next_action="stop", next_due=None)
    client.force_login(alice)
    html = client.get("/").content.decode()
    section = html.split('id="section-let-go"')[1].split("</section>")[0]
    assert '<span class="badge" id="count-let-go">3</span>' in section
    assert "Quiet 0" not in section  # not rendered with the page
    assert 'href="/today/let_go/"' in section  # and reachable without JavaScript
    rows = client.get("/today/let-go/rows/").content.decode()
    assert all(f'id="row-{lead.pk}"' in rows for lead in mine)
    assert "Not Mine" not in rows and rows.count("Keep chasing") == 3
    empty = client.get("/", {"owner": "all"})  # alice is no admin: still her own leads
    assert "Not Mine" not in client.get("/today/let-go/rows/?owner=all").content.decode()
    assert empty.status_code == 200


def test_today_never_offers_an_address_that_asked_not_to_be_contacted(client, alice, make_lead):
    from fairchase.leads.models import Suppression

    lead = make_lead(alice, name="Half Blocked", email="gone@example.com", phone="+12125550123")
    actions.add_commitment(lead, by="us", what="call back", due_at=timezone.now())
    Suppression.objects.create(value="gone@example.com", kind="email", reason="bounce")
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "Half Blocked" in page and "tel:+12125550123" in page
    assert "mailto:gone@example.com" not in page
    card = client.post(
        f"/leads/{lead.pk}/outcome/",
        {"outcome": "no_answer", "row": "followup"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "mailto:gone@example.com" not in card
