"""Our own exports coming back into a Fairchase (a new install, a book moved): a lead that was
finished stays finished, and its history joins it instead of making a second lead.

A leads export names each lead's status. A new lead made from a row saying Won, Lost,
Closed or Nurture is finished through the one action of each (`mark_won`, `mark_lost`,
`stop_chasing`), its timeline saying the row said so; Engaged comes in engaged (they
were talking with us: the plan follows up the conversation, it does not start a cold
chase); Revisit later comes in parked until the revisit a stop without a date gets (the
export holds no revisit date: a warning says so), neither chased early nor let go.
Before this, every Won, Lost and Closed customer came in as an open lead Today told
someone to call. A lead already in Fairchase keeps its own status: the row may be an
older deal of someone who has enquired again.

A new lead made from a row with a Fairchase ID is linked to that id (`ImportedRecord`,
the link a history import keeps), so the history export of the same book, imported
next, adds its past tries to that lead (`join_history`) instead of storing it twice.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

from fairchase import clock
from fairchase.leads import actions, planning
from fairchase.leads.models import Lead, Status

from .mapping import folded
from .models import ImportedRecord
from .report import ImportReport

# The statuses a row of our export keeps on a new lead (Opted out: `said_no`; Open: as is).
KEPT = (Status.WON, Status.LOST, Status.CLOSED, Status.NURTURE, Status.ENGAGED, Status.REVISIT)
ROW_SAID = "Imported: {} in the exported book"
NO_REVISIT_DATE = (
    "status Revisit later in the file: the export holds no revisit date, so the lead {} "
    "parked until {}: change it (Stop -> Revisit) if it should be sooner"
)
NO_CONSENT = "status Nurture in the file without the mailing-list consent: {}"
# How a lead's Fairchase ID in the book it came from is kept (`ImportedRecord`): apart from
# the ids of other systems' history files, which may be the same numbers, and with the second
# the lead arrived (`link_key`).
LINK = "fairchase:"


@cache
def _codes() -> dict[str, str]:
    """Each status by its code and its label, as a cell may write it ("Open (silent)",
    "open", "Won"), after `mapping.folded`."""
    out = {}
    for code, label in Status.choices:
        for word in (code, label, label.split("(")[0]):
            out[folded(word)] = code
    return out


def status_named(cell: str) -> str:
    """The status code a Status cell names, or "" for none of ours."""
    return _codes().get(folded(cell), "")


def _becomes(report: ImportReport, line: int, lead, status: str, dry_run: bool):
    """(status, revisit date) a new lead gets from its row's status, and its line's words,
    the same in a dry run as in the import: Nurture without the mailing-list consent is
    closed; Revisit later is parked until the revisit a stop without a date gets (Today's
    Stop), neither chased early nor let go."""
    if status == Status.NURTURE and "mailing_list" not in (lead.consents or []):
        said = NO_CONSENT.format("would come in Closed" if dry_run else "closed")
        report.add_warning(line, f"{lead.name}: {said} instead.")
        return Status.CLOSED, None
    if status == Status.REVISIT:
        revisit = planning.default_revisit(timezone.now())
        day = revisit.astimezone(clock.business_zone()).date().isoformat()
        said = NO_REVISIT_DATE.format("would be" if dry_run else "is", day)
        report.add_warning(line, f"{lead.name}: {said}.")
        return status, revisit
    if dry_run:
        report.add_warning(
            line, f"{lead.name}: would come in {Status(status).label}, as in the file."
        )
    return status, None


def finish(
    report: ImportReport, line: int, lead, status: str, user, dry_run: bool, won_value=None
) -> None:
    """Give a new lead the status its row of our export says, through that status's action
    (a dry run: say what it would be, `_becomes`); a won one its deal's `won_value` when
    known (a history record's), else its value. A lead already opted out (someone who
    said no before) stays opted out."""
    if status not in KEPT or lead.status != Status.OPEN:
        return
    reason = ROW_SAID.format(Status(status).label)
    status, revisit = _becomes(report, line, lead, status, dry_run)
    if dry_run:
        return
    stored = Lead.objects.get(pk=lead.id)
    if status == Status.WON:
        stored = actions.mark_won(stored, won_value, user=user, reason=reason)
    elif status == Status.LOST:
        stored = actions.mark_lost(stored, reason, user=user)
    elif status == Status.ENGAGED:
        stored = actions.mark_engaged(stored, user=user, reason=reason)
    else:
        stored = actions.stop_chasing(stored, status, user=user, reason=reason, revisit_at=revisit)
    lead.status = stored.status


def arrival(created_at: datetime) -> int:
    """The second a lead arrived (an export writes times to the second): a history record
    names one of our leads only if it arrived in the same second (`same_arrival`)."""
    return int(created_at.timestamp())


def same_arrival(lead_created: datetime, record_created: datetime) -> bool:
    """Whether a lead and a record arrived in the same second: the one test of "this record
    is that lead" beside the id (`link_key`, `history._known`). An id from another system
    or another book that happens to equal ours names someone else."""
    return arrival(lead_created) == arrival(record_created)


def link_key(fairchase_id, created_at: datetime) -> str:
    """The link of a lead exported with this Fairchase ID, arrived at this time: the id with
    the second it arrived (`arrival`). Two books merged into one install both number their
    leads from 1: by its id alone, book B's lead 5 found book A's link taken, and B's
    history then stored B's finished lead 5 a second time."""
    return f"{LINK}{fairchase_id}@{arrival(created_at)}"


def link_exported(new: list, exported_ids: dict[int, int]) -> None:
    """Remember which Fairchase ID each new lead had in the book it was exported from, and
    when it arrived (`link_key`; the same twice is left: the first lead keeps it)."""
    links = [
        ImportedRecord(external_id=link_key(exported_ids[line], lead.created_at), lead_id=lead.id)
        for line, lead in new
        if line in exported_ids
    ]
    if links:
        ImportedRecord.objects.bulk_create(links, ignore_conflicts=True)


_ZONE_IN_HEADER = re.compile(r"\(([A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+|UTC)\)\s*$")


def header_zone(header: list[str], mapping: list[str]):
    """The zone our export names in its enquiry date's header ("Enquiry date
    (America/Chicago)"): its times are that zone's wall clock, whatever the importing
    business's zone is. None when the header names none."""
    for cell, fname in zip(header, mapping, strict=False):
        if fname == "created_at" and (m := _ZONE_IN_HEADER.search(cell or "")):
            try:
                return ZoneInfo(m.group(1))
            except (ZoneInfoNotFoundError, ValueError):
                return None
    return None


def not_leads(header: list[str]) -> str:
    """Why a file with this header is not imported as leads: our attempts or commitments
    export, whose rows name a lead but are not one ("" for any other header). Read as
    leads, every row was skipped for having no email or phone, and nothing said why."""
    from .exporting import KINDS

    keys = {folded(h) for h in header}
    for kind in ("attempts", "commitments"):
        if keys == {folded(c.header) for c in KINDS[kind]}:
            return (
                f"this is Fairchase's {kind} export, which is not imported: the history "
                "export carries the finished leads' tries (`fairchase import --history`); "
                "to move a whole install, use `fairchase backup`."
            )
    return ""


def linked(batch: list[dict]) -> dict[str, Lead]:
    """The history records of this batch that are leads a leads export brought in (linked by
    their Fairchase ID, `link_exported`): record id -> lead. Our history export names that id
    (`fairchase_id`: a lead it stored from another system's history keeps that system's id);
    a record without it (an older export) is looked up by its own id. Either way the lead
    must have arrived at the same second (`link_key`), so an id of another book merged in,
    or of another system, that happens to equal an exported one names nobody here. Such a
    lead still without tries is joined by the record's; one with tries has been (imported
    again)."""
    keys = {link_key(r.get("fairchase_id") or r["id"], r["created_at"]): r for r in batch}
    links = ImportedRecord.objects.filter(external_id__in=keys).select_related("lead")
    return {keys[link.external_id]["id"]: link.lead for link in links}


def joinable(lead: Lead, rec: dict) -> bool:
    """Whether a record's past tries are added to the lead it is linked to (`linked`; checked
    again under the lead's lock by `actions.add_past_tries`)."""
    return lead.attempt_count == 0 and bool(rec["attempts"])


def join_history(pairs: list[tuple[Lead, dict]], user, report: ImportReport) -> int:
    """Add each record's past tries to the lead it joins (`actions.add_past_tries`, which
    replans it), then give the lead the record's ending when the leads file did not (a lead
    still open: a won one with the record's won value too), or its won value. A lead another import joined first (its tries there by
    the time it is locked) is left. Returns how many leads were joined."""
    joined = 0
    for lead, rec in pairs:
        if not actions.add_past_tries(lead, rec["attempts"], user=user):
            continue
        joined += 1
        if lead.status == Status.WON and rec["won_value"] not in (None, lead.won_value):
            actions.mark_won(
                lead, rec["won_value"], user=user, reason="Imported history: won value"
            )
        elif lead.status == Status.OPEN:
            finish(report, 0, lead, rec["status"], user, False, won_value=rec["won_value"])
    return joined
