"""Read rows out of an uploaded CSV or Excel file, streamed and forgiving.

`read_table(stream)` yields `Row(line, cells, problem, warnings)`: the header is the first
row, or one below a title (`header_row`). Whatever the file holds (a BOM, Windows-1252 or
Shift-JIS text (`encoding`), UTF-16 from Excel's "Unicode text", embedded newlines, ragged rows, huge fields, NUL bytes, a quote never closed, a
corrupt workbook), reading never raises: a row that cannot be read comes back with
`problem` set and no cells; a row read with a guess (a quote never closed, read to the end
of its line) comes back with its cells and the guess in `warnings`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from .encoding import REPLACED, is_utf8, legacy_encoding, mostly_utf8

# A single cell longer than this is cut to it (a lead's notes fit; a pasted mail thread may
# not); a row whose cells are not the header's with such a cell (a runaway quote) is refused.
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
    warnings: list[str] = field(default_factory=list)  # read, with something to check
    # Excel: column index -> a formula whose value the file does not hold (the cell is empty)
    uncached: dict[int, str] = field(default_factory=dict)
    # column index -> the length of a cell cut to MAX_FIELD (said with its header: `importer`)
    cut: dict[int, int] = field(default_factory=dict)


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


def read_table(stream, filename: str = "", sheet: str = "") -> Iterator[Row]:
    """Rows of a CSV or .xlsx file given as a binary stream (detected by content); of a
    workbook, its sheet named `sheet` when one is named (`workbook.read_excel`)."""
    try:
        head = stream.read(8192)
        stream.seek(0)
    except Exception as exc:  # an unreadable upload is still a report, not a crash
        yield Row(1, problem=f"Could not read the file: {exc}")
        return
    if is_excel(head):
        from .workbook import read_excel

        yield from read_excel(stream, sheet)
    elif sheet:
        yield Row(
            1, problem=f"Only an Excel workbook has sheets: this file has no sheet “{sheet}”."
        )
    elif filename.lower().endswith((".xls",)) or head.startswith(OLD_XLS_MAGIC):
        yield Row(1, problem=OLD_XLS)
    elif is_binary(head):
        yield Row(1, problem=NOT_TEXT)
    else:
        yield from _read_csv(stream)


def _text_stream(stream) -> tuple[io.TextIOWrapper, str]:
    """The file as text, and what to say of its encoding ("" for UTF-8, UTF-16 with a BOM,
    Windows-1252). Bytes not in UTF-8 are read as Windows-1252 (`_cp1252_fallback`) unless
    the file's first bytes are in another encoding (`encoding.legacy_encoding`)."""
    head = stream.read(64 * 1024)
    stream.seek(0)
    encoding, errors, said = "utf-8-sig", "fairchase_cp1252", ""  # strips a UTF-8 BOM
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, errors = "utf-16", "replace"
    elif not head.startswith(codecs.BOM_UTF8) and not is_utf8(head) and not mostly_utf8(head):
        legacy, said = legacy_encoding(head)
        if legacy != "cp1252":
            encoding, errors = legacy, "replace"
    return io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline=""), said


class _Dialect(csv.excel):
    delimiter = ","


def _dialect(sample: str):
    """Comma, semicolon (European Excel), tab or pipe: of those seen in the first lines, the
    one whose split gives a header naming lead fields, else the most lines of one width.
    German Excel writes "Name, Vorname;E-Mail, privat": as many commas as semicolons in
    the header, but only the semicolon gives its rows the header's cells. A title above the
    header may hold any of them ("Kundenliste, Stand März 2024" over a semicolon file), so
    no one line decides. (csv.Sniffer's regexes take seconds on a large sample.)"""
    from .header_row import reads_as_header  # header_row reads rows with this module

    lines = sample.splitlines()[:20]
    seen = "\n".join(lines)
    starts = {d: next(i for i, ln in enumerate(lines) if d in ln) for d in ",;\t|" if d in seen}
    counts = {d: lines[i].count(d) for d, i in starts.items()}

    def fit(d: str) -> tuple[bool, int, int, int]:
        body = io.StringIO("\n".join(lines[starts[d] :]))
        records = [r for r in islice(csv.reader(body, delimiter=d), 8) if any(r)]
        widths = Counter(len(r) for r in records if len(r) > 1)
        header = any(reads_as_header(r) for r in records if len(r) <= 300)  # bounded cost
        return header, max(widths.values(), default=0), -starts[d], counts[d]

    best = max(counts, key=fit) if counts else ","

    class Dialect(_Dialect):
        delimiter = best

    return Dialect


class _Lines:
    """The file's lines as csv.reader pulls them, each numbered, with the lines of the
    record being read kept (`taken`), so a record that ran away can be read again from
    any of its lines (`again`)."""

    def __init__(self, text) -> None:
        self._text = text
        self.again: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self.read = 0  # lines read from the file so far

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.again:
            number, line = self.again.popleft()
        else:
            line = next(self._text)
            self.read += 1
            number = self.read
        self.taken.append((number, line))
        return line

    def start(self) -> int:
        """Begin a record; the number of its first line."""
        self.taken = []
        return self.again[0][0] if self.again else self.read + 1


def _read_csv(stream) -> Iterator[Row]:
    """The rows of a CSV file; the first says in which encoding it was read when that is
    worth saying, and a row holding U+FFFD (bytes its encoding has no character for) says so."""
    text, said = _text_stream(stream)
    for row in _csv_rows(text):
        if said:
            row.warnings.insert(0, said)
            said = ""
        if any("\ufffd" in cell for cell in row.cells):
            row.warnings.append(REPLACED)
        yield row


def _csv_rows(text) -> Iterator[Row]:
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
    lines = _Lines(text)
    # strict: an unclosed quote or a stray one is an error here, not a guess of the csv module.
    reader = csv.reader(lines, dialect, strict=True)
    width = 0  # the header's cells: what a row looks like
    while True:
        start = lines.start()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _runaway(lines, dialect, width, exc) or Row(start, problem=_csv_problem(exc))
            continue
        except Exception as exc:
            yield Row(start, problem=f"Unreadable row: {exc}")
            return
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > 1:  # a title above the header is no row's width
            width = width or len(cells)
        yield _short(checked(Row(start, cells), width), width)


SHORT = (
    "the row has {} of the header's {} cells: the last were read as empty (a separator "
    "other than the header's?)."
)


def _short(row: Row, width: int) -> Row:
    """A row with fewer cells than its header, said on its line: its last columns are read
    as empty, which is how a row split on the wrong separator loses its email and phone."""
    if 0 < len(row.cells) < width:
        row.warnings.append(SHORT.format(len(row.cells), width))
    return row


NEVER_CLOSED = "a quote opened here is never closed; {}."


def _runaway(lines: _Lines, dialect, width: int, exc: csv.Error) -> Row | None:
    """A record the csv module could not read because a quote opened in it is never closed
    (it ran to the end of the file, or to a quote of a later line that is no cell's end):
    read again to the end of the quote's line (`_read_open`), the lines after it read as
    rows of their own. The lines it ran over up to the first that looks like a row (the
    header's number of cells) are the cell's own (a note of several lines), and all of them
    when the file ends with none. None when it is not that: a record of one line that the
    end of the file did not cut, or one whose following lines look like no row."""
    taken = lines.taken
    ended = "unexpected end of data" in str(exc)
    if not taken or (len(taken) == 1 and not ended):
        return None
    width = width or len(_alone([taken[0][1]], dialect))
    rows_from = next(
        (i for i, (_, line) in enumerate(taken) if i and _looks_like_row(line, dialect, width)),
        None,
    )
    if rows_from is None and not ended:
        return None
    if rows_from is not None:
        lines.again.extendleft(reversed(taken[rows_from:]))
    own = taken[:rows_from] if rows_from is not None else taken
    cells, said = _read_open(own, dialect, width, to_the_end=rows_from is None)
    row = checked(Row(own[0][0], cells), width)
    if row.problem:
        row.problem = f"{said[0].upper()}{said[1:]} {row.problem}"
    else:
        row.warnings.append(said)
    return row


def _read_open(own: list[tuple[int, str]], dialect, width: int, to_the_end: bool):
    """(The cells, what to say) of the lines of a record whose quote is never closed: the
    quote closed at the end of their last line. A quote left open on a line of its own
    whose cell holds the rest of the header's cells ('"Cy Open,cy@example.com,,1') is a
    stray character: the line is read as those cells."""
    cells = _alone([line for _, line in own], dialect)
    if len(own) > 1:
        where = f"the file (line {own[-1][0]})" if to_the_end else f"line {own[-1][0]}"
        return cells, NEVER_CLOSED.format(f"its cell was read to the end of {where}")
    head, last = cells[:-1], (cells[-1] if cells else "")
    parts = last.split(dialect.delimiter)
    if len(cells) < width and len(head) + len(parts) == width:
        return head + parts, NEVER_CLOSED.format("it was read as a stray character")
    return cells, NEVER_CLOSED.format("its cell was read to the end of its line")


def _alone(lines: list[str], dialect) -> list[str]:
    """The cells of these lines read as one record, a quote left open at their end closed
    there (the csv module's reading when not strict); the last line's ending is no cell's."""
    lines = [*lines[:-1], lines[-1].rstrip("\r\n")]
    try:
        return next(csv.reader(lines, dialect), [])
    except csv.Error:
        return []


def _looks_like_row(line: str, dialect, width: int) -> bool:
    """Whether a line swallowed by an open quote is a row of the file: read alone, it has
    the header's number of cells (two or more), the first of them filled."""
    cells = _alone([line], dialect)
    return width >= 2 and len(cells) == width and bool(cells[0].strip())


def _csv_problem(exc: csv.Error) -> str:
    msg = str(exc)
    if "unexpected end of data" in msg:
        return 'A quoted cell is never closed (a missing " before the end of the file).'
    if "expected" in msg and "delimiter" in msg:
        return f"A quote in the middle of a cell ({msg}): quote the whole cell and double inner quotes."
    if "field larger than field limit" in msg:
        return f"A cell is longer than {MAX_FIELD:,} characters (an unclosed quote?); the row was skipped."
    return f"Unreadable row ({msg})."


def checked(row: Row, width: int = 0) -> Row:
    """Refuse rows with too many columns, with a message a person understands (a CSV row's
    or a workbook's). A cell longer than MAX_FIELD is cut to it (`Row.cut`), and a NUL byte
    or another control character is left out of its cell when the row is read
    (`row_checks.controls_said`): a bad cell loses the cell, never the person; only when the row's cells are not the
    header's (`width`, known for a CSV), a quote ran away with the rest of the file and
    the row is refused."""
    if len(row.cells) > MAX_COLUMNS:
        return Row(
            row.line,
            problem=f"The row has {len(row.cells):,} columns (at most {MAX_COLUMNS} are read).",
        )
    for i, cell in enumerate(row.cells):
        if len(cell) > MAX_FIELD and width and len(row.cells) != width:
            return Row(
                row.line,
                problem=f"Column {i + 1} has {len(cell):,} characters (the limit is {MAX_FIELD:,}).",
            )
        if len(cell) > MAX_FIELD:
            row.cut[i] = len(cell)
            row.cells[i] = cell[:MAX_FIELD]
    return row
