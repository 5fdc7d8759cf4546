"""The timeline row of an edit of a lead's details: which detail changed, from what to what,
through which door. The address we contact someone on decides who gets the next message
(and an opt-out follows addresses), so a changed email must be as traceable as a status."""

from __future__ import annotations

from ..models import SOURCES, Lead

# The details whose change is written on the timeline, in the order it says them (the owner
# has its own row, `reassign`; notes are the timeline's own text, added to, never replaced).
RECORDED = ("name", "email", "phone", "company", "value", "source", "timezone")
LABELS = {"timezone": "time zone"}


def before_edit(lead: Lead, fields: dict) -> dict:
    """The recorded details `fields` would change, as the lead has them now."""
    return {k: getattr(lead, k) for k in RECORDED if k in fields}


def edit_note(before: dict, lead: Lead, via: str = "") -> str:
    """ "Edited (web): email hal@x.example → hal.new@x.example; value 30,000 → 31,000", or ""
    when nothing recorded changed (a form sends every field, most of them as they were).
    `via`: the door (web, API, admin) or an import's line and who ran it; the timeline adds
    the person from the row's user."""
    parts = [
        f"{LABELS.get(k, k)} {_shown(k, old)} → {_shown(k, getattr(lead, k))}"
        for k, old in before.items()
        if _same(old) != _same(getattr(lead, k))
    ]
    if not parts:
        return ""
    door = f" ({via})" if via else ""
    return f"Edited{door}: " + "; ".join(parts)


def _same(value):
    """A value as compared: blank and None are the same nothing."""
    return None if value in ("", None) else value


def _shown(name: str, value) -> str:
    if value in ("", None):
        return "none"
    if name == "value":
        return f"{value:,.2f}".removesuffix(".00")
    if name == "source":
        return dict(SOURCES).get(value, value)
    return str(value)
