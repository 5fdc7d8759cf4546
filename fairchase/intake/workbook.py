"""Read the rows of an Excel (.xlsx) workbook for an import, as `reading` reads a CSV file.

The rows come from the first sheet whose header row names lead fields (a workbook often
opens on a sheet of notes or totals), and a workbook of several sheets says, on its header
row, which it has and which was read. A cell holding a formula is read as the value Excel
saved with it; a formula without one (a file written by a program that never computed it)
is an empty cell the row says it left out (`Row.uncached`), never silently.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from itertools import islice

from . import reading
from .reading import Row, checked


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


def _bounded(ws):
    """A read-only worksheet's rows of values, bounded by the cells really present (its
    declared dimension is ignored), `reading.MAX_COLUMNS` wide and one row past
    `reading.MAX_ROWS` deep (read when called: a test may lower them)."""
    ws.reset_dimensions()
    return ws.iter_rows(max_col=reading.MAX_COLUMNS, max_row=reading.MAX_ROWS + 1, values_only=True)


def sheet_rows(ws, written=None) -> Iterator[tuple[int, tuple, dict[int, str]]]:
    """(row number, values, formulas without a saved value by column index) of the rows
    with a value or such a formula. `written` is the same sheet read for its formulas (a
    workbook loaded without `data_only`), or None when the workbook holds no formula."""
    if written is None:
        for i, values in enumerate(_bounded(ws), start=1):
            if any(v is not None for v in values):
                yield i, values, {}
        return
    for i, (values, formulas) in enumerate(
        zip(_bounded(ws), _bounded(written), strict=False), start=1
    ):
        uncached = {}
        if formulas != values:  # a row without formulas reads the same both ways (in C)
            uncached = {
                col: str(getattr(formula, "text", formula))  # an array formula's text is apart
                for col, (value, formula) in enumerate(zip(values, formulas, strict=False))
                if value is None and formula is not None
            }
        if uncached or any(v is not None for v in values):
            yield i, values, uncached


# A workbook is zipped XML, and openpyxl parses a member (the shared strings) whole on each
# load: 32 MiB of strings, an 86 KB upload, took 24 s a load. Real workbooks unzip to 5-30
# times their size, so one unzipping past UNZIPPED_RATIO times its size (beyond a floor a
# small workbook never reaches) or past UNZIPPED_UPLOADS uploads' worth is refused first.
UNZIPPED_RATIO = 100
UNZIPPED_FLOOR = 16 * 2**20
UNZIPPED_UPLOADS = 2
_CHUNK = 1 << 20


def max_unzipped() -> int:
    """The most a workbook may unzip to: a multiple of the largest upload (read when called:
    a test may lower the setting)."""
    from django.conf import settings

    return UNZIPPED_UPLOADS * settings.IMPORT_MAX_BYTES


def _mb(size: int) -> str:
    if size < 2**20:
        return f"{size / 2**10:,.0f} KB"
    return f"{size / 2**20:,.{1 if size < 10 * 2**20 else 0}f} MB"


def unzipped_problem(stream) -> str:
    """Why this workbook is refused before anything parses it (it is compressed in a way no
    spreadsheet writes, unzips to more than `max_unzipped()`, or to more than UNZIPPED_RATIO
    times its size), else "". Read from the sizes the archive states: zipfile, and so
    openpyxl, reads no member past its own, and only stored and deflated members are read
    within it (zipfile unpacks a bzip2 or LZMA read whole before cutting it, review22 #2)."""
    try:
        size = stream.seek(0, io.SEEK_END)
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except Exception:  # no archive zipfile reads: openpyxl says what is wrong with it
        return ""
    finally:
        stream.seek(0)
    if odd := next((i for i in members if _unreadable(i)), None):
        return (
            f"The workbook's part {odd.filename[:80]} is compressed in a way no spreadsheet "
            "writes: save it again from Excel, or as CSV."
        )
    unzipped = sum(info.file_size for info in members)
    if unzipped > max_unzipped():
        return (
            f"The workbook unzips to {_mb(unzipped)}, more than the {_mb(max_unzipped())} "
            "an import reads: split it, or save it as CSV."
        )
    if unzipped > max(UNZIPPED_FLOOR, UNZIPPED_RATIO * size):
        return (
            f"The workbook unzips to {_mb(unzipped)} from {_mb(size)}, over "
            f"{UNZIPPED_RATIO} times its size, as no spreadsheet does: save it again "
            "from Excel, or as CSV."
        )
    return ""


_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # all Excel, LibreOffice, Numbers write


def _unreadable(info: zipfile.ZipInfo) -> bool:
    """A member zipfile would unpack unbounded (bzip2, LZMA), or whose compressed size is
    far over its stated one (a false small size: deflate never grows data that much)."""
    grown = info.compress_size > info.file_size * 1.1 + 1024
    return info.compress_type not in _READABLE or grown


def _chunks(xml) -> Iterator[bytes]:
    """A member's bytes, a megabyte at a time, never past `max_unzipped()` (whatever the
    archive states)."""
    read, most = 0, max_unzipped()
    while read < most and (chunk := xml.read(_CHUNK)):
        read += len(chunk)
        yield chunk


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a cell's <f> element, in any namespace prefix


def has_formulas(stream) -> bool:
    """Whether a worksheet of this workbook holds a formula: a look through its XML, so a
    workbook without one (a CRM's export) is not read twice."""
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            for info in archive.infolist():
                name = info.filename
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with archive.open(info) as xml:
                    tail = b""
                    for chunk in _chunks(xml):
                        if _FORMULA.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    except Exception:  # a workbook openpyxl read but zipfile cannot: no second reading
        return False
    return False


def leads_sheet(wb, name: str = "") -> tuple[object, str]:
    """(The sheet to import, what to say of the choice): the sheet named `name` (a person's
    choice, case aside; KeyError when the workbook has none by that name), else the first
    whose header row (its first row with a value, or one below a title: `header_row`) names
    lead fields, else the first with cells; said only when the workbook has more than one sheet."""
    from .header_row import header_index

    sheets = wb.worksheets
    named = None
    if name:
        named = next((ws for ws in sheets if ws.title == name), None) or next(
            (ws for ws in sheets if ws.title.casefold() == name.casefold()), None
        )
        if named is None:
            raise KeyError(name)
    if len(sheets) < 2:
        return sheets[0], ""
    leads = next((ws for ws in sheets if header_index(_heads(ws)) is not None), None)
    # else the first with cells (an empty sheet is nothing to read)
    first = leads or next((ws for ws in sheets if _heads(ws)), sheets[0])
    names = ", ".join(f"“{ws.title}”" for ws in sheets)
    said = f"The workbook has {len(sheets)} sheets ({names})"
    if named is not None and named is not first:
        return named, f"{said}: read “{named.title}”, as chosen."
    if leads is None:
        return first, (
            f"{said} and no header row of them names a lead field: "
            f"read the first with cells, “{first.title}”."
        )
    return leads, f"{said}: read “{leads.title}”, the first whose header row names lead fields."


def sheets_to_choose(data: bytes) -> tuple[list[tuple[str, int]], str]:
    """([(title, data rows)] of a workbook's sheets holding values, the title of the one
    read when nobody chooses): what a person picks from when there is more than one; ([],
    "") for a workbook with one such sheet, or for a file that is no readable workbook."""
    from openpyxl import load_workbook

    try:
        if unzipped_problem(io.BytesIO(data)):
            return [], ""
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:
        return [], ""
    try:
        counts = [(ws.title, _rows_of(ws, archive)) for ws in wb.worksheets]
        counts = [(title, n - 1) for title, n in counts if n]  # the header is no data row
        if len(counts) < 2:
            return [], ""
        return counts, leads_sheet(wb)[0].title
    except Exception:  # a sheet that stops reading: the import itself says so
        return [], ""
    finally:
        wb.close()
        archive.close()


_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)[\s>]")  # a cell's value, or its inline string
# Bytes kept from one chunk to the next: enough for a tag cut in two (a namespace prefix
# is a few letters), never the text since the last row's end (whitespace between rows is
# legal and compresses 1000:1, so that text may be gigabytes).
_OVERLAP = 64


def _rows_of(ws, archive: zipfile.ZipFile) -> int:
    """The rows of a sheet holding a value: its XML's bytes scanned once (openpyxl reads
    each cell, seconds for a sheet of 50,000 rows), else read as the import reads them.
    Counting stops one past `reading.MAX_ROWS` (the import reads no further)."""
    path = getattr(ws, "_worksheet_path", None)
    if path is None or path not in archive.namelist():
        return sum(1 for _ in sheet_rows(ws))
    with archive.open(path) as xml:
        return _count_rows(_chunks(xml), reading.MAX_ROWS + 1)


def _count_rows(chunks: Iterator[bytes], most: int) -> int:
    """The rows with a value in a sheet's XML given in chunks, up to `most`: each byte
    scanned about once, whatever lies between the rows."""
    count, valued, tail = 0, False, b""
    for chunk in chunks:
        text = tail + chunk
        start = 0
        for end in _ROW_END.finditer(text):
            if valued or _VALUE.search(text, start, end.start()):
                count += 1
                if count >= most:
                    return count
            valued, start = False, end.end()
        # a value already seen in the tail belongs to the same unfinished row: seen twice, no harm
        valued = valued or bool(_VALUE.search(text, start))
        tail = text[max(start, len(text) - _OVERLAP) :]
    return count


def no_such_sheet(wb, name: str) -> str:
    """What to say of a sheet name the workbook does not have, naming those it has."""
    names = ", ".join(f"“{ws.title}”" for ws in wb.worksheets)
    return f"The workbook has no sheet “{name}”: its sheets are {names}."


def _heads(ws) -> list[list[str]]:
    """The cells of a sheet's first rows with values, where its header is (`header_row`)."""
    from .header_row import HEADER_WITHIN

    rows = sheet_rows(ws)
    try:
        return [
            [excel_cell_text(v) for v in values] for _, values, _ in islice(rows, HEADER_WITHIN)
        ]
    finally:
        rows.close()


def read_excel(stream, sheet: str = "") -> Iterator[Row]:
    """The rows of the workbook's sheet named `sheet`, else its sheet of leads
    (`leads_sheet`), never raising: a name it has no sheet by is a problem on line 1."""
    from openpyxl import load_workbook

    if too_big := unzipped_problem(stream):
        yield Row(1, problem=too_big)
        return
    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl's ValueError hides why: its cause says (eval32 #6)
        why = exc.__cause__ or exc
        yield Row(1, problem=f"Not a readable Excel workbook ({type(why).__name__}: {why}).")
        return
    formulas = None
    try:
        if not wb.worksheets:
            yield Row(1, problem="The workbook has no sheet of cells.")
            return
        try:
            ws, said = leads_sheet(wb, sheet)
        except KeyError:
            yield Row(1, problem=no_such_sheet(wb, sheet))
            return
        if has_formulas(stream):
            formulas = load_workbook(stream, read_only=True, data_only=False)
        yield from _rows(ws, formulas[ws.title] if formulas else None, said)
    except Exception as exc:
        yield Row(
            0, problem=f"The workbook stopped reading part-way ({type(exc).__name__}: {exc})."
        )
    finally:
        wb.close()
        if formulas is not None:
            formulas.close()


def _rows(ws, written, said: str) -> Iterator[Row]:
    """The rows of one sheet; the first (the header) says `said`."""
    for i, values, uncached in sheet_rows(ws, written):
        if i > reading.MAX_ROWS:
            yield Row(
                i,
                problem=f"The sheet has more than {reading.MAX_ROWS:,} rows: the rest was not read.",
            )
            return
        end = len(values)
        while end and values[end - 1] is None:
            end -= 1
        cells = [excel_cell_text(v) for v in values[:end]]
        if not uncached and not any(c.strip() for c in cells):
            continue
        row = checked(Row(i, cells, uncached=uncached))
        if said:
            row.warnings.append(said)
            said = ""
        yield row


def uncached_said(row: Row, mapping: list[str]) -> list[str]:
    """What a row says of its formulas without a saved value, in the columns the import
    reads (a formula in a column nobody imports loses nothing)."""
    from openpyxl.utils import get_column_letter

    from .mapping import FIELDS

    return [
        f"column {get_column_letter(col + 1)} ({FIELDS[mapping[col]]}) is a formula whose "
        f"value the file does not hold ({formula[:80]}): left out; open and save the "
        "workbook in Excel to keep its value."
        for col, formula in sorted(row.uncached.items())
        if col < len(mapping) and mapping[col] in FIELDS
    ]
