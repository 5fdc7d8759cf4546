"""A spreadsheet is read only as far as the cells really in it: a 5 kB .xlsx declaring
A1:XFD20001 (16,384 columns x 20,001 rows) reads its 3 rows and no more, a far-away
cell does not widen the rows past MAX_COLUMNS, and a sheet past MAX_ROWS is cut off
with a message. Checked on the cells read, not on time."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook, load_workbook

from fairchase.intake import reading, workbook


def _xlsx(rows, dimension: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    if dimension is None:
        return buf.getvalue()
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]+"', f'<dimension ref="{dimension}"'.encode(), data
                )
            z.writestr(item, data)
    return out.getvalue()


def _counted(data: bytes):
    """The rows sheet_rows gives (row number, values), and how many rows and cells openpyxl
    produced for them."""
    ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    seen = {"rows": 0, "cells": 0}
    produce = ws.iter_rows

    def counting(*args, **kwargs):
        for row in produce(*args, **kwargs):
            seen["rows"] += 1
            seen["cells"] += len(row)
            yield row

    ws.iter_rows = counting
    return [(i, values) for i, values, _ in workbook.sheet_rows(ws)], seen


PEOPLE = [
    ["Name", "Email", "Phone"],
    ["Ann", "ann@example.com", "+12125550100"],
    ["Bob", "bob@example.com", None],
]


def test_a_small_workbook_declaring_a_huge_range_reads_only_its_real_cells():
    data = _xlsx(PEOPLE, dimension="A1:XFD20001")
    assert len(data) < 6000
    rows, seen = _counted(data)
    assert [i for i, _ in rows] == [1, 2, 3]
    assert seen["rows"] == 3 and seen["cells"] <= 3 * reading.MAX_COLUMNS
    assert [r.cells for r in reading.read_table(io.BytesIO(data))] == [
        ["Name", "Email", "Phone"],
        ["Ann", "ann@example.com", "+12125550100"],
        ["Bob", "bob@example.com"],
    ]


def test_a_cell_far_to_the_right_does_not_widen_every_row():
    wb = Workbook()
    ws = wb.active
    for r in PEOPLE:
        ws.append(r)
    ws.cell(row=2, column=16_000, value="far away")
    buf = io.BytesIO()
    wb.save(buf)
    rows, seen = _counted(buf.getvalue())
    assert seen["cells"] <= 3 * reading.MAX_COLUMNS
    assert all(len(values) <= reading.MAX_COLUMNS for _, values in rows)


def test_a_sheet_longer_than_the_row_cap_is_cut_off_with_a_message(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 5)
    data = _xlsx([["Name", "Email"]] + [[f"P{i}", f"p{i}@example.com"] for i in range(20)])
    out = list(reading.read_table(io.BytesIO(data)))
    assert len(out) == 6 and "more than 5 rows" in out[-1].problem
    _, seen = _counted(data)
    assert seen["rows"] == 6


def test_a_csv_row_with_too_many_columns_is_reported_not_read():
    text = "Name,Email\n" + "Ann,ann@example.com" + ",x" * 5000 + "\nBob,bob@example.com\n"
    out = list(reading.read_table(io.BytesIO(text.encode())))
    assert "columns" in out[1].problem and out[2].cells == ["Bob", "bob@example.com"]
