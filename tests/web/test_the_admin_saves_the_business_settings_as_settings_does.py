"""The business settings have two editors, Settings and /admin/ (review24 F13): both refuse
what the decision core would silently read otherwise (hours ending before they start, a zone
nobody can read), both count a save as a person's choice the same way, and both replan."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from fairchase.leads.models import BusinessSettings, Lead

from .test_an_unset_margin_is_said_until_someone_sets_it import _admin_form
from .test_settings import BUSINESS


@pytest.fixture
def root(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")
    client.force_login(user)
    return user


def _post_to_admin(client, **fields):
    settings = BusinessSettings.current()
    url = f"/admin/leads/businesssettings/{settings.pk}/change/"
    return client.post(url, _admin_form(settings, **fields))


def test_the_admin_refuses_contact_hours_that_end_before_they_start(client, root):
    r = _post_to_admin(client, contact_start="20:00", contact_end="08:00")
    assert r.status_code == 200 and "Contact hours must end after they start" in r.text
    stored = BusinessSettings.current()
    assert (stored.contact_start, stored.contact_end) == (time(8), time(20))


def test_the_admin_refuses_a_zone_nobody_can_read(client, root):
    r = _post_to_admin(client, business_timezone="Mars/Olympus")
    assert r.status_code == 200 and "Unknown time zone" in r.text
    assert BusinessSettings.current().business_timezone == "UTC"


def test_settings_refuse_hours_the_plan_would_read_as_its_default(client, boss):
    """Under 15 minutes the decision core plans 08:00-20:00: the form says so, not the plan."""
    client.force_login(boss)
    r = client.post("/settings/", {**BUSINESS, "contact_start": "08:00", "contact_end": "08:10"})
    assert "Contact hours must end after they start" in r.text
    assert BusinessSettings.current().contact_end == time(20)


def test_a_save_in_the_admin_replans_every_active_lead(client, root, alice, make_lead):
    lead = make_lead(alice)
    long_ago = timezone.now() - timedelta(hours=1)
    Lead.objects.filter(pk=lead.pk).update(planned_at=long_ago)
    r = _post_to_admin(client, contact_start="09:00", contact_end="17:00")
    assert r.status_code == 302, r.text[:2000]
    assert Lead.objects.get(pk=lead.pk).planned_at > long_ago


def test_a_zone_saved_in_the_admin_is_counted_as_settings_counts_it(client, root):
    r = _post_to_admin(client, business_timezone="America/Chicago")
    assert r.status_code == 302, r.text[:2000]
    stored = BusinessSettings.current()
    assert (stored.timezone_set, stored.margin_set) == (True, True)


def test_an_admin_save_leaving_the_zone_at_utc_does_not_answer_todays_question(client, root):
    assert _post_to_admin(client, margin="0.3").status_code == 302
    assert not BusinessSettings.current().timezone_set
