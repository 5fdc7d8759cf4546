"""A capture form whose owner leaves (deactivated) keeps working: its enquiries go to the
business owner (the first active owner/admin), the Capture page says so, and an admin gives
the form a new owner on its edit form (among people who still work here)."""

from __future__ import annotations

import json

from django.test import Client

from fairchase.intake.models import CaptureForm
from fairchase.leads.models import Lead, StatusChange


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _leaves(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def test_a_form_whose_owner_left_still_takes_enquiries_for_the_business_owner(alice, boss):
    form = CaptureForm.objects.create(name="Alice site", owner=alice)
    _leaves(alice)
    r = Client().post(
        f"/in/f/{form.key}/",
        {"name": "Ann Lee", "email": "ann@example.com"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert r.status_code == 200 and b"no longer active" not in r.content
    lead = Lead.objects.get(email="ann@example.com")
    assert lead.owner == boss
    assert StatusChange.objects.filter(
        lead=lead, reason__contains="for Boss: Alice no longer works here"
    ).exists()
    hook = Client().post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps({"name": "Ben Ode", "email": "ben@example.com"}),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.8",
    )
    assert hook.status_code == 202
    assert Lead.objects.get(email="ben@example.com").owner == boss


def test_the_capture_page_warns_and_names_who_takes_the_enquiries(alice, boss):
    CaptureForm.objects.create(name="Alice site", owner=alice)
    _leaves(alice)
    html = _client(boss).get("/in/").content.decode()
    assert "Alice no longer works here:" in html
    assert "this form's enquiries go to Boss (the business owner)" in html
    # the heading names who gets them now, not the former owner alone
    assert "for Boss while Alice's form has no owner</span></h3>" in html
    assert '<span class="muted small">for Alice</span>' not in html


def test_an_admin_gives_the_form_a_new_owner_among_people_who_still_work_here(
    alice, bob, charlie, boss
):
    form = CaptureForm.objects.create(name="Alice site", owner=alice)
    _leaves(alice)
    admin = _client(boss)
    admin.post(f"/in/forms/{form.pk}/", {"action": "save", "owner": charlie.pk})
    assert CaptureForm.objects.get(pk=form.pk).owner == alice  # charlie is inactive
    admin.post(f"/in/forms/{form.pk}/", {"action": "save", "owner": bob.pk})
    assert CaptureForm.objects.get(pk=form.pk).owner == bob
    Client().post(
        f"/in/f/{form.key}/", {"name": "Cy", "phone": "+12125550199"}, REMOTE_ADDR="203.0.113.9"
    )
    assert Lead.objects.get(phone="+12125550199").owner == bob
    # a salesperson cannot hand their own form to someone else
    mine = CaptureForm.objects.create(name="Bob site", owner=bob)
    _client(bob).post(f"/in/forms/{mine.pk}/", {"action": "save", "owner": boss.pk})
    assert CaptureForm.objects.get(pk=mine.pk).owner == bob
