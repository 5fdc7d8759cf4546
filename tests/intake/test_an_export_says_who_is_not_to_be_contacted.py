"""A leads export says which addresses nobody may use, as the lead page does ("(not to be
contacted)"): a won customer who opted out on a later record keeps "Won" and the "Mailing
list" consent they gave, so before, their row read as someone to put on the newsletter.
The column is left out when the export is imported back (nothing changes)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead

COLUMN = "Not to be contacted"


def _rows_csv(client) -> dict[int, dict]:
    text = b"".join(client.get("/in/export/leads.csv").streaming_content).decode("utf-8-sig")
    return {int(row["Fairchase ID"]): row for row in csv.DictReader(io.StringIO(text))}


def _rows_xlsx(client) -> dict[int, dict]:
    data = b"".join(client.get("/in/export/leads.xlsx").streaming_content)
    ws = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in ws.iter_rows(2)]
    return {int(row["Fairchase ID"]): row for row in rows}


def test_the_leads_export_names_the_addresses_nobody_may_use(client, alice, make_lead):
    ann = make_lead(alice, name="Ann Lee", email="ann@example.com", consents=["mailing_list"])
    actions.mark_won(ann, 5000, user=alice)
    again = make_lead(alice, name="Ann Lee", email="ann@example.com", phone=ann.phone)
    actions.opt_out(again, user=alice)  # on the later record: the won one stays won
    bob = make_lead(alice, name="Bob Stone", email="bob@example.com")
    actions.suppress("bob@example.com", "email", "bounce")
    cy = make_lead(alice, name="Cy Young", email="cy@example.com")
    assert Lead.objects.get(pk=ann.pk).status == "won"
    client.force_login(alice)
    for rows in (_rows_csv(client), _rows_xlsx(client)):
        assert rows[ann.pk]["Status"] == "Won"
        assert rows[ann.pk]["Consents"] == "Mailing list"
        assert rows[ann.pk][COLUMN] == "Email; Phone"
        assert rows[again.pk][COLUMN] == "Email; Phone"
        assert rows[bob.pk][COLUMN] == "Email"
        assert rows[cy.pk][COLUMN] in ("", None)
    assert Lead.objects.get(pk=bob.pk).email == "bob@example.com"  # the record is whole


def test_the_column_is_left_out_when_the_export_is_imported_back(client, alice, make_lead):
    lead = make_lead(alice, name="Bob Stone", email="bob@example.com")
    actions.suppress(lead.email, "email", "bounce")
    client.force_login(alice)
    data = b"".join(client.get("/in/export/leads.csv").streaming_content)
    report = import_file(io.BytesIO(data), alice, filename="leads.csv", user=alice)
    assert report.bad == 0 and not report.warnings, (report.errors, report.warnings)
    assert (report.created, report.updated) == (0, 0)
