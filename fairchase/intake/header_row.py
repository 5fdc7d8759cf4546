"""Find a file's header row when it is not the first: a hand-kept sheet opens with a title
("Kundenliste Müller & Söhne – Stand April"), a blank row, and names its columns on row 3.

The first row is the header when it names a lead field, as a CRM's export does (today's
reading). Else the header is the first of the next rows (within HEADER_WITHIN) that reads as
one (`reads_as_header`): the rows above it are a title, not read, and said so. When no row
does, the first row stays the header and the report says the header may be elsewhere. Rows
keep the file's own line numbers whichever row is the header.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from fairchase.leads.normalize import clean_text

from .mapping import detect_mapping
from .reading import Row, read_table

HEADER_WITHIN = 20  # rows looked at for a header below a title
# A row below the first is a header only when it names two fields a person is known by: a
# title row never does, and a data row rarely.
PERSON_FIELDS = {"name", "first_name", "last_name", "email", "phone", "company"}
NO_HEADER = (
    f"None of the first {HEADER_WITHIN} rows names a lead field (a column such as Name, "
    "Email or Phone): the first row was read as the header. If the header is on another "
    "row, delete the rows above it, or name its columns as the import knows them."
)


def names_fields(cells: list[str]) -> bool:
    """Whether a first row is a header: a cell of it names a lead field."""
    return any(detect_mapping(cells)[1])


def reads_as_header(cells: list[str]) -> bool:
    """Whether a row below the first is the header: two or more of its cells name what a
    person is known by (name, email, phone, company), and at least half its filled cells
    name lead fields; no cell is an address (a data row whose cells say "Email" or "Notes"
    is no header)."""
    filled = [c for c in cells if c.strip()]
    fields = [f for f in detect_mapping(cells)[1] if f]
    return (
        len(PERSON_FIELDS & set(fields)) >= 2
        and 2 * len(fields) >= len(filled)
        and not any("@" in c for c in filled)
    )


def header_index(rows: list[list[str]]) -> int | None:
    """Which of a file's first rows (their cells) is its header, by the rules above; None
    when none is."""
    if not rows:
        return None
    if names_fields(rows[0]):
        return 0
    return next((i for i, cells in enumerate(rows) if i and reads_as_header(cells)), None)


def split_header(rows: Iterable[Row]) -> tuple[Row | None, Iterator[Row]]:
    """(The header row, the data rows after it) of a file's rows; None for a file with none.
    A row that could not be read ends the search (it is said as it is today)."""
    rows = iter(rows)
    seen: list[Row] = []
    for row in rows:
        seen.append(row)
        found = names_fields(row.cells) if len(seen) == 1 else reads_as_header(row.cells)
        if row.problem or found or len(seen) >= HEADER_WITHIN:
            break
    if not seen:
        return None, iter(())
    first = seen[0]
    if first.problem:
        return first, chain(seen[1:], rows)
    at = header_index([r.cells for r in seen if not r.problem])
    if not at:
        if at is None:
            first.warnings.append(NO_HEADER)
        return first, chain(seen[1:], rows)
    header, above = seen[at], seen[:at]
    title = next((c.strip() for r in above for c in r.cells if c.strip()), "")
    lines = (
        f"line {above[0].line} above it was"
        if len(above) == 1 and above[0].line == header.line - 1
        else f"lines {above[0].line}-{header.line - 1} above it were"
    )
    header.warnings = [
        *(w for r in above for w in r.warnings),  # which sheet of a workbook was read
        f"The header is on line {header.line}: {lines} read as a title "
        f"(“{title[:60]}”), not as leads.",
        *header.warnings,
    ]
    return header, chain(seen[at + 1 :], rows)


def header_and_rows(stream, filename="", sheet="") -> tuple[Row | None, Iterator[Row]]:
    """The header row (None when unreadable) and an iterator over the data rows (of `sheet`):
    the header found below a title when the first row names no lead field (`split_header`).
    The header's words are read as typed text (`clean_text`): a NUL in a column's name
    would reach the import job's JSON fields, which PostgreSQL refuses."""
    header, rows = split_header(read_table(stream, filename, sheet))
    if header is not None:
        header.cells = [clean_text(cell) for cell in header.cells]
    return header, rows
