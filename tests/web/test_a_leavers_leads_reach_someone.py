"""A salesperson leaves (deactivated): the owner's Today names the leads they still carry
and hands them all to someone in one click (one recorded reassignment per lead); the day's
minutes no longer count the leaver; a URL asking for the leaver keeps them in the select."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead, StatusChange
from fairchase.web.agenda import agenda_for


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _leaves(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def test_the_owners_today_names_a_leavers_leads_and_reassigns_them_all_in_one_click(
    alice, bob, boss, make_lead
):
    carried = [make_lead(alice) for _ in range(3)]
    parked = make_lead(alice)
    actions.stop_chasing(parked, "revisit", revisit_at=timezone.now() + timedelta(days=30))
    won = make_lead(alice)
    actions.mark_won(won, 100)
    _leaves(alice)
    html = _client(boss).get("/").content.decode()
    assert "4 leads of Alice, who no longer works here: reassign" in html
    assert "Reassign all 4" in html
    r = _client(boss).post("/leads/reassign-all/", {"leaver": alice.pk, "owner": bob.pk})
    assert r.status_code == 302
    for lead in [*carried, parked]:
        assert Lead.objects.get(pk=lead.pk).owner == bob
        assert StatusChange.objects.filter(
            lead=lead, user=boss, reason="Reassigned from Alice to Bob"
        ).exists()
    assert Lead.objects.get(pk=won.pk).owner == alice  # history stays whose it was
    assert "who no longer works here" not in _client(boss).get("/").content.decode()


def test_only_an_admin_reassigns_in_bulk_and_never_to_someone_who_left(
    alice, bob, charlie, boss, make_lead
):
    lead = make_lead(alice)
    _leaves(alice)
    assert (
        _client(bob).post("/leads/reassign-all/", {"leaver": alice.pk, "owner": bob.pk}).status_code
        == 404
    )
    assert "who no longer works here" not in _client(bob).get("/").content.decode()
    _client(boss).post("/leads/reassign-all/", {"leaver": alice.pk, "owner": charlie.pk})
    assert Lead.objects.get(pk=lead.pk).owner == alice


def test_everyones_minutes_count_only_people_who_still_work_here(alice, bob, boss, make_lead):
    make_lead(alice)
    make_lead(bob)
    per_person = BusinessSettings.current().daily_minutes
    boss = type(boss).objects.get(pk=boss.pk)  # its role as a request reads it
    assert agenda_for(boss, timezone.now()).budget_minutes == 2 * per_person
    _leaves(alice)
    assert agenda_for(boss, timezone.now()).budget_minutes == per_person


def test_a_url_asking_for_a_leaver_keeps_them_in_the_today_select(alice, boss, make_lead):
    make_lead(alice, name="Ann Leaver")
    make_lead(boss, name="Bo Boss")
    _leaves(alice)
    html = _client(boss).get(f"/?owner={alice.pk}").content.decode()
    assert f'<option value="{alice.pk}" selected>Alice (inactive)</option>' in html
    # the page is about her (her leads to reassign: `test_a_leavers_today_says_they_left`),
    # not the admin's own
    assert "Alice no longer works here: reassign their 1 lead." in html
    assert "Bo Boss" not in html


def test_the_leads_and_insights_selects_keep_a_leaver_the_url_asks_for(alice, boss, make_lead):
    make_lead(alice, name="Ann Leaver")
    _leaves(alice)
    admin = _client(boss)
    html = admin.get(f"/leads/?owner={alice.pk}").content.decode()
    assert f'<option value="{alice.pk}" selected>Alice (inactive)</option>' in html
    assert "Ann Leaver" in html
    html = admin.get(f"/insights/?owner={alice.pk}").content.decode()
    assert f'<option value="{alice.pk}" selected>Alice (inactive)</option>' in html
    # without asking for them, a leaver is no choice
    assert "(inactive)" not in admin.get("/leads/").content.decode()


def test_editing_a_leavers_lead_keeps_its_owner_and_says_they_left(alice, bob, boss, make_lead):
    lead = make_lead(alice, name="Ann Leaver", email="ann@example.com")
    _leaves(alice)
    admin = _client(boss)
    html = admin.get(f"/leads/{lead.pk}/edit/").content.decode()
    assert f'<option value="{alice.pk}" selected>Alice (inactive)</option>' in html
    r = admin.post(
        f"/leads/{lead.pk}/edit/",
        {
            "name": "Ann Leaver",
            "email": "ann@example.com",
            "phone": "+12125550177",
            "source": "referral",
            "owner": alice.pk,
        },
    )
    assert r.status_code == 302
    lead.refresh_from_db()
    assert (lead.owner, lead.phone) == (alice, "+12125550177")
