"""What an import says of a row beyond its cells' values: a cell cut at the length limit,
an address sitting in a column no field reads, a sheet's totals rows below its people.

Each is a sentence on the row's line (or the file's), naming the column by its header, so
a person sees what was left out and where to look, and nobody is lost without a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from fairchase.leads.normalize import InvalidContact, clean_text

from .reading import MAX_FIELD, Row
from .report import plural

NAME_FIELDS = ("name", "first_name", "last_name")


def column_name(header: list[str], i: int) -> str:
    """A column as a person knows it: “Notes” (its header), or “column 3” without one."""
    named = header[i].strip() if i < len(header) else ""
    return f"“{named[:60]}”" if named else f"column {i + 1}"


def cut_said(row: Row, header: list[str]) -> list[str]:
    """A sentence for each cell of the row cut at MAX_FIELD characters (`reading.checked`)."""
    return [
        f"{column_name(header, i)} has {n:,} characters (the limit is {MAX_FIELD:,}): "
        f"only its first {MAX_FIELD:,} were imported."
        for i, n in sorted(row.cut.items())
    ]


def controls_said(row: Row, mapping: list[str], header: list[str]) -> list[str]:
    """A sentence for each read cell holding characters no typed text holds (a NUL byte,
    another control character, a noncharacter): the import leaves them out of the cell
    (`rows.parse_row` reads cells through `normalize.clean_text`), so the person comes in
    and the cell is still not changed unsaid (eval30 #6: a NUL cost the whole person)."""
    said = []
    for i, (cell, fname) in enumerate(zip(row.cells, mapping, strict=False)):
        removed = len(cell) - len(clean_text(cell)) if fname else 0
        if removed:
            nul = cell.count("\x00")
            what = [plural(nul, "NUL byte")] if nul else []
            if removed - nul:
                what.append(
                    plural(removed - nul, "other control character" if nul else "control character")
                )
            said.append(f"{column_name(header, i)}: {' and '.join(what)} left out of the cell.")
    return said


_EMAIL = re.compile(r"[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]{2,}")
_DATE = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}")


def looks_like(fname: str, cell: str) -> bool:
    """Whether a cell looks like an email address (an @ in a word with a dot after it) or
    holds a phone number the import reads as one (the project's phone reading, through
    phonenumbers in PHONE_REGION: "512.555.0199" and "5125550176" are, an amount or a
    customer number is not, and a date never)."""
    cell = cell.strip()
    if fname == "email":
        return bool(_EMAIL.search(cell))
    if sum(c.isdigit() for c in cell) < 7 or _DATE.fullmatch(cell):
        return False
    from .rows import _values, fast_normalize_phone

    for value in _values(cell, "phone"):
        try:
            fast_normalize_phone(value)
            return True
        except InvalidContact:
            continue
    return False


def addresses_in(cells: list[str], mapping: list[str] | None = None) -> dict[str, list[int]]:
    """The columns of a row whose cell looks like an email address or a phone number
    (`looks_like`); with a mapping, only among the columns it leaves unread or reads as
    that field (the others cannot tell where a row's address went unread)."""
    seen: dict[str, list[int]] = {}
    for fname in ("email", "phone"):
        cols = [
            i
            for i, cell in enumerate(cells)
            if (mapping is None or i >= len(mapping) or mapping[i] in ("", fname))
            and cell.strip()
            and looks_like(fname, cell)
        ]
        if cols:
            seen[fname] = cols
    return seen


def unread_addresses(
    seen: dict[str, list[int]], mapping: list[str], has: set[str] | None = None
) -> list[tuple[int, str]]:
    """(Column, field) of the first column no field reads that holds what looks like the
    row's email or phone (`addresses_in`) when the row has none (`has`: what its reading
    found; without it, what its mapped columns look like they hold). The web's mapping page
    and the import count with this one function: Outlook's "Telefon geschäftlich" or a
    sheet's "Ph#" left unmapped left its people with no phone, unsaid."""
    found = []
    for fname, cols in seen.items():
        mapped = [i < len(mapping) and mapping[i] for i in cols]
        if fname in has if has is not None else fname in mapped:
            continue
        unread = next((i for i, m in zip(cols, mapped, strict=True) if not m), None)
        if unread is not None:
            found.append((unread, fname))
    return found


def unread_in_row(cells: list[str], mapping: list[str], fields: dict) -> list[tuple[int, str]]:
    """`unread_addresses` of one row as read (`fields`: what its reading found), as the
    import and the web's mapping page (a job uploaded before its rows were looked at) count."""
    has = {f for f in ("email", "phone") if fields.get(f)}
    if len(has) == 2:
        return []
    return unread_addresses(addresses_in(cells, mapping), mapping, has)


def unread_said(seen: Counter, header: list[str]) -> list[str]:
    """Of the file as a whole: each unread column that held rows' only email or phone."""
    label = {"email": "email address", "phone": "phone number"}
    return [
        f"Column {column_name(header, i)} is not read, but {plural(n, 'row')} with no "
        f"{label[fname]} {'has one' if n == 1 else 'have one'} there: map it to "
        f"{fname.capitalize()} (on the web import's mapping page{_map_option(header, i, fname)})"
        " to read it."
        for (i, fname), n in sorted(seen.items())
    ]


def _map_option(header: list[str], i: int, fname: str) -> str:
    """How the command line maps a named column: ', or `fairchase import --map "Ph#=phone"`'."""
    named = header[i].strip() if i < len(header) else ""
    return f', or `fairchase import --map "{named}={fname}"`' if named and len(named) < 60 else ""


_TOTAL_WORDS = re.compile(
    r"(summe|gesamt|insgesamt|zwischensumme|total|totals|subtotal|sum|somme|suma)\b", re.I
)
_NUMBER = re.compile(r"[-+]?[\d.,' ]*\d[\d.,' ]*\s*(?:%|€|\$|£|eur|usd|chf)?", re.I)


def _total_like(row: Row, mapping: list[str]) -> tuple[bool, bool]:
    """(Whether the row could be a totals row: a name, no email, phone or company, every
    other filled cell a number or a formula; whether it surely is one: it has a formula
    cell, or its name says so ("Summe", "Gesamt: 2 Kunden") or is mostly digits). A plain
    number beside a normal name never makes it sure: that is a customer number or a deal
    value ("10235;Paul Weber;", "Bo Li,,800"), and dropping those people loses them."""
    if row.problem:
        return False, False
    name, sure = "", bool(row.uncached)
    for fname, cell in zip(mapping, row.cells, strict=False):
        cell = cell.strip()
        if not cell:
            continue
        if fname in NAME_FIELDS:
            name += cell
        elif fname not in ("", "value"):  # an address, a company, a said-no flag: a person
            return False, False
        elif cell.startswith("="):
            sure = True
        elif not _NUMBER.fullmatch(cell):
            return False, False
    if not name:
        return False, False
    return True, sure or bool(_TOTAL_WORDS.match(name)) or _mostly_digits(name)


def _mostly_digits(name: str) -> bool:
    """Whether a name cell is a count rather than a person ("12", "3 / 4")."""
    digits = sum(c.isdigit() for c in name)
    return digits > 0 and digits >= sum(c.isalpha() for c in name)


def with_totals(rows: Iterable[Row], mapping: list[str]) -> Iterator[tuple[Row, bool]]:
    """The rows, each with whether it is a totals row of a hand-kept sheet: among the rows
    at the end of the file that could be ("Summe" beside =SUM(D2:D3), "Gesamt: 2 Kunden"),
    when one of them surely is (`_total_like`). Rows that could be are held until a row
    that could not comes (then they are people after all) or the file ends."""
    held: list[Row] = []
    sure = False
    for row in rows:
        could, surely = _total_like(row, mapping)
        if could:
            held.append(row)
            sure = sure or surely
            continue
        yield from ((r, False) for r in held)
        held, sure = [], False
        yield row, False
    yield from ((r, sure) for r in held)


def total_said(row: Row, mapping: list[str]) -> str:
    """The report's line for a totals row, not imported."""
    name = " ".join(
        c.strip() for f, c in zip(mapping, row.cells, strict=False) if f in NAME_FIELDS
    ).strip()
    return (
        f"“{name[:80]}”: a totals row at the end of the sheet (a name and only numbers or "
        "formulas beside it, no email, phone or company): not imported as a lead."
    )
