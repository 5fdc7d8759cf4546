"""Our leads export imported into a Fairchase that never saw those people (a new install,
a restored backup, another branch) keeps who said no: a row whose Status reads "Opted out"
becomes an opted-out record with its addresses suppressed, and the addresses a row's "Not
to be contacted" cell names (a bounce) are suppressed, the lead kept. Before, the importer
read neither: everyone came back as an open lead to call, including those who opted out.
A dry run says so and suppresses nothing; the same columns in another tool's file mean
nothing (only our export's header maps them)."""

from __future__ import annotations

import io

from fairchase.intake.exporting import csv_lines
from fairchase.intake.importer import import_file
from fairchase.intake.mapping import detect_mapping
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.planning import reachable_channels


def _exported(alice, make_lead) -> bytes:
    ann = make_lead(alice, name="Ann Opt", email="ann@example.com")
    actions.opt_out(ann, user=alice)
    make_lead(alice, name="Bob Bounce", email="bob@example.com")
    actions.suppress("bob@example.com", "email", "bounce")
    make_lead(alice, name="Cy Clean", email="cy@example.com")
    data = "".join(csv_lines("leads", Lead.objects.all())).encode()
    Lead.objects.all().delete()  # the install it goes to never saw them
    Suppression.objects.all().delete()
    return data


def test_an_export_imported_into_another_install_keeps_who_said_no(alice, make_lead):
    data = _exported(alice, make_lead)
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice)
    assert (report.created, report.bad) == (3, 0), report.as_dict()
    ann, bob, cy = (Lead.objects.get(name=n) for n in ("Ann Opt", "Bob Bounce", "Cy Clean"))
    assert ann.status == Status.OPTED_OUT and reachable_channels(ann) == []
    assert {"ann@example.com", ann.phone} <= set(
        Suppression.objects.values_list("value", flat=True)
    )
    assert any("Ann Opt" in text and "never to be contacted" in text for _, text in report.warnings)
    assert bob.status == Status.OPEN and reachable_channels(bob) == ["call"]  # the phone still
    assert cy.status == Status.OPEN and reachable_channels(cy) == ["call", "email"]


def test_a_dry_run_says_who_would_be_opted_out_and_suppresses_nothing(alice, make_lead):
    data = _exported(alice, make_lead)
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice, dry_run=True)
    assert any("Ann Opt" in text and "never to be contacted" in text for _, text in report.warnings)
    assert not Suppression.objects.exists() and not Lead.objects.exists()


def test_a_status_column_in_another_tools_file_is_not_read():
    _, mapping = detect_mapping(["Name", "Email", "Status", "Not to be contacted"])
    assert mapping == ["name", "email", "", ""]


def test_a_dry_run_in_the_install_that_made_the_export_says_nothing_new(alice, make_lead):
    ann = make_lead(alice, name="Ann Opt", email="ann@example.com")
    actions.opt_out(ann, user=alice)
    data = "".join(csv_lines("leads", Lead.objects.all())).encode()
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice, dry_run=True)
    said = [text for _, text in report.asked_not]
    assert len(said) == 1 and "who opted out: that record stays opted out" in said[0], said
