"""A lead an import opts out because its row says so (an "Opted out" column) says which
file, line and who ran it, as the import's other notes do, on a new record and on an
existing one alike. Before, a new person read "This person opted out before: ivy@...
asked not to be contacted on <the import's own minute>" (eval27 #8, eval24 #11: nobody
asked then, and no earlier record exists), and an existing lead whose row also filled a
blank read "... Confirmed in an edit" (no edit was made)."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead, Status

HEADER = "Name,Email,Phone,Opted out\n"


def _import(owner, text: str, filename: str = "imp1.csv", user=None):
    return import_file(io.BytesIO(text.encode()), owner, filename=filename, user=user)


def _opt_out_reason(lead: Lead) -> str:
    row = lead.status_changes.filter(new=Status.OPTED_OUT).exclude(old=Status.OPTED_OUT).get()
    return row.reason


def test_a_new_person_opted_out_by_the_file_says_its_line(alice):
    report = _import(
        alice, HEADER + "Ann Open,ann@example.com,,\nIvy Import,ivy@example.com,,yes\n"
    )
    assert report.created == 2
    ivy = Lead.objects.get(name="Ivy Import")
    assert ivy.status == Status.OPTED_OUT
    reason = _opt_out_reason(ivy)
    assert reason == (
        "Imported: its row says they opted out: line 3 of the import of imp1.csv, "
        "by the command line."
    )
    assert "before" not in reason
    (line, said) = next(w for w in report.warnings if w[0] == 3)
    assert "line 3 of the import of imp1.csv" in said and "before" not in said


def test_an_existing_lead_opted_out_by_a_row_that_fills_a_blank_says_its_line(alice, make_lead):
    hal = make_lead(alice, name="Hal Hostile", email="hal@example.com", phone="")
    _import(alice, HEADER + "Hal Hostile,hal@example.com,+13125550112,yes\n", "imp2.csv")
    hal.refresh_from_db()
    assert hal.status == Status.OPTED_OUT and hal.phone == "+13125550112"
    reason = _opt_out_reason(hal)
    assert reason.startswith(
        "Imported: its row says they opted out: line 2 of the import of imp2.csv, "
        "by the command line"
    ), reason
    assert "in an edit" not in reason and "before" not in reason


def test_an_existing_lead_opted_out_by_its_row_alone_says_its_line(alice, make_lead):
    hal = make_lead(alice, name="Hal Hostile", email="hal@example.com", phone="+13125550112")
    _import(alice, HEADER + "Hal Hostile,hal@example.com,+13125550112,yes\n", "imp2.csv")
    hal.refresh_from_db()
    assert _opt_out_reason(hal) == (
        "Imported: its row says they opted out: line 2 of the import of imp2.csv, "
        "by the command line"
    )


def test_an_import_by_a_person_names_them_as_the_rows_user(alice):
    _import(alice, HEADER + "Ivy Import,ivy@example.com,,yes\n", "webimp.csv", user=alice)
    ivy = Lead.objects.get(name="Ivy Import")
    row = ivy.status_changes.filter(new=Status.OPTED_OUT).exclude(old=Status.OPTED_OUT).get()
    assert row.user == alice
    assert (
        row.reason == "Imported: its row says they opted out: line 2 of the import of webimp.csv."
    )
