"""A quote opened in a cell and never closed (an evaluator's finding): the csv reader read
every line after it into that one cell, so the people on the following lines (Cat, Dan)
were lost and the report said "2 rows: 1 created, 1 skipped" of a four-person file without
naming them. Now the line of the quote says so, its cell is read to the end of its line,
and the rows after it import."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.intake.reading import read_table
from fairchase.leads.models import Lead

FILE = (
    "Name,Email,Phone,Notes\r\n"
    "Ann Lee,ann@example.com,+12125550101,first\r\n"
    'Bob Marsh,bob@example.com,+12125550102,"He said ""call me"" later\r\n'
    "Cat Nolan,cat@example.com,+12125550103,third\r\n"
    "Dan Oakes,dan@example.com,+12125550104,fourth\r\n"
)


def test_the_rows_after_an_unclosed_quote_import(alice):
    report = import_file(io.BytesIO(FILE.encode()), alice, filename="people.csv")
    assert report.rows == 4 and report.created == 4 and report.bad == 0, report.as_dict()
    names = set(Lead.objects.values_list("name", flat=True))
    assert names == {"Ann Lee", "Bob Marsh", "Cat Nolan", "Dan Oakes"}
    assert Lead.objects.get(name="Bob Marsh").notes == 'He said "call me" later'
    assert report.warnings == [
        (
            3,
            "Bob Marsh: a quote opened here is never closed; its cell was read to the end "
            "of its line.",
        )
    ], report.warnings


def test_a_quote_closed_by_a_later_row_loses_nobody_either(alice):
    """The runaway cell ends at a quote of a later row (a csv error there, not at the end
    of the file): the rows it ran over import all the same."""
    data = FILE.replace("fourth", '"fourth, and last"')
    report = import_file(io.BytesIO(data.encode()), alice)
    assert report.created == 4 and report.bad == 0, report.as_dict()
    assert Lead.objects.get(name="Dan Oakes").notes == "fourth, and last"
    assert [line for line, _ in report.warnings] == [3]


def test_lines_that_are_no_rows_stay_in_the_cell(alice):
    """A note of several lines whose closing quote is missing at the end of the file: the
    lines after it are its own (none looks like a row), so the cell keeps them."""
    data = 'Name,Email,Notes\r\nAnn Lee,ann@example.com,"one\r\ntwo\r\nthree\r\n'
    rows = list(read_table(io.BytesIO(data.encode())))
    assert [(r.line, r.cells, r.problem) for r in rows] == [
        (1, ["Name", "Email", "Notes"], ""),
        (2, ["Ann Lee", "ann@example.com", "one\r\ntwo\r\nthree"], ""),
    ]
    assert rows[1].warnings == [
        "a quote opened here is never closed; its cell was read to the end of the file (line 4)."
    ]


def test_a_note_of_several_lines_is_still_one_cell():
    data = (
        'Name,Email,Notes\r\nAnn Lee,ann@example.com,"Called, left a message\r\n'
        'Lives at 1 Main St, Springfield"\r\nBob Marsh,bob@example.com,\r\n'
    )
    rows = list(read_table(io.BytesIO(data.encode())))
    assert [(r.line, r.cells[0], r.warnings) for r in rows[1:]] == [
        (2, "Ann Lee", []),
        (4, "Bob Marsh", []),
    ]
    assert rows[1].cells[2] == "Called, left a message\r\nLives at 1 Main St, Springfield"
