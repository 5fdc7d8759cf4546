"""A workbook's sheets are counted for the sheet picker by scanning their XML. The scan kept
everything after the last `</row>` and scanned it again with every megabyte read, so a sheet
padded with whitespace between its rows (legal XML, compressing 1000:1) cost time growing
with the square of its size: a 266 KB upload held a web worker 39 s and 630 MB (eval23 #1).
Now each byte is scanned about once and counting stops past the rows the import reads.
Checked on the bytes handed to the scanner, not on time."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from fairchase.intake import reading, workbook

PADDING = 8 << 20  # bytes of spaces inside the second sheet's <sheetData>


def _padded(rows_other: int = 1, padding: int = PADDING) -> bytes:
    wb = Workbook()
    leads = wb.active
    leads.title = "Leads"
    leads.append(["Name", "Email"])
    leads.append(["Ann Lee", "ann@example.com"])
    other = wb.create_sheet("Other")
    other.append(["Name", "Email"])
    for i in range(rows_other):
        other.append([f"P{i}", f"p{i}@example.com"])
    buf = io.BytesIO()
    wb.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", b" " * padding + b"</sheetData>")
            z.writestr(item.filename, data)
    return out.getvalue()


class _Counting:
    """A compiled pattern that adds up the length of every text it is asked to scan."""

    def __init__(self, pattern) -> None:
        self.pattern, self.scanned = pattern, 0

    def __getattr__(self, name):
        method = getattr(self.pattern, name)

        def counted(text, *args, **kwargs):
            self.scanned += len(text)
            return method(text, *args, **kwargs)

        return counted


def test_a_sheet_padded_with_whitespace_is_scanned_once(monkeypatch):
    data = _padded()
    assert len(data) < 100_000  # a small upload
    sheets_xml = sum(
        info.file_size
        for info in zipfile.ZipFile(io.BytesIO(data)).infolist()
        if info.filename.startswith("xl/worksheets/")
    )
    row_end = _Counting(workbook._ROW_END)
    monkeypatch.setattr(workbook, "_ROW_END", row_end)
    assert workbook.sheets_to_choose(data) == ([("Leads", 1), ("Other", 1)], "Leads")
    assert sheets_xml <= row_end.scanned < sheets_xml + 64 * 1024, (row_end.scanned, sheets_xml)


def test_counting_stops_past_the_rows_the_import_reads(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 5)
    row_end = _Counting(workbook._ROW_END)
    monkeypatch.setattr(workbook, "_ROW_END", row_end)
    sheets, _ = workbook.sheets_to_choose(_padded(rows_other=50))
    assert sheets == [("Leads", 1), ("Other", 5)]  # the header and 5 rows: no more is read
    assert row_end.scanned < PADDING  # the padding after the rows never scanned
