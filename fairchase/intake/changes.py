"""What a row for someone already in the book changes of their lead: the fields that
differ (only blanks, for a second row of the person), notes only ever added to; how the
lead first came to us and a value it has are kept against a list that says otherwise
(`keep_known`)."""

from __future__ import annotations

from fairchase.leads import names
from fairchase.leads.actions.attempts import ENQUIRY_REASON
from fairchase.leads.models import OUTBOUND_SOURCES, Lead, Status

from .report import money

# Sources that say only that a list had the person (a cold list, a bought one, an import
# without a Source column): a later file may correct them while nothing else is known.
LISTED_SOURCES = (*OUTBOUND_SOURCES, "import")

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


def said_otherwise(lead, fields: dict, changes: dict) -> list[str]:
    """What a second row of the person in one file says that their lead, as an earlier row
    left it, says otherwise ("company Second Co", "value 200"): a second row only fills
    blanks (`row_changes`), so these are kept in the notes and said on its line, never
    dropped unsaid (eval30 #5)."""
    out = []
    for name in UPDATABLE:
        new, old = fields.get(name), getattr(lead, name, None)
        if name in ("notes", "created_at") or name in changes or new in ("", None) or new == old:
            continue
        if name == "name" and (
            new in (fields.get("email"), fields.get("phone")) or _one_name(new, old)
        ):
            continue  # the same name written otherwise ("Lee, Ann", "Bob"), or none at all
        label = "time zone" if name == "timezone" else name
        out.append(f"{label} {money(new) if name == 'value' else new}")
    return out


def _one_name(a: str, b: str) -> bool:
    """Whether two names are one written otherwise: the same words read loosely
    (`names.name_parts`: order, case, accents, titles aside), or one a part of the other
    ("Bob" of "Bob Stone", as a row joins a lead by phone)."""
    short, long = sorted((set(names.name_parts(a)[0]), set(names.name_parts(b or "")[0])), key=len)
    return short <= long


def keep_known(lead: Lead, changes: dict) -> list[str]:
    """Take out of `changes` what a file may not change of a stored lead, and say why, one
    sentence each for the row's line. Its source, how they first came to us, once it says
    they came to us (a referral, a call, a form) or once anything has passed between us
    (`has_history`): a bought list naming a caller made him a cold contact, and the plan
    let him go unanswered. Only a list's own word on a contact nobody has dealt with yet
    is corrected by a later file. Its value: see `_kept_value`."""
    said = []
    listed = changes.get("source")  # the row's source, when it differs from the lead's
    if listed is not None and (lead.source not in LISTED_SOURCES or has_history(lead)):
        said.append(
            f"source {changes.pop('source')} in the file, kept {lead.source}: how they first "
            "came to us is not changed by a file once they have enquired or been contacted"
        )
    if (kept := _kept_value(lead, changes, listed)) is not None:
        said.append(kept)
    return said


def _kept_value(lead: Lead, changes: dict, listed: str | None) -> str | None:
    """Why the row's value is taken out of `changes` (None: it is not). A lower value than
    the lead's: a list's figure never silently lowers what someone found out. Any value of
    a cold or bought list's row (`listed`) for someone who came to us: the list's figure
    is not what their enquiry is worth (a $10 filled in for a form's enquirer had the plan
    stop her unanswered). Any value, from any file, for someone who came to us and waits
    for our first answer (`waits_for_answer`): a bought list without a Source column did
    the same. Otherwise a missing value is filled and a higher one taken."""
    new = changes.get("value")
    if new is None:
        return None
    if lead.value is not None and new < lead.value:
        del changes["value"]
        return (
            f"value {money(new)} in the file, kept {money(lead.value)}: a file never lowers "
            "a known value (edit the lead to lower it)"
        )
    if listed in OUTBOUND_SOURCES and lead.source not in LISTED_SOURCES:
        del changes["value"]
        return (
            f"value {money(new)} in the file, not taken: a cold or bought list's figure is "
            "not what someone who came to us is worth"
        )
    if waits_for_answer(lead):
        del changes["value"]
        return (
            f"value {money(new)} in the file, not used: {lead.name} is a new enquiry waiting "
            "for an answer; set it in Edit once you have spoken"
        )
    return None


def waits_for_answer(lead: Lead) -> bool:
    """Whether the lead is someone who came to us (not a list's contact) still waiting for
    our first answer: open, never tried. A file's figure for them is a guess at an enquiry
    nobody has heard yet, and a low one lets the plan drop them unanswered."""
    return lead.is_new_enquiry and lead.source not in LISTED_SOURCES


def has_history(lead: Lead) -> bool:
    """Whether the lead is more than a row of a list: a new enquiry waiting for its answer,
    a try of ours, a reply, an enquiry joined, a pinned next step, or a status moved on."""
    return bool(
        lead.is_new_enquiry
        or lead.attempt_count
        or lead.responded_at
        or lead.status != Status.OPEN
        or lead.commitments.exists()
        or lead.status_changes.filter(reason__startswith=ENQUIRY_REASON).exists()
    )
