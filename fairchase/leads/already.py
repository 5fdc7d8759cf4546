"""Someone added again who is already a teammate's active lead (Add lead, an import row):
no second lead, and the lead keeps its owner, but the notes typed for them are not lost:
they join that lead's notes, saying who added them from where."""

from __future__ import annotations

from . import actions
from .models import Lead
from .people import display_name


def _flat(text: str) -> str:
    return " ".join((text or "").split())


def keep_notes(lead: Lead, notes: str, *, user, where: str) -> bool:
    """Append `notes` to the lead's notes under "Notes added by <user> from <where>:"
    (through `actions.update_lead`); nothing when they are blank or the lead's notes hold
    them already (the same row imported twice). Returns whether they were added: the
    caller's timeline row says so."""
    notes = (notes or "").strip()
    if not notes or _flat(notes) in _flat(lead.notes):
        return False
    who = display_name(user) if user is not None else "the command line"
    said = f"Notes added by {who} from {where}:\n{notes}"
    actions.update_lead(lead, user=user, notes=f"{(lead.notes or '').rstrip()}\n\n{said}".strip())
    return True
