"""Each tool's export, imported from a sample file in the repository."""

from pathlib import Path

import pytest

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead, StatusChange

SAMPLES = Path(__file__).parent / "samples"


def run(alice, name, **kw):
    with open(SAMPLES / name, "rb") as f:
        return import_file(f, alice, filename=name, **kw)


def test_it_imports_a_hubspot_contacts_export(alice):
    report = run(alice, "hubspot_contacts.csv")
    assert report.preset == "hubspot"
    assert (report.created, report.bad) == (3, 0), report.errors
    ann = Lead.objects.get(email="ann.lee@example.com")
    assert (ann.name, ann.phone, ann.company, ann.source) == (
        "Ann Lee",
        "+12125550101",
        "Lee Dental",
        "web_form",
    )
    assert ann.notes == "Source in the imported file: Organic Search"
    assert ann.created_at.isoformat().startswith("2024-03-04T09:15")
    bob = Lead.objects.get(name="Bob Marsh")
    assert (bob.email, bob.phone) == ("bob@example.com", "+12125550102")
    assert (
        Lead.objects.get(name="Cara Nunez").phone == "+16465550103"
    )  # mobile when there is no phone


def test_it_imports_a_pipedrive_people_export(alice):
    report = run(alice, "pipedrive_people.csv")
    assert report.preset == "pipedrive"
    assert (report.created, report.bad) == (3, 0), report.errors
    dana = Lead.objects.get(name="Dana Ortiz")
    assert (dana.email, dana.phone, dana.company) == (
        "dana@ortizroofing.example",
        "+12125550111",
        "Ortiz Roofing",
    )
    assert Lead.objects.get(name="Fay Quinn").phone == "+16465550113"


def test_it_imports_a_google_contacts_export_with_an_embedded_newline(alice):
    report = run(alice, "google_contacts.csv")
    assert report.preset == "google"
    assert (report.created, report.bad) == (3, 0), report.errors
    gus = Lead.objects.get(name="Gus Reyes")
    assert gus.notes == "Met at the fair.\nWants a quote for catering\nOther phone: +12125550129"
    assert gus.phone == "+12125550121"  # the first of Google's ":::"-joined numbers
    assert gus.company == "Reyes Bakery"
    assert gus.source == "import"  # Google's "Labels" are not a lead source
    assert Lead.objects.get(name="Hana Sato").email == "hana.sato@example.com"


def test_it_imports_a_generic_header(alice):
    report = run(alice, "generic.csv")
    assert report.preset == "generic"
    assert (report.created, report.bad) == (3, 0), report.errors
    kim = Lead.objects.get(name="Kim Vance")
    assert (kim.source, str(kim.value)) == ("event", "1200.50")


def test_new_leads_get_a_status_change_and_a_plan(alice):
    run(alice, "generic.csv")
    jo = Lead.objects.get(name="Jo Underwood")
    assert StatusChange.objects.filter(lead=jo, new="open").count() == 1
    assert jo.planned_at is not None
    assert jo.owner == alice


@pytest.mark.parametrize(
    "name", ["hubspot_contacts.csv", "pipedrive_people.csv", "google_contacts.csv", "generic.csv"]
)
def test_a_second_import_of_the_same_file_changes_nothing(alice, name):
    run(alice, name)
    before = list(Lead.objects.order_by("pk").values())
    changes = StatusChange.objects.count()
    again = run(alice, name)
    assert (again.created, again.updated, again.bad) == (0, 0, 0)
    assert again.unchanged == 3
    assert list(Lead.objects.order_by("pk").values()) == before
    assert StatusChange.objects.count() == changes


def test_a_dry_run_saves_nothing_but_reports_what_would_happen(alice):
    report = run(alice, "hubspot_contacts.csv", dry_run=True)
    assert (report.created, report.bad) == (3, 0)
    assert "would be created" in report.summary()
    assert not Lead.objects.exists()


def test_a_quick_dry_run_can_stop_after_some_rows(alice):
    report = run(alice, "generic.csv", dry_run=True, max_rows=2)
    assert report.rows == 2 and report.summary().startswith("The first 2 rows")
