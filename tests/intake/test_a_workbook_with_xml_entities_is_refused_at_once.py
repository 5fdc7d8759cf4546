"""A workbook whose sheet declares XML entities (the "billion laughs": nested entities that
expand to gigabytes, eval32 #6, took 6 s of a web worker before the parser's own limit
stopped it) is refused as soon as its first entity is seen: openpyxl reads through
defusedxml, a dependency of ours."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from fairchase.intake.workbook import read_excel

LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>&c;</t></is></c></row>'
    "</sheetData></worksheet>"
)


def laughs() -> io.BytesIO:
    plain = io.BytesIO()
    Workbook().save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = LAUGHS.encode()
            dst.writestr(item, data)
    out.seek(0)
    return out


def test_a_workbook_declaring_entities_is_refused_unexpanded():
    rows = list(read_excel(laughs()))
    problems = [row.problem for row in rows if row.problem]
    assert problems and "EntitiesForbidden" in problems[0]
    assert not any("haha" in str(row) for row in rows)
