"""What an import says and does about people who opted out: a new row of theirs becomes an
opted-out record (its line says so, with why), and a row that is a stored opted-out record
leaves that record as it is (`keep_record`; one the importing user may not see, without
saying whose or what it holds: `keep_unseen_record`)."""

from __future__ import annotations

import re

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange, Suppression

from .report import ImportReport

SAID_NO = "added as an opted-out record, never to be contacted"
SAID_NO_DRY = "would be added as an opted-out record, never to be contacted"
ASKED_NOT = "unchanged: this person asked not to be contacted"
JOINS_SAID_NO = "this is {} (#{}), who opted out: that record stays opted out, never contacted"


def opt_out_reason(lead) -> str:
    """Why a lead an import just made was opted out: its opt-out row's reason ("This person
    opted out before: Quinn Ford (#501) on ...")."""
    row = (
        StatusChange.objects.filter(lead_id=lead.id, new=Status.OPTED_OUT)
        .order_by("-pk")
        .values_list("reason", flat=True)
        .first()
    )
    return row or ""


def keep_record(
    report: ImportReport, lead: Lead, fields: dict, changes: dict, line: int, dry_run: bool
) -> None:
    """A row for a stored record of someone who opted out: its line says who it is, and no
    field of the record changes (an import renaming them, "Dr. José Núñez Jr." to "JOSÉ
    NÚÑEZ JR", would rewrite their timeline in its spelling). An address of theirs the row
    adds (`changes`) is suppressed all the same, not on a dry run: whoever holds it later
    is not contacted."""
    said = JOINS_SAID_NO.format(lead.name, lead.pk)
    report.add_warning(line, f"{fields.get('name', '')}: {said}")
    report.unchanged += 1
    if dry_run:
        return
    if changes.get("email"):
        actions.suppress(changes["email"], Suppression.Kind.EMAIL, "opt-out", but=lead.pk)
    if changes.get("phone"):
        actions.suppress(changes["phone"], Suppression.Kind.PHONE, "opt-out", but=lead.pk)


def keep_unseen_record(
    report: ImportReport, lead: Lead, fields: dict, line: int, dry_run: bool, holder
) -> None:
    """A row for someone who opted out on a record the importing user may not see (another
    owner's, in a salesperson's import: the owner's import finds it and `keep_record`s it).
    No record is made or changed, and the line says only that this person asked not to be
    contacted, not whose record it is nor what it holds. The row's addresses are suppressed
    (those the record lacks, as `keep_record` does, and its own, which a book restored
    without its suppression list may lack; a record made for the row would have suppressed
    both), unless someone in the import or its scope has them (`holder`); not on a dry run."""
    report.add_warning(line, f"{fields.get('name', '')}: {ASKED_NOT}")
    report.unchanged += 1
    if dry_run:
        return
    for name, kind in (("email", Suppression.Kind.EMAIL), ("phone", Suppression.Kind.PHONE)):
        value = fields.get(name)
        if value and holder(value) is None:
            actions.suppress(value, kind, "opt-out", but=lead.pk)


# Why an address an imported row names under "Not to be contacted" is suppressed (a bounce,
# or an opt-out on another record where the export was made: which, the row does not say).
NOT_TO_CONTACT = "import: not to be contacted"
SAYS_OPTED_OUT = "its row says they opted out"


def honour_row(report: ImportReport, line: int, fields: dict, dry_run: bool) -> bool:
    """A row of our export that says nobody may contact someone (`said_no_cells`; taken
    out of `fields`): every address of an opted-out row is suppressed as an opt-out, before
    the row is matched, so the lead it makes is an opted-out record (`_honour_opt_out`, as for
    anyone who said no before) and a lead it joins is contacted no more; a Not to be
    contacted cell's addresses are suppressed, the lead kept. A dry run says it and does
    nothing. Without this, our export imported into another install brought back everyone
    who had opted out as an open lead to call.

    Whether the row is opted out with no email and no phone: nothing to suppress, so the
    importer opts out the record it makes for the row (`opt_out_addressless`); a lead such a
    row joins (by name only) is left as it is (`joined_by_name_only`)."""
    opted_out = fields.pop("status", "") == "Opted out"
    named = fields.pop("not_to_contact", "").lower()
    kinds = ("email", "phone") if opted_out else [k for k in ("email", "phone") if k in named]
    addresses = [(kind, fields[kind]) for kind in kinds if fields.get(kind)]
    if not addresses:
        return opted_out and not (fields.get("email") or fields.get("phone"))
    if dry_run:  # said unless the book already knows (then the match says who it is)
        known = Suppression.objects.filter(value__in=[value for _, value in addresses]).count()
        if opted_out and known < len(addresses):
            report.add_warning(line, f"{fields.get('name', '')}: {SAID_NO_DRY}: {SAYS_OPTED_OUT}.")
        return
    for kind, value in addresses:
        actions.suppress(value, kind, "opt-out" if opted_out else NOT_TO_CONTACT)
    return False


# Why a record made for an opted-out row with no email or phone is opted out.
ROW_SAID_NO = "Imported: its row says they opted out (no email or phone to suppress)"
BY_NAME_ONLY = (
    "its row says they opted out but has no email or phone: it matched {} by name only, "
    "who may be someone else, so that lead is left as it is"
)


def opt_out_addressless(report: ImportReport, line: int, lead, user, dry_run: bool) -> None:
    """The record an import made for an opted-out row with no address (`honour_row`) is
    opted out through the one opt-out action, its reason saying the row said so, and its
    line says it (a dry run: would be, nothing made). Without this it came in as an open
    lead, and a phone added later would have had someone call a person who said no."""
    if dry_run:
        report.add_warning(line, f"{lead.name}: {SAID_NO_DRY}: {SAYS_OPTED_OUT}.")
        return
    if lead.status != Status.OPTED_OUT:  # not already, as someone who said no before
        actions.opt_out(Lead.objects.get(pk=lead.id), user=user, reason=ROW_SAID_NO)
        lead.status = Status.OPTED_OUT


def joined_by_name_only(report: ImportReport, line: int, lead: Lead, fields: dict) -> None:
    """An opted-out row with no address that joins an open lead (stored, or made by an
    earlier row of the import): the match is by name only, so the lead may be someone else
    who never said no; it is left as it is and the row's line says so, for a person to check."""
    who = f"{lead.name} (#{lead.pk})" if lead.pk is not None else f"{lead.name} (an earlier row)"
    said = BY_NAME_ONLY.format(who)
    report.add_warning(line, f"{fields.get('name', '')}: {said}")


def said_no_cells(got: dict[str, str]) -> dict:
    """What our export's Status and Not to be contacted cells say of whom nobody may contact
    (`said_no.honour_row` acts on it): {"status": "Opted out"} for an opted-out row, and
    {"not_to_contact": "Email; Phone"} naming the addresses a cell names."""
    out = {}
    if re.sub(r"[^a-z]+", " ", got.get("status", "").lower()).strip() == "opted out":
        out["status"] = "Opted out"
    cell = got.get("not_to_contact", "").lower()
    if named := [label for label in ("Email", "Phone") if label.lower() in cell]:
        out["not_to_contact"] = "; ".join(named)
    return out
