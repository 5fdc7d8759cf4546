"""What a row for someone already in the book changes of their lead: the fields that
differ (only blanks, for a second row of the person), notes only ever added to."""

from __future__ import annotations

from fairchase.leads.models import Lead

UPDATABLE = (
    "name",
    "company",
    "email",
    "phone",
    "source",
    "value",
    "timezone",
    "created_at",
    "notes",
)


def with_note(old: str, new: str) -> str | None:
    """The notes after importing `new`: appended when not already there; None when nothing
    changes. An import never replaces a note."""
    new = new.strip()
    if not new or " ".join(new.split()) in " ".join((old or "").split()):
        return None
    lines = [
        line
        for line in new.splitlines()
        if " ".join(line.split()) not in " ".join((old or "").split())
    ]
    added = "\n".join(lines).strip() if old else new
    if not added:
        return None
    return f"{old.rstrip()}\n\n{added}" if old and old.strip() else added


def row_changes(lead: Lead, fields: dict, fill_only: bool) -> dict:
    """Fields of the row that differ from the lead (fill_only: only where the lead is blank).
    Notes are only ever added to; an enquiry date only fills a blank."""
    out = {}
    for name in UPDATABLE:
        if name not in fields or name == "created_at":  # history: a re-import never moves it
            continue
        new, old = fields[name], getattr(lead, name)
        if name == "notes":
            merged = with_note(old, new)
            if merged is not None:
                out[name] = merged
            continue
        if name == "name" and new in (fields.get("email"), fields.get("phone")):
            continue  # a row without a name (named by its address) renames nobody
        if fill_only and old not in ("", None):
            continue
        if new != old:
            out[name] = new
    for name in ("consents", "signals"):
        merged = sorted(set(getattr(lead, name) or []) | set(fields.get(name, [])))
        if merged != sorted(getattr(lead, name) or []):
            out[name] = merged
    return out
