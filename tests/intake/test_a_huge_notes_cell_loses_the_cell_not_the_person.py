"""A CRM's notes cell holding a pasted mail thread (128,000 characters) cost the whole row:
"Not imported: line 2: Column 3 has 128,000 characters", naming neither the person nor the
column. A cell too long loses its end, never the person: the notes are cut at the limit and
the line names the person and the column's header. Only a row whose cells are not the
header's (a quote that ran away) is still refused."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.intake.reading import MAX_FIELD
from fairchase.leads.models import Lead


def test_the_person_comes_in_with_the_notes_cut_and_said(alice):
    long = "Gesprächsnotiz. " * 8000  # 128,000 characters
    text = f"Name,Email,Notizen\nLong Note,long@example.de,{long}\nAfter,after@example.de,ok\n"
    report = import_file(io.BytesIO(text.encode()), alice, filename="long.csv")
    assert (report.created, report.errors) == (2, []), report.as_dict()
    lead = Lead.objects.get(email="long@example.de")
    assert lead.notes == long[:MAX_FIELD]
    assert report.warnings == [
        (
            2,
            "Long Note: “Notizen” has 128,000 characters (the limit is 100,000): only its "
            "first 100,000 were imported.",
        )
    ]


def test_a_huge_cell_in_a_row_not_shaped_as_the_header_still_costs_the_row(alice):
    text = "Name,Email,Notes\nOdd Row,odd@example.de,x," + "y" * 150_000 + ",z\nOk,ok@example.de,\n"
    report = import_file(io.BytesIO(text.encode()), alice, filename="odd.csv")
    assert set(Lead.objects.values_list("name", flat=True)) == {"Ok"}
    assert report.errors and report.errors[0][0] == 2
