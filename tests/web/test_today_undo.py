"""Today's one-click buttons answer with their own card and can be undone through an action.

Undo puts back the lead's state, counters and plan as they were before the click, and a
StatusChange row says it was undone. Won, Lost and Stop are undoable; "Keep chasing"
stands beside every "Let go"."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Attempt, BusinessSettings, Commitment, Lead, Status, StatusChange
from fairchase.web.agenda import agenda_for

PLAN = (
    "status",
    "attempt_count",
    "last_attempt_at",
    "first_response_at",
    "revisit_at",
    "won_value",
    "lost_reason",
    "next_action",
    "next_channel",
    "next_due",
    "next_state",
    "priority",
    "plan_reason",
)


@pytest.fixture(autouse=True)
def _a_stopped_clock(stop_clock):
    """An undo replans the lead: within contact hours a follow-up is due "now", a later now
    than before the click. The clock stands still (a Monday afternoon) so the plan put back
    is the plan taken away, whatever the hour the tests run."""
    stop_clock(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))


def _state(lead) -> dict:
    lead = Lead.objects.get(pk=lead.pk)
    return {f: getattr(lead, f) for f in PLAN}


def _click(client, lead, outcome: str, row: str = "followup") -> str:
    return client.post(
        f"/leads/{lead.pk}/outcome/", {"outcome": outcome, "row": row}, HTTP_HX_REQUEST="true"
    ).content.decode()


def _undo(client, lead, card: str) -> str:
    token = re.search(r'name="token" value="([^"]+)"', card).group(1)
    return client.post(
        f"/leads/{lead.pk}/undo/", {"token": token}, HTTP_HX_REQUEST="true"
    ).content.decode()


@pytest.mark.parametrize(
    "outcome", ["no_answer", "left_message", "talked", "replied", "won", "lost", "stop"]
)
def test_undo_restores_the_leads_state_and_plan_after_each_one_click_outcome(
    client, alice, make_lead, outcome
):
    lead = make_lead(alice, name="Mis Tap", created_at=timezone.now() - timedelta(days=4))
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
    before = _state(lead)
    client.force_login(alice)
    card = _click(client, lead, outcome)
    assert "data-done" in card and "<html" not in card  # only the card, never the page
    assert _state(lead) != before
    back = _undo(client, lead, card)
    assert _state(lead) == before
    assert f'id="row-{lead.pk}"' in back and "Undone: Mis Tap is back as before." in back
    assert Attempt.objects.filter(lead=lead).count() == 1
    change = StatusChange.objects.filter(lead=lead).latest("pk")
    assert change.reason.startswith("Undone:") and change.user == alice


def test_undoing_a_stop_leaves_a_new_enquiry_a_new_enquiry(client, alice, make_lead):
    lead = make_lead(alice, name="Fresh Fiona")
    Lead.objects.filter(pk=lead.pk).update(
        next_state="revisit", plan_revisit_at=timezone.now() + timedelta(days=30)
    )
    client.force_login(alice)
    card = _click(client, lead, "stop", row="new")
    assert Lead.objects.get(pk=lead.pk).status == Status.REVISIT
    back = _undo(client, lead, card)
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.revisit_at is None
    assert 'data-section="new"' in back
    assert [r.lead.pk for r in agenda_for(alice, timezone.now()).new] == [lead.pk]


def test_undoing_a_talk_puts_back_the_promise_it_kept(client, alice, make_lead):
    lead = make_lead(alice, name="Quote Quinn", created_at=timezone.now() - timedelta(days=3))
    actions.log_attempt(lead, "call", "talked", at=timezone.now() - timedelta(days=2))
    c = actions.add_commitment(
        lead, by="us", what="call back with the quote", due_at=timezone.now()
    )
    client.force_login(alice)
    card = _click(client, lead, "talked", row=f"commitment:{c.pk}")
    assert Commitment.objects.get(pk=c.pk).state == Commitment.State.DONE
    assert "Pin the next step with Quote Quinn" in card
    back = _undo(client, lead, card)
    assert Commitment.objects.get(pk=c.pk).state == Commitment.State.PENDING
    assert f'id="commitment-{c.pk}"' in back and "You promised: call back with the quote" in back


def test_keep_chasing_pins_one_more_try_and_its_undo_takes_the_pin_back(client, alice, make_lead):
    lead = make_lead(alice, name="Quiet Quentin", created_at=timezone.now() - timedelta(days=10))
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=9))
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed", priority=-1.0)
    client.force_login(alice)
    today = client.get("/today/let-go/rows/").content.decode()
    assert "Let go: closed" in today and "Keep chasing" in today
    card = _click(client, lead, "keep", row="let_go")
    c = Commitment.objects.get(lead=lead)
    assert c.state == Commitment.State.PENDING and c.by == "us"
    assert "Keep chasing Quiet Quentin: one more try pinned for" in card
    _undo(client, lead, card)
    assert Commitment.objects.get(pk=c.pk).state == Commitment.State.CANCELLED
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN


def test_the_lead_page_offers_keep_chasing_when_the_plan_says_stop(client, alice, make_lead):
    lead = make_lead(alice, name="Page Paula", created_at=timezone.now() - timedelta(days=10))
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=9))
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_state="closed", priority=-1.0)
    client.force_login(alice)
    html = client.get(f"/leads/{lead.pk}/").content.decode()
    quick = html.split('id="quick-outcomes"')[1].split("</section>")[0]
    assert 'value="keep"' in quick and "Keep chasing" in quick
    assert html.index('id="quick-outcomes"') < html.index(
        'id="details"'
    )  # "What happened?" comes first


def test_an_undo_token_for_another_lead_or_a_forged_one_changes_nothing(client, alice, make_lead):
    one, two = make_lead(alice, name="One"), make_lead(alice, name="Two")
    client.force_login(alice)
    card = _click(client, one, "won")
    token = re.search(r'name="token" value="([^"]+)"', card).group(1)
    for lead, tok in ((two, token), (one, token[:-3] + "abc")):
        html = client.post(
            f"/leads/{lead.pk}/undo/", {"token": tok}, HTTP_HX_REQUEST="true"
        ).content.decode()
        assert "Too late to undo" in html
    assert Lead.objects.get(pk=one.pk).status == Status.WON


def test_another_persons_lead_cannot_be_undone(client, alice, bob, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    card = _click(client, lead, "lost")
    client.force_login(bob)
    token = re.search(r'name="token" value="([^"]+)"', card).group(1)
    assert client.post(f"/leads/{lead.pk}/undo/", {"token": token}).status_code == 404
    assert Lead.objects.get(pk=lead.pk).status == Status.LOST


def test_a_captured_enquiry_is_first_in_respond_now_with_its_message(client, alice, make_lead):
    now = timezone.now()
    make_lead(alice, name="Waited Eight", value=9000, created_at=now - timedelta(hours=8))
    make_lead(alice, name="Waited Fifteen", value=12000, created_at=now - timedelta(hours=15))
    make_lead(
        alice,
        name="Fresh Attic",
        value=1500,
        created_at=now - timedelta(minutes=1),
        source="web_form",
        signals=["initiated_contact"],  # as a capture form records it: they wrote to us
        notes="Water coming into the attic <b>since last night</b>",
    )
    client.force_login(alice)
    new = client.get("/").content.decode().split('id="section-new"')[1].split("</section>")[0]
    names = re.findall(r'class="lead-name"[^>]*>([^<]+)<', new)
    assert names[0] == "Fresh Attic"
    assert (
        "Water coming into the attic &lt;b&gt;since last night&lt;/b&gt;" in new
    )  # their words, escaped


def test_every_section_is_complete_or_paginated(client, alice, make_lead):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"daily_minutes": 6}
    )
    came = timezone.now() - timedelta(days=6)
    leads = [make_lead(alice, name=f"Due {i:02d}", created_at=came) for i in range(30)]
    for i, lead in enumerate(leads):
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=5))
        Lead.objects.filter(pk=lead.pk).update(
            next_action="contact",
            next_channel="call",
            priority=100 - i,
            next_due=timezone.now() - timedelta(minutes=5),
        )
    client.force_login(alice)
    html = client.get("/").content.decode()
    link = re.search(
        r'href="(/today/followups/[^"]*)"[^>]*>(\d+) more due (?:today|\w+day): see all 30<',
        html,
    )
    assert link is not None
    shown = set(re.findall(r"Due \d\d", html))
    full = client.get(link.group(1)).content.decode()
    assert set(re.findall(r"Due \d\d", full)) == {f"Due {i:02d}" for i in range(30)}
    assert len(shown) + int(link.group(2)) == 30


def test_the_minutes_line_adds_up(client, alice, make_lead):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"daily_minutes": 90, "minutes_call": 6}
    )
    for i in range(3):
        make_lead(alice, name=f"New {i}")
    for i in range(4):
        lead = make_lead(alice, name=f"Old {i}", created_at=timezone.now() - timedelta(days=6))
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=5))
        Lead.objects.filter(pk=lead.pk).update(
            next_action="contact", next_channel="call", priority=5, next_due=timezone.now()
        )
    client.force_login(alice)
    line = client.get("/").content.decode().split('id="minutes">')[1].split("</p>")[0]
    line = line.split("plan: ")[
        -1
    ]  # on a Sunday: after "Sunday: not a contact day. Monday's plan: "
    numbers = [int(n) for n in re.findall(r"\d+", line)]
    assert numbers[0] == 90 and sum(numbers[1:]) == 90, line
    assert "18 for new enquiries" in line and "24 for follow-ups" in line


def test_every_commitment_due_is_listed_when_there_are_more_than_fit(client, alice, make_lead):
    from fairchase.web.agenda import COMMITMENT_LIMIT

    n = COMMITMENT_LIMIT + 3
    for i in range(n):
        lead = make_lead(alice, name=f"Promised {i:02d}")
        actions.add_commitment(
            lead,
            by="us",
            what=f"call back {i:02d}",
            due_at=timezone.now() - timedelta(minutes=i + 1),
        )
    client.force_login(alice)
    html = client.get("/").content.decode()
    section = html.split('id="section-commitments"')[1].split("</section>")[0]
    assert len(re.findall(r'id="commitment-\d+"', section)) == COMMITMENT_LIMIT
    link = re.search(
        r'href="(/today/commitments/[^"]*)"[^>]*>(\d+) commitments due: see all<', section
    )
    assert link and int(link.group(2)) == n
    full = client.get(link.group(1)).content.decode()
    assert set(re.findall(r"call back \d\d", full)) == {f"call back {i:02d}" for i in range(n)}


def test_undoing_a_left_message_in_automatic_mode_cancels_the_voicemail_email_it_queued(
    client, alice, make_lead
):
    from fairchase.leads.models import Profile
    from fairchase.outreach.models import OutboundMessage

    Profile.objects.filter(user=alice).update(outreach_mode="automatic")
    lead = make_lead(alice, name="Mis Tap", email="mis.tap@example.com")
    client.force_login(alice)
    card = _click(client, lead, "left_message")
    [queued] = OutboundMessage.objects.filter(lead=lead)
    assert (queued.state, queued.template.purpose) == ("queued", "voicemail")
    _undo(client, lead, card)
    queued.refresh_from_db()
    assert queued.state == "cancelled" and "undone" in queued.error
