"""A lead's timeline: attempts, commitments, status changes and whatever other apps
register (sent emails, replies, ...), newest first."""

from __future__ import annotations

import logging
import re

from django.utils import timezone

from fairchase import clock
from fairchase.leads.models import Lead
from fairchase.leads.normalize import display_phone
from fairchase.leads.people import display_name, visible_leads

from . import panels
from .panels import TimelineEntry

log = logging.getLogger("fairchase.web")

# Events at the same moment keep their causal order: the lead is created, an attempt is
# made, then the status change it caused and anything other apps recorded.
CREATED, ATTEMPT, COMMITMENT, CHANGE, OTHER = range(5)


# A number as stored (E.164) in a row's words: "... shares the phone +13125550133".
E164 = re.compile(r"\+[1-9]\d{6,14}\b")


def _as_written(reason: str) -> str:
    """A status row's reason with its phone numbers written as the lead page writes them
    (`display_phone`: "(312) 555-0133"): the rows keep what was stored."""
    return E164.sub(lambda m: display_phone(m.group()), reason)


# A record named in a row's words: "... another record: Emil Stone (#7): ...". The name
# runs back to the start or to the last ": " (the words our opt-out reasons put before it).
RECORD = re.compile(r"(?:^|(?<=: ))((?:(?!: ).)+?) \(#(\d+)\)")
ANOTHER = "a record you cannot open"


def _unseen_hidden(reasons: list[str], user) -> list[str]:
    """The reasons with each record the viewer may not see (`visible_leads`: a salesperson
    sees only their own) said as "a record you cannot open", not by its person's name and number: a
    row written when that record's opt-out reached this one names it. One query, for the
    numbers named; an admin sees every record and keeps its name."""
    named = {int(m.group(2)) for r in reasons for m in RECORD.finditer(r)}
    if not named:
        return reasons
    seen = set(visible_leads(user).filter(pk__in=named).values_list("pk", flat=True))

    def said(m: re.Match) -> str:
        if int(m.group(2)) in seen:
            return m.group()
        return ANOTHER.capitalize() if m.start() == 0 else ANOTHER

    return [RECORD.sub(said, r) for r in reasons]


def _progress(value) -> str:
    return {True: "moved closer to a sale", False: "no progress"}.get(value, "")


def _attempt_entries(lead: Lead) -> list[tuple[int, TimelineEntry]]:
    out = []
    for a in lead.attempts.select_related("user").all():
        title = f"{a.get_channel_display()}: {a.get_outcome_display().lower()}"
        detail = ", ".join(
            x
            for x in (
                f"{a.minutes:g} min" if a.minutes else "",
                _progress(a.progress),
                f"by {display_name(a.user)}" if a.user else "",
            )
            if x
        )
        body = "\n".join(x for x in (detail, a.notes) if x)
        kind = a.outcome.replace("_", " ")
        out.append((ATTEMPT, TimelineEntry(at=a.at, kind=kind, title=title, body=body)))
    return out


def _commitment_entries(lead: Lead) -> list[tuple[int, TimelineEntry]]:
    out = []
    for c in lead.commitments.all():
        due = clock.for_lead(c.due_at, timezone.get_current_timezone(), lead)
        out.append(
            (
                COMMITMENT,
                TimelineEntry(
                    at=c.created_at,
                    kind="commitment",
                    title=f"Pinned: {c.get_by_display().lower()}, {c.what}",
                    body=f"due {due} ({c.get_state_display().lower()})",
                ),
            )
        )
        if c.resolved_at:
            title = f"Commitment {c.get_state_display().lower()}: {c.what}"
            out.append((COMMITMENT, TimelineEntry(at=c.resolved_at, kind=c.state, title=title)))
    return out


def timeline_for(lead: Lead, user) -> list[TimelineEntry]:
    """Every event on the lead as `user` may see it (`_unseen_hidden`), as TimelineEntry
    rows, newest first (four queries + sources)."""
    ranked = _attempt_entries(lead) + _commitment_entries(lead)
    changes = list(lead.status_changes.select_related("user").all())
    reasons = _unseen_hidden([s.reason for s in changes], user)
    for s, reason in zip(changes, reasons, strict=True):
        if not s.old:
            rank, title = CREATED, f"Created as {s.get_new_display().lower()}"
        elif s.old != s.new:
            rank, title = CHANGE, f"{s.get_old_display()} → {s.get_new_display()}"
        else:
            rank, title = CHANGE, "Note"
        body = " ".join(
            x for x in (_as_written(reason), f"(by {display_name(s.user)})" if s.user else "") if x
        )
        ranked.append((rank, TimelineEntry(at=s.at, kind="status", title=title, body=body)))
    for source in panels.TIMELINE_SOURCES:
        try:
            ranked.extend((OTHER, e) for e in source(lead) or [])
        except Exception:  # another app's bug must not hide the lead's history
            log.exception("timeline source %r failed for lead %s", source, lead.pk)
    ranked.sort(key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [entry for _, entry in ranked]
