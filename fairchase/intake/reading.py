"""Read rows out of an uploaded CSV or Excel file, streamed and forgiving.

`read_table(stream)` yields `Row(line, cells, problem)`: the first row is the header.
Whatever the file holds (a BOM, Windows-1252 text, UTF-16 from Excel's "Unicode text",
embedded newlines, ragged rows, huge fields, NUL bytes, a corrupt workbook), reading
never raises: a row that cannot be read comes back with `problem` set and no cells.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

# A single cell longer than this is refused (a lead's notes fit; a runaway quote does not).
MAX_FIELD = 100_000
# The csv module's own ceiling, above MAX_FIELD so we can report the size ourselves.
csv.field_size_limit(4 * MAX_FIELD)
# A workbook is read only as far as the cells really in it, and never past these: a sheet
# may declare a range of A1:XFD1048576 in a few bytes (its "dimension").
MAX_COLUMNS = 256  # columns after this are not read (a lead needs a few dozen at most)
MAX_ROWS = 200_000

XLSX_MAGIC = b"PK\x03\x04"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Row:
    line: int  # 1-based line (CSV: where the record starts) or sheet row (Excel)
    cells: list[str] = field(default_factory=list)
    problem: str = ""


def _cp1252_fallback(exc: UnicodeDecodeError):
    # Bytes that are not UTF-8 are read as Windows-1252 (what Excel on Windows writes),
    # so a file mixing both still reads instead of failing halfway through.
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("fairchase_cp1252", _cp1252_fallback)


def is_excel(head: bytes) -> bool:
    return head.startswith(XLSX_MAGIC)


OLD_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE2 file: an old .xls workbook, whatever its name
OLD_XLS = "Old .xls workbooks are not supported: save it as .xlsx or CSV."
NOT_TEXT = (
    "This is not a CSV or Excel (.xlsx) file: its bytes are not text. Save the spreadsheet "
    "as CSV or .xlsx and import that."
)


def is_binary(head: bytes) -> bool:
    """Bytes no text file holds in numbers: a text file (CSV, in any 8-bit encoding or UTF-8)
    has almost no control bytes besides tab and line breaks; random or binary data has
    about one byte in eight. (UTF-16, with its BOM, is text full of NULs.)"""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or not head:
        return False
    controls = sum(1 for b in head if (b < 32 and b not in (9, 10, 13)) or b == 127)
    return controls > len(head) // 20


def read_table(stream, filename: str = "") -> Iterator[Row]:
    """Rows of a CSV or .xlsx file given as a binary stream (detected by content)."""
    try:
        head = stream.read(8192)
        stream.seek(0)
    except Exception as exc:  # an unreadable upload is still a report, not a crash
        yield Row(1, problem=f"Could not read the file: {exc}")
        return
    if is_excel(head):
        yield from _read_excel(stream)
    elif filename.lower().endswith((".xls",)) or head.startswith(OLD_XLS_MAGIC):
        yield Row(1, problem=OLD_XLS)
    elif is_binary(head):
        yield Row(1, problem=NOT_TEXT)
    else:
        yield from _read_csv(stream)


def _text_stream(stream) -> io.TextIOWrapper:
    head = stream.read(4)
    stream.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"  # strips a UTF-8 BOM when there is one
    errors = "fairchase_cp1252" if encoding == "utf-8-sig" else "replace"
    return io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")


class _Dialect(csv.excel):
    delimiter = ","


def _dialect(sample: str):
    """Comma, semicolon (European Excel), tab or pipe: whichever the header line uses most.
    (csv.Sniffer's regexes take seconds on a large sample.)"""
    first = sample.splitlines()[0] if sample else ""
    counts = {d: first.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])

    class Dialect(_Dialect):
        delimiter = best if counts[best] else ","

    return Dialect


def _read_csv(stream) -> Iterator[Row]:
    text = _text_stream(stream)
    try:
        sample = text.read(64 * 1024)
        text.seek(0)
    except Exception as exc:
        yield Row(1, problem=f"Could not read the file as text: {exc}")
        return
    if not sample.strip():
        yield Row(1, problem="The file is empty.")
        return
    dialect = _dialect(sample)
    # strict: an unclosed quote or a stray one is reported instead of swallowing lines.
    reader = csv.reader(text, dialect, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Row(start, problem=_csv_problem(exc))
            start = reader.line_num + 1
            continue
        except Exception as exc:
            yield Row(start, problem=f"Unreadable row: {exc}")
            return
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        yield _checked(Row(line, cells))


def _csv_problem(exc: csv.Error) -> str:
    msg = str(exc)
    if "unexpected end of data" in msg:
        return 'A quoted cell is never closed (a missing " before the end of the file).'
    if "expected" in msg and "delimiter" in msg:
        return f"A quote in the middle of a cell ({msg}): quote the whole cell and double inner quotes."
    if "field larger than field limit" in msg:
        return f"A cell is longer than {MAX_FIELD:,} characters (an unclosed quote?); the row was skipped."
    return f"Unreadable row ({msg})."


def _checked(row: Row) -> Row:
    """Refuse rows with NUL bytes, giant cells or too many columns, with a message a person understands."""
    if len(row.cells) > MAX_COLUMNS:
        return Row(
            row.line,
            problem=f"The row has {len(row.cells):,} columns (at most {MAX_COLUMNS} are read).",
        )
    for i, cell in enumerate(row.cells):
        if "\x00" in cell:
            return Row(
                row.line,
                problem=f"Column {i + 1} contains NUL bytes (binary data, or a UTF-16 file without a BOM?).",
            )
        if len(cell) > MAX_FIELD:
            return Row(
                row.line,
                problem=f"Column {i + 1} has {len(cell):,} characters (the limit is {MAX_FIELD:,}).",
            )
    return row


def excel_cell_text(value) -> str:
    """An Excel cell value as the text a person sees (phones stored as numbers keep their digits)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def sheet_rows(ws) -> Iterator[tuple[int, tuple]]:
    """(row number, values) of a read-only worksheet, bounded by the cells really present
    (its declared dimension is ignored), MAX_COLUMNS wide and one row past MAX_ROWS deep.
    Empty rows inside the data come back as one shared empty tuple each."""
    ws.reset_dimensions()
    rows = ws.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1, values_only=True)
    for i, values in enumerate(rows, start=1):
        if any(v is not None for v in values):
            yield i, values


def _read_excel(stream) -> Iterator[Row]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:
        yield Row(1, problem=f"Not a readable Excel workbook ({type(exc).__name__}: {exc}).")
        return
    try:
        for i, values in sheet_rows(wb.worksheets[0]):
            if i > MAX_ROWS:
                yield Row(
                    i, problem=f"The sheet has more than {MAX_ROWS:,} rows: the rest was not read."
                )
                return
            end = len(values)
            while end and values[end - 1] is None:
                end -= 1
            cells = [excel_cell_text(v) for v in values[:end]]
            if not any(c.strip() for c in cells):
                continue
            yield _checked(Row(i, cells))
    except Exception as exc:
        yield Row(
            0, problem=f"The workbook stopped reading part-way ({type(exc).__name__}: {exc})."
        )
    finally:
        wb.close()
