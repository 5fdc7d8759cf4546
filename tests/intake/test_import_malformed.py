"""A corpus of malformed files: every person with a name or an address imports (a bad
cell is left out with a warning), every problem is reported with its line number and a
reason, and nothing ever raises."""

import io
import os

import pytest
from openpyxl import Workbook

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead

HEADER = b"name,email,phone,notes\r\n"
GOOD = b"Ann Lee,ann@example.com,+12125550101,first\r\n"
GOOD2 = b"Bob Marsh,bob@example.com,+12125550102,second\r\n"


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# name -> (file bytes, names that must import, {line: words in the problem reported})
CORPUS = {
    "utf8_bom": (b"\xef\xbb\xbf" + HEADER + GOOD + GOOD2, {"Ann Lee", "Bob Marsh"}, {}),
    "windows_1252": (
        HEADER
        + "José Müller,jose@example.com,+12125550103,café “quoted”\r\n".encode("cp1252")
        + b"Bad Mail,not-an-email,,x\r\n",
        {"José Müller", "Bad Mail"},
        {3: "email"},
    ),
    "utf16_excel_unicode_text": (
        "name\temail\tphone\r\nAnn Lee\tann@example.com\t+12125550101\r\n".encode("utf-16"),
        {"Ann Lee"},
        {},
    ),
    "embedded_newlines": (
        HEADER
        + b'Ann Lee,ann@example.com,+12125550101,"line one\r\nline two\nthree"\r\n'
        + GOOD2
        + b"Cy Bad,not-an-email,,\r\n",
        {"Ann Lee", "Bob Marsh", "Cy Bad"},
        {6: "email"},
    ),
    "ragged_rows": (
        HEADER
        + b"Ann Lee,ann@example.com\r\n"
        + b"Bob Marsh,bob@example.com,+12125550102,n,EXTRA,MORE\r\n"
        + b"Cy Short\r\n",
        {"Ann Lee", "Cy Short"},
        {2: "of the header's 4 cells", 3: "cells", 4: "of the header's 4 cells"},
    ),
    "huge_field": (  # a bad cell loses the cell, not the person: cut, said by its header
        HEADER + b"Big Notes,big@example.com,," + b"x" * 300_000 + b"\r\n" + GOOD,
        {"Ann Lee", "Big Notes"},
        {2: "characters"},
    ),
    "nul_bytes": (  # a bad cell loses its bad characters, not the person (eval30 #6)
        HEADER + b"Nul\x00Name,nul@example.com,,\r\n" + GOOD,
        {"Ann Lee", "NulName"},
        {2: "“name”: 1 NUL byte left out of the cell"},
    ),
    "control_characters": (
        HEADER + b"Bell\x07 Ringer,bell@example.com,,a\x1b[31m note\r\n" + GOOD,
        {"Ann Lee", "Bell Ringer"},
        {2: "“notes”: 1 control character left out"},
    ),
    "bytes_no_encoding_reads": (  # UTF-8 with stray bytes: read, the row says so
        HEADER + "Zoë Ångström".encode() + b"\x81,odd@example.com,,\r\n" + GOOD,
        {"Ann Lee", "Zoë Ångström\ufffd"},
        {2: "could not be read in the file's encoding"},
    ),
    "unclosed_quote": (
        HEADER + GOOD + b'Bob Marsh,bob@example.com,,"never closed\r\nand on\r\n',
        {"Ann Lee", "Bob Marsh"},  # his cell read to the end of the file, with a warning
        {3: "never closed"},
    ),
    "bad_values": (
        b"name,email,phone,created,value,timezone\r\n"
        b"Ann Lee,ann@example.com,+12125550101,2024-01-02,100,America/Chicago\r\n"
        b"Bad Phone,,12,,,\r\n"
        b"Bad Date,d@example.com,,not a date,,\r\n"
        b"Bad Value,v@example.com,,,lots,\r\n"
        b"Bad Zone,z@example.com,,,,Mars/Olympus\r\n"
        b",,,,,\r\n"
        b"  ,  ,  ,2024-01-01,,\r\n",
        {"Ann Lee", "Bad Phone", "Bad Date", "Bad Value", "Bad Zone"},
        {3: "phone", 4: "date", 5: "number", 6: "time zone", 8: "email or phone"},
    ),
    "empty": (b"", set(), {1: "empty"}),
    "header_only": (HEADER, set(), {}),
    "no_known_columns": (b"foo,bar\r\n1,2\r\n", set(), {1: "map the columns"}),
    "random_binary": (os.urandom(2048).replace(b"PK", b"pk"), set(), None),
    "corrupt_xlsx": (b"PK\x03\x04" + b"\x00garbage" * 100, set(), {1: "Excel"}),
    "old_xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, set(), None),
    "excel_with_bad_rows": (
        xlsx(
            [
                ["Name", "Email", "Phone"],
                ["Ann Lee", "ann@example.com", 12125550101],
                ["Bad Mail", "nope", None],
                [None, None, None],
                ["Bob Marsh", None, "+12125550102"],
            ]
        ),
        {"Ann Lee", "Bob Marsh", "Bad Mail"},
        {3: "email"},
    ),
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_malformed_file_imports_every_person_and_reports_every_problem(alice, name):
    data, good, bad = CORPUS[name]
    report = import_file(io.BytesIO(data), alice, filename=f"{name}.csv")
    assert set(Lead.objects.values_list("name", flat=True)) == good, report.errors
    if bad is not None:
        reported = dict(report.errors + report.warnings)
        assert set(reported) == set(bad), report.errors
        for line, words in bad.items():
            assert words.lower() in reported[line].lower(), (line, reported[line])
    for line, reason in report.errors:
        assert isinstance(line, int) and reason.strip()
    assert report.created == len(good)


def test_a_file_of_only_bad_rows_still_returns_a_report(alice):
    data = HEADER + b"".join(
        b",bad%d,1,\r\n" % i for i in range(50)
    )  # no name and no usable address
    report = import_file(io.BytesIO(data), alice)
    assert report.bad == 50 and report.created == 0
    assert [line for line, _ in report.errors] == list(range(2, 52))


def test_windows_1252_text_is_read_as_such(alice):
    data = CORPUS["windows_1252"][0]
    import_file(io.BytesIO(data), alice)
    assert Lead.objects.get(name="José Müller").notes == "café “quoted”"


def test_a_bad_cell_is_left_out_and_the_person_comes_in_with_every_problem_named(alice):
    data = (
        b"First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Notes\r\n"
        b"Gwen,Hale,gwen@example.co.uk,020 7946 0018,Flat roof over bakery leaking\r\n"
        b"Hal,Ives,hal@example.com,555 0134,\r\n"
        b"Ida,Jones,not-an-address ::: ida@example.com,12,\r\n"
    )
    report = import_file(io.BytesIO(data), alice, filename="contacts.csv")
    assert report.created == 3 and report.bad == 0, report.errors
    assert (
        Lead.objects.get(name="Ida Jones").email == "ida@example.com"
    )  # the valid one of a ::: cell
    # the unreadable number is kept as written in the notes, to fix by hand
    assert Lead.objects.get(name="Gwen Hale").notes == (
        "Flat roof over bakery leaking\nUnreadable phone in the imported file: 020 7946 0018"
    )
    problems = [text for _, text in report.warnings]
    assert [line for line, _ in report.warnings] == [2, 3, 4, 4]
    assert problems[0].startswith("Gwen Hale: phone '020 7946 0018' left out")
    assert problems[2].startswith("Ida Jones: email 'not-an-address' left out")
    assert problems[3].startswith("Ida Jones: phone '12' left out")


def test_a_formula_in_a_value_cell_loses_the_value_not_the_person(alice):
    data = b'name,email,value\r\nKai Lund,kai@example.com,=SUM(B2:B4)\r\nLea Moss,lea@example.com,"$2,500"\r\n'
    report = import_file(io.BytesIO(data), alice)
    assert report.created == 2, report.errors
    assert Lead.objects.get(name="Kai Lund").value is None
    assert str(Lead.objects.get(name="Lea Moss").value) == "2500.00"
    assert report.warnings == [
        (2, "Kai Lund: value: '=SUM(B2:B4)' is not a number. The value was left out.")
    ]
