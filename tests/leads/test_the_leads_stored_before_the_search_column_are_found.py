"""The search reads a stored folded name (`Lead.search_name`, migration 0017): the leads
stored before it get theirs from the migration, so an owner's search finds them as it did."""

from __future__ import annotations

import pytest

from fairchase.leads.search import folded
from tests.migrating import migrate, migrate_to_latest

BEFORE = [("leads", "0016_lead_imported_at")]
AFTER = [("leads", "0017_lead_search_name")]
NAMES = ("Núñez, José, Jr.", "Dr. Olga Lopez", "Zoë O'Brien")


@pytest.mark.django_db(transaction=True)
def test_the_migration_folds_the_names_already_stored(alice):
    apps = migrate(BEFORE)
    Lead = apps.get_model("leads", "Lead")
    made = [Lead.objects.create(name=name, owner_id=alice.pk).pk for name in NAMES]
    try:
        apps = migrate(AFTER)
        Lead = apps.get_model("leads", "Lead")
        stored = dict(Lead.objects.filter(pk__in=made).values_list("name", "search_name"))
        assert stored == {name: folded(name) for name in NAMES}
    finally:
        migrate_to_latest()
