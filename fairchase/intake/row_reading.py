"""How an import reads one data row (`read_row`): its fields, or why it is skipped, and the
cells left out or worth a look. The import, its dry run and the web preview read rows
here, so the preview never shows a row the import will skip."""

from __future__ import annotations

from dataclasses import dataclass, field

from fairchase.leads.normalize import InvalidContact

from .header_aliases import phone_first
from .reading import Row
from .row_checks import controls_said, cut_said
from .rows import RowError, fast_normalize_phone, parse_row, row_name
from .workbook import uncached_said


@dataclass(slots=True)
class RowReading:
    """A data row as the import reads it: its fields, or why it is skipped (`skipped`, the
    report's message for its line); and the cells left out or worth a look (`warnings`)."""

    line: int
    fields: dict
    skipped: str = ""
    warnings: list[str] = field(default_factory=list)


def mapping_problem(mapping: list[str]) -> str:
    """Why no row of a file can be read with this mapping ("" when rows can be): none of its
    columns is mapped to a lead field. The import reports it on line 1 and the web preview
    says it in place of rows, so the two say one sentence."""
    if any(mapping):
        return ""
    return "No column could be matched to a lead field: map the columns first."


def read_row(row: Row, mapping: list[str], width: int, default_source: str, zone, header=()):
    """How an import reads one data row of a file whose header has `width` cells (named
    `header`). The one place deciding that a row is skipped and saying why (unreadable,
    wider than its header, nothing to know the person by): the import, its dry run and the
    web preview all read rows here, so the preview never shows a row the import will skip."""
    if row.problem:
        return RowReading(row.line, {}, row.problem)
    said = [*row.warnings, *(uncached_said(row, mapping) if row.uncached else [])]
    said += cut_said(row, list(header)) + controls_said(row, mapping, list(header))
    if len(row.cells) > width and any(c.strip() for c in row.cells[width:]):
        return _skipped(
            row,
            mapping,
            f"{len(row.cells)} cells but the header has {width}: "
            "a stray comma or an unquoted cell?",
        )
    problems: list[str] = []
    cells, fmap = phone_first(row.cells, mapping, header)  # a mobile's number first
    try:
        fields = parse_row(cells, fmap, default_source, problems, zone)
    except RowError as exc:
        return _skipped(row, mapping, " ".join([str(exc), *said]))
    if others := _other_phones(cells, fmap, phone_first(list(header), mapping, header)[0]):
        fields["notes"] = "\n".join(filter(None, [fields.get("notes", ""), *others]))
    return RowReading(row.line, fields, warnings=said + problems)


def _other_phones(cells: list[str], fmap: list[str], header: list[str]) -> list[str]:
    """Notes lines for the filled phone columns after the one read (an Outlook row with
    Business, Home and Mobile Phone keeps the mobile as its number): "Other phone: +1 312
    555 0140 (Business Phone)", so the office line is not thrown away unsaid."""
    columns = zip(cells, fmap, header, strict=False)
    filled = [(c.strip(), h) for c, f, h in columns if f == "phone" and c.strip()]
    if len(filled) < 2:  # most rows: no other number to keep, none to read
        return []
    seen = {_number(c) for c, _ in filled[:1]}
    out = []
    for cell, name in filled[1:]:
        if _number(cell) not in seen:
            seen.add(_number(cell))
            out.append(f"Other phone: {cell[:80]} ({name.strip()[:60]})")
    return out


def _number(cell: str) -> str:
    try:
        return fast_normalize_phone(cell)
    except InvalidContact:
        return cell


def _skipped(row: Row, mapping: list[str], why: str) -> RowReading:
    """A skipped row, said with the person it is about when the cells name one."""
    who = row_name(row.cells, mapping)
    return RowReading(row.line, {"name": who} if who else {}, (f"{who}: " if who else "") + why)
