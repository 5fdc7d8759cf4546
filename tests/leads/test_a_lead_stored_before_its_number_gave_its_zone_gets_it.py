"""Leads stored before a number abroad gave a lead its zone (79e1f06), with such a number and
no zone, were planned on the business's contact hours for good: the rule applies only when a
number is added. The migration gives them the zone their number says, says so on their
timeline, and marks their plan for the worker to recompute; a zone already set, a home
number and a number whose prefix spans several zones are left as they are, as the rule
leaves them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.migrating import migrate, migrate_to_latest

BEFORE = [("leads", "0010_lead_owner_status_covering")]
AFTER = [("leads", "0011_lead_zone_from_number_abroad")]
PLANNED = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
PHONES = {
    "Renée Dubois": ("+33142685300", ""),  # Paris, no zone: the one to fill
    "Ola Norman": ("+442079460958", ""),  # London, no zone, and won
    "Toru Sato": ("+33142685301", "Asia/Tokyo"),  # a zone set stays
    "Hal Home": ("+13125550100", ""),  # a home number says nothing
    "Ivan Petrov": ("+79123456789", ""),  # a Russian mobile: eleven zones
    "Nadia Noph": ("", ""),
}


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_old_leads_the_zone_their_number_says(alice):
    apps = migrate(BEFORE)
    Lead = apps.get_model("leads", "Lead")
    made = {
        name: Lead.objects.create(
            name=name,
            phone=phone,
            timezone=zone,
            owner_id=alice.pk,
            status="won" if name == "Ola Norman" else "open",
            planned_at=PLANNED,
            created_at=timezone.now() - timedelta(days=2),
        ).pk
        for name, (phone, zone) in PHONES.items()
    }
    try:
        apps = migrate(AFTER)
        Lead, Change = apps.get_model("leads", "Lead"), apps.get_model("leads", "StatusChange")
        got = {name: Lead.objects.get(pk=pk) for name, pk in made.items()}
        assert {name: lead.timezone for name, lead in got.items()} == {
            "Renée Dubois": "Europe/Paris",
            "Ola Norman": "Europe/London",
            "Toru Sato": "Asia/Tokyo",
            "Hal Home": "",
            "Ivan Petrov": "",
            "Nadia Noph": "",
        }
        filled = {"Renée Dubois", "Ola Norman"}
        assert {name for name, lead in got.items() if lead.planned_at is None} == filled
        assert {name for name, lead in got.items() if lead.events == 1} == filled
        notes = {(c.lead_id, c.old, c.new, c.reason) for c in Change.objects.all()}
        assert notes == {
            (
                made["Renée Dubois"],
                "open",
                "open",
                "Time zone set to Europe/Paris from its number +33142685300, abroad: its "
                "contact hours are its own, not the business's (it was stored before a "
                "number abroad gave a lead its zone).",
            ),
            (
                made["Ola Norman"],
                "won",
                "won",
                "Time zone set to Europe/London from its number +442079460958, abroad: its "
                "contact hours are its own, not the business's (it was stored before a "
                "number abroad gave a lead its zone).",
            ),
        }
    finally:  # the latest schema again, for the tests that follow
        migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_the_worker_then_plans_the_lead_in_its_own_contact_hours(alice):
    from fairchase.leads.jobs import replan_stale
    from fairchase.leads.models import BusinessSettings
    from fairchase.leads.models import Lead as Today

    apps = migrate(BEFORE)
    Lead = apps.get_model("leads", "Lead")
    pk = Lead.objects.create(
        name="Renée Dubois",
        phone="+33142685300",
        owner_id=alice.pk,
        source="referral",
        value=2000,
        planned_at=timezone.now(),  # fresh: the worker would not look at it again for hours
        created_at=timezone.now() - timedelta(days=2),
    ).pk
    try:
        migrate_to_latest()
        business = BusinessSettings.current()  # Auckland's 08:00-20:00 is 20:00-08:00 in Paris
        business.business_timezone = "Pacific/Auckland"
        business.save()
        assert replan_stale() >= 1
        lead = Today.objects.get(pk=pk)
        assert lead.timezone == "Europe/Paris" and lead.next_action == "contact", lead.plan_reason
        assert 8 <= lead.next_due.astimezone(ZoneInfo("Europe/Paris")).hour < 20, lead.next_due
    finally:
        migrate_to_latest()


def test_the_migrations_reading_of_a_number_is_the_rules():
    from importlib import import_module
    from zoneinfo import available_timezones

    from fairchase.leads.normalize import zone_for_phone

    migration = import_module("fairchase.leads.migrations.0011_lead_zone_from_number_abroad")
    known = available_timezones()
    for phone in (
        "+33142685300",
        "+442079460958",
        "+49301234567",
        "+14165550123",  # Toronto, from a US business
        "+13125550100",
        "+79123456789",
        "+61212345678",
        "+81312345678",
        "+5511987654321",
        "not a number",
    ):
        assert migration.zone_of(phone, known) == zone_for_phone(phone), phone
