"""An imported lead is found by its name (eval35 #3): the import's bulk insert skipped the
folding of names (`Lead.search_name`), so "Vic Lind", imported, was found by nobody's search,
on the web or through the API, and someone phoning to say "stop calling me" could not be
found to be opted out. Now every import folds its names, a rename by a later import too, and
a migration folds the names the imports before it left empty."""

from __future__ import annotations

import pytest

from fairchase.api.models import ApiToken
from fairchase.leads.models import Lead
from fairchase.leads.search import folded
from tests.intake.importing import import_text
from tests.migrating import migrate, migrate_to_latest

FIRST = 'name,email\r\nVic Lind,vic.lind8@example.com\r\n"Núñez, José",jn@example.com\r\n'
RENAMED = "name,email\r\nVictor Lindqvist,vic.lind8@example.com\r\n"


def _found(client, q: str) -> set[str]:
    html = client.get("/leads/", {"q": q}).content.decode()
    return {lead.name for lead in Lead.objects.all() if f'<tr id="lead-{lead.pk}"' in html}


def _api_found(client, headers, q: str) -> set[str]:
    page = client.get("/api/leads", {"search": q}, headers=headers).json()
    return {item["name"] for item in page["items"]}


def test_an_imported_lead_is_found_by_its_name_on_the_web_and_the_api(client, alice):
    import_text(alice, FIRST)
    assert {lead.search_name for lead in Lead.objects.all()} == {
        folded("Vic Lind"),
        folded("Núñez, José"),
    }
    client.force_login(alice)
    headers = {"Authorization": f"Bearer {ApiToken.issue(alice, 'tests')[1]}"}
    assert _found(client, "Vic Lind") == {"Vic Lind"}
    assert _found(client, "jose nunez") == {"Núñez, José"}
    assert _api_found(client, headers, "Vic Lind") == {"Vic Lind"}
    import_text(alice, RENAMED)  # a match by email renames the lead
    assert _found(client, "Victor Lindqvist") == {"Victor Lindqvist"}
    assert _api_found(client, headers, "lindqvist") == {"Victor Lindqvist"}
    assert _found(client, "Vic Lind") == set()


@pytest.mark.django_db(transaction=True)
def test_the_migration_folds_the_names_imports_left_empty(alice):
    before = [("leads", "0019_contact_days_are_a_setting")]
    apps = migrate(before)
    Lead = apps.get_model("leads", "Lead")
    made = [
        Lead.objects.create(name=name, owner_id=alice.pk, search_name=stored).pk
        for name, stored in (("Vic Lind", ""), ("Hal Fox", "someone else"), ("Eve Moore", ""))
    ]
    try:
        apps = migrate([("leads", "0020_imported_leads_found_by_name")])
        Lead = apps.get_model("leads", "Lead")
        stored = dict(Lead.objects.filter(pk__in=made).values_list("name", "search_name"))
        assert stored == {name: folded(name) for name in ("Vic Lind", "Hal Fox", "Eve Moore")}
    finally:
        migrate_to_latest()
