"""What an import says of a row beyond its cells' values: a cell cut at the length limit,
an address sitting in a column no field reads, a sheet's totals rows below its people.

Each is a sentence on the row's line (or the file's), naming the column by its header, so
a person sees what was left out and where to look, and nobody is lost without a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from fairchase.leads.normalize import clean_text

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
    """Whether a cell looks like an email address (an @ in a word with a dot after it) or a
    phone number (digits and + ( ) - . / spaces, seven digits or more, written as a number
    is dialled: a leading +, 0 or bracket, or digits in groups; not a date)."""
    cell = cell.strip()
    if fname == "email":
        return bool(_EMAIL.search(cell))
    digits = sum(c.isdigit() for c in cell)
    return (
        digits >= 7
        and all(c.isdigit() or c in "+()-./ " for c in cell)
        # a bare number (a customer number, an amount) is not written as a phone is
        and (cell[0] in "+0(" or any(c in "-/ " for c in cell))
        and not _DATE.fullmatch(cell)
    )


def unread_addresses(cells: list[str], mapping: list[str], fields: dict) -> list[tuple[int, str]]:
    """(Column, field) of each column no field reads that holds what looks like the row's
    email or phone when the row has none: Outlook's "Telefon geschäftlich" left unmapped
    left its people with no phone, unsaid."""
    found = []
    for fname in ("email", "phone"):
        if fields.get(fname):
            continue
        for i, cell in enumerate(cells):
            if not (i < len(mapping) and mapping[i]) and looks_like(fname, cell):
                found.append((i, fname))
                break
    return found


def unread_said(seen: Counter, header: list[str]) -> list[str]:
    """Of the file as a whole: each unread column that held rows' only email or phone."""
    label = {"email": "email address", "phone": "phone number"}
    return [
        f"Column {column_name(header, i)} is not read, but {plural(n, 'row')} with no "
        f"{label[fname]} {'has one' if n == 1 else 'have one'} there: map it to "
        f"{fname.capitalize()} (on the web import's mapping page) to read it."
        for (i, fname), n in sorted(seen.items())
    ]


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
