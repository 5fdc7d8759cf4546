"""An email address typed in a row's Name cell ("Nora Ash <nora.ash@example.com>", a bare
" hana.kim@EXAMPLE.net "): read as the row's email, the name written beside it as its name.
Left as a name, it made a lead named by an address with no email to reach them by, and a
second record of someone the book already had under that address."""

from __future__ import annotations

import re

from fairchase.leads.normalize import InvalidContact, normalize_email

# Something@something, up to a space, a bracket, a quote or a separator.
_ADDRESS = re.compile(r"(?:mailto:)?([^\s<>()\[\]\"',;]+@[^\s<>()\[\]\"',;]+)", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"<\s*>|\(\s*\)|\[\s*\]")
_AROUND_A_NAME = " \t<>()[]\"'-:,;|"


def split_name(cell: str) -> tuple[str, str]:
    """(The name, the address as written) of a Name cell holding an address: "Nora Ash
    <nora@x.com>" -> ("Nora Ash", "nora@x.com"); '"Stone, Ann" <ann@x.com>' -> ("Stone,
    Ann", ...); a bare address -> ("", address). A cell without one: (cell, "")."""
    found = _ADDRESS.search(cell)
    if found is None:
        return cell, ""
    rest = _EMPTY_BRACKETS.sub(" ", cell[: found.start()] + " " + cell[found.end() :])
    return " ".join(rest.strip(_AROUND_A_NAME).split()), found.group(1)


def address_in_name(
    cell: str, email: str, problems: list[str], extra: list[str]
) -> tuple[str, str]:
    """(The row's name cell, the row's email) once an address typed in the Name cell is read:
    it is the email when the Email column gives none (matched like any email), and the name
    is what is written beside it (none: the row is named as a row without a name is). When
    the Email column has another address, the Email column's is kept, the other goes to the
    notes (`extra`) and `problems` says so; an address that is not a valid one stays part of
    the name, with a line in `problems`."""
    name, written = split_name(cell)
    if not written:
        return cell, email
    try:
        address = normalize_email(written)
    except InvalidContact as exc:
        problems.append(f"name: {written[:60]!r} looks like an email address but is not one: {exc}")
        return cell, email
    if email and address != email:
        problems.append(
            f"name: it holds the address {address}, not the Email column's {email}: "
            "the Email column's kept, the other kept in the notes."
        )
        extra.append(f"Other email: {address}")
    return name, email or address
