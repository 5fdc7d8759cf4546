"""What an import says and does about people who opted out: a new row of theirs becomes an
opted-out record (its line says so, with why), and a row that is a stored opted-out record
leaves that record as it is (`keep_record`; one the importing user may not see, without
saying whose or what it holds: `keep_unseen_record`)."""

from __future__ import annotations

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange, Suppression

from . import held_wishes
from .mapping import folded
from .report import ImportReport
from .restoring import status_named
from .said_no_status import BLANK, STATUS_FIELDS, plain_status, status_says

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
    report: ImportReport,
    lead: Lead,
    fields: dict,
    changes: dict,
    line: int,
    dry_run: bool,
    origin: str = "",
    user=None,
) -> None:
    """A row for a stored record of someone who opted out: its line says who it is, and no
    field of the record changes (an import renaming them, "Dr. José Núñez Jr." to "JOSÉ
    NÚÑEZ JR", would rewrite their timeline in its spelling). An address of theirs the row
    adds (`changes`) is suppressed all the same, not on a dry run: whoever holds it later
    is not contacted (any lead holding it says so: `suppressed_by`)."""
    said = JOINS_SAID_NO.format(lead.name, lead.pk)
    report.add_asked_not(line, f"{fields.get('name', '')}: {said}")
    if dry_run:
        return
    for name, kind in (("email", Suppression.Kind.EMAIL), ("phone", Suppression.Kind.PHONE)):
        if value := changes.get(name):
            note = suppressed_by(value, ROW_OF_SAID_NO, origin)
            actions.suppress(value, kind, "opt-out", but=lead.pk, said=note, user=user)


def keep_unseen_record(
    report: ImportReport,
    lead: Lead,
    fields: dict,
    line: int,
    dry_run: bool,
    holder,
    origin: str = "",
    user=None,
    outside=None,
) -> None:
    """A row for someone who opted out on a record the importing user may not see (another
    owner's, in a salesperson's import: the owner's import finds it and `keep_record`s it).
    No record is made or changed, and the line says only that this person asked not to be
    contacted, not whose record it is nor what it holds. The row's addresses are suppressed
    (those the record lacks, as `keep_record` does, and its own, which a book restored
    without its suppression list may lack; a record made for the row would have suppressed
    both), unless someone in the import or its scope has them (`holder`); one a lead the
    importing user may not change holds is held for its owner (`hold_for_owners`); not on a
    dry run."""
    report.add_asked_not(line, f"{fields.get('name', '')}: {ASKED_NOT}")
    if dry_run:
        return
    kinds = {"email": Suppression.Kind.EMAIL, "phone": Suppression.Kind.PHONE}
    addresses = [(n, fields[n]) for n in kinds if fields.get(n) and holder(fields[n]) is None]
    if outside is not None:
        addresses = hold_for_owners(
            report, line, fields, addresses, outside, False, origin, user, why=lambda _: "opt-out"
        )
    for name, value in addresses:
        note = suppressed_by(value, ROW_OF_SAID_NO, origin)
        actions.suppress(value, kinds[name], "opt-out", but=lead.pk, said=note, user=user)


# Why an address an imported row names under "Not to be contacted" is suppressed (a bounce,
# or an opt-out on another record where the export was made: which, the row does not say).
NOT_TO_CONTACT = "import: not to be contacted"
SAYS_OPTED_OUT = "its row says they opted out"
# What `honour_row` says of a row whose person opted out: with no email or phone, or with one;
# or with one a lead the importing user may not change holds (its owner is asked first).
ADDRESSLESS, ADDRESSED, HELD_OUT = "opted out, no address", "opted out", "held"
HELD_ROW = "not added: the owner of a lead at its address is asked to confirm first"


# Why an address is suppressed because another tool's column says so (`SAYS_NO`): not an
# opt-out of the person, only of that address (an opt-out of everything is "opt-out").
SAYS_NO_REASON = {
    "unsubscribed": "import: unsubscribed from email",
    "do_not_call": "import: do not call",
    "email_status": "import: its email status says no",
}


# What the timeline of a lead holding a suppressed address says of why (`suppressed_by`).
ROW_OF_SAID_NO = "its row is someone who opted out"
SUPPRESSED_WHY = {
    "opt-out": SAYS_OPTED_OUT,
    NOT_TO_CONTACT: "its Not to be contacted column names it",
    **{v: v.removeprefix("import: ") for v in SAYS_NO_REASON.values()},
}


def suppressed_by(value: str, why: str, origin: str) -> str:
    """The timeline note of every lead holding an address an import suppressed: the address,
    why, and which import (its file, line and who ran it: `origin`). Its owner may not be
    the one who imported, and learns of it nowhere else."""
    return f"Not to be contacted at {value} ({why}): {origin}." if origin else ""


def honour_row(
    report: ImportReport,
    line: int,
    fields: dict,
    dry_run: bool,
    origin: str = "",
    user=None,
    noted: list[str] | None = None,
    outside=None,
) -> str:
    """A row that says nobody may contact someone (`said_no_cells`; taken out of `fields`):
    an opted-out row's addresses are suppressed as an opt-out before the row is matched,
    so the lead it makes or joins is opted out (`_honour_opt_out`, `joined`); those a Not
    to be contacted cell, an unsubscribe or do-not-call yes names are suppressed, the lead
    kept. Each lead holding one says so on its timeline (`suppressed_by`: `origin`, the
    import's line; `user`), the report naming none (one the row makes: in `noted`, written
    once stored). One a lead the user may not change holds (`outside`) is held for its
    owner (`hold_for_owners`). Rows are counted (`report.said_no`) on a dry run too, which
    does nothing else (without this, our export brought back who opted out as open leads).

    What the row is, for the importer: ADDRESSLESS, opted out with no email and no phone
    (nothing to suppress: the record made for it is opted out, `opt_out_row`; a lead it
    joins by name only is left as it is, `joined`), ADDRESSED, opted out with an address
    (a lead it joins is opted out, `joined`), HELD_OUT, opted out with an address held for
    another owner: nothing is added for it, so no record of the importer's opts their
    lead out before they decide (eval36 #3), or "" (not opted out)."""
    opted_out = fields.pop("status", "") == "Opted out"
    named = fields.pop("not_to_contact", "").lower()
    by = fields.pop("said_no_by", [])
    kinds = ("email", "phone") if opted_out else [k for k in ("email", "phone") if k in named]
    addresses = [(kind, fields[kind]) for kind in kinds if fields.get(kind)]

    def why(kind: str) -> str:  # the suppression's reason
        said = next(
            (SAYS_NO_REASON[f] for f in by if f in SAYS_NO_REASON and kind in SAYS_NO[f]), ""
        )
        return "opt-out" if opted_out else said or NOT_TO_CONTACT

    held = len(addresses)
    if outside is not None:
        addresses = hold_for_owners(
            report, line, fields, addresses, outside, dry_run, origin, user, why, opted_out
        )
    report.count_said_no(
        by if opted_out else [f for f in by if any(k in SAYS_NO[f] for k, _ in addresses)],
        opted_out,
    )
    if not dry_run:
        for kind, value in addresses:
            reason = why(kind)
            note = suppressed_by(value, SUPPRESSED_WHY.get(reason, reason), origin)
            actions.suppress(value, kind, reason, said=note, user=user)
            if note and noted is not None:
                noted.append(note)
    if not opted_out:
        return ""
    if held > len(addresses):  # its owner decides first
        report.add_error(line, f"{fields.get('name', '')}: {HELD_ROW}")
        return HELD_OUT
    return ADDRESSED if fields.get("email") or fields.get("phone") else ADDRESSLESS


HELD = (
    "matches a lead you cannot change: not changed; its owner is asked to confirm "
    "that this person is not to be contacted at {}"
)


def suppressed_already(values: list[str]) -> dict[str, str]:
    """These addresses' suppressions already made, by address: their reasons."""
    return dict(Suppression.objects.filter(value__in=values).values_list("value", "reason"))


def hold_for_owners(
    report, line, fields, addresses, outside, dry_run, origin, user, why, opt_out=False
) -> list:
    """The addresses of a said-no row still to suppress: those no lead outside the importing
    user's reach holds. A do-not-contact wish is the person's, so it is neither dropped nor
    applied by someone who may not change their lead (eval32 #2: a salesperson's import
    opted a teammate's customer out): the row's line says so, and each such lead is held
    for its owner (and the business owner, who sees every lead) to confirm or dismiss it on
    Today (`held_wishes`: `why(kind)`, the suppression's reason were it applied; `opt_out`,
    the row said the person opted out)."""
    kept, done = [], suppressed_already([value for _, value in addresses])
    for kind, value in addresses:
        # suppressed already for what the row says (a wish confirmed): nothing to ask; a
        # bounce or an email-only unsubscribe is not the row's "no" (review29 #4)
        theirs = [] if done.get(value) == why(kind)[:40] else list(outside(kind, value))
        if not theirs:  # `suppress` changes nothing, or nobody outside holds it
            kept.append((kind, value))
            continue
        report.add_warning(line, f"{fields.get('name', '')}: {HELD.format(value)}.")
        if not dry_run:
            for lead in theirs:
                held_wishes.hold(
                    lead, kind, value, reason=why(kind), opt_out=opt_out, said=origin, user=user
                )
    return kept


# Why a record made for (or joined by) a row that says its person opted out is opted out.
ROW_SAID_NO = "Imported: its row says they opted out (no email or phone to suppress)"
ROW_SAYS_NO = "Imported: its row says they opted out"
BY_NAME_ONLY = (
    "its row says they opted out but has no email or phone: it matched {} by name only, "
    "who may be someone else, so that lead is left as it is"
)
JOINED_SAYS_NO = "this is {} (#{}), who {} opted out: its row says they opted out"


def row_says_no(door: str) -> str:
    """Why a record an import row says opted out is opted out: "Imported: its row says they
    opted out: line 4 of the import of leads.csv, by the command line" (`Importer.door`)."""
    return f"{ROW_SAYS_NO}: {door}" if door else ROW_SAYS_NO


def opt_out_row(report: ImportReport, line: int, lead, user, dry_run: bool, door: str = "") -> None:
    """The record an import made for a row saying its person opted out (`honour_row`) is
    opted out through the one opt-out action, its reason saying the row said so (one with
    an address already is, as someone who said no before, unless the address was
    suppressed earlier for a bounce), and its line says it (a dry run: would be, nothing
    made). Without this a row with no address came in as an open lead, and a phone added
    later would have had someone call a person who said no."""
    if dry_run:
        report.add_warning(line, f"{lead.name}: {SAID_NO_DRY}: {SAYS_OPTED_OUT}.")
        return
    if lead.status != Status.OPTED_OUT:  # not already, as someone who said no before
        why = row_says_no(door) if lead.email or lead.phone else ROW_SAID_NO
        if door and why == ROW_SAID_NO:
            why = f"{ROW_SAID_NO}: {door}"
        actions.opt_out(Lead.objects.get(pk=lead.id), user=user, reason=why)
        lead.status = Status.OPTED_OUT


def joined(
    report: ImportReport,
    line: int,
    lead,
    fields: dict,
    said: str,
    user,
    dry_run: bool,
    door: str = "",
) -> None:
    """A row saying its person opted out joined `lead`. By name only (ADDRESSLESS: the
    lead may be someone else who never said no) it is left as it is and the row's line
    says so, for a person to check. By an address (ADDRESSED; its addresses are already
    suppressed) a stored lead is opted out through the one opt-out action, its line saying
    so (a dry run: would be), showing as theirs only the addresses the row carries (a
    public post's typed number beside them may be a customer's, review22 #4); one an
    earlier row of the import made is opted out when it is stored (`opt_out_row`, through
    its suppressed address)."""
    if said == ADDRESSLESS:
        who = (
            f"{lead.name} (#{lead.pk})" if lead.pk is not None else f"{lead.name} (an earlier row)"
        )
        report.add_warning(line, f"{fields.get('name', '')}: {BY_NAME_ONLY.format(who)}")
        return
    if lead.pk is None or lead.status == Status.OPTED_OUT:
        return
    report.add_warning(
        line,
        f"{fields.get('name', '')}: "
        + JOINED_SAYS_NO.format(lead.name, lead.pk, "would be" if dry_run else "is now"),
    )
    if not dry_run:
        stored = Lead.objects.get(pk=lead.pk)
        shown = tuple(
            k for k in ("email", "phone") if fields.get(k) and fields[k] == getattr(stored, k)
        )
        actions.opt_out(stored, user=user, reason=row_says_no(door), shown=shown)
        lead.status = Status.OPTED_OUT


# What a yes in another tool's said-no column stops (`mapping.SAYS_NO_FIELDS`); a status
# column's word acts as one of the yes/no columns' yes (`said_no_status.status_says`).
SAYS_NO = {
    "opted_out": ("email", "phone"),
    "unsubscribed": ("email",),
    "do_not_call": ("phone",),
    "email_status": ("email",),
}
SAYS_NO_WORDS = {
    "opted_out": "opted out",
    "unsubscribed": "unsubscribed from email",
    "do_not_call": "do not call",
    "email_status": "not to be emailed",
}
# What a row's line says of a cell read as said no that did not say so in so many words.
DOUBTED = {
    "yes/no": "in a column of who said no, anything but a plain no counts as a yes",
    "status": (
        "in a status column, any word but one saying all is well (subscribed, valid, "
        "pending, ...) counts as said no"
    ),
}
# Yes and no as tools and people write them (after `folded`): English, German, French,
# Spanish, and TRUE and FALSE as Excel writes them in its common languages (a German sheet
# says FALSCH in every row of a yes/no column: read as a yes, it opted a whole book out).
_YES = {"true", "t", "yes", "y", "1", "x", "ja", "j", "oui", "si", "sim", "wahr", "vrai"}
_YES |= {"verdadero", "verdadeiro", "vero", "waar", "sant", "sand", "sann", "tosi", "dogru"}
_YES |= {"pravda", "igaz", "evet", "igen"}
_YES |= {"checked", "opted out", "opt out", "unsubscribed", "do not call", "do not contact"}
_NO = {"false", "f", "no", "n", "0", "nein", "non", "nao", "nee", "nej", "nie", "unchecked"}
_NO |= {"falsch", "faux", "falso", "onwaar", "falskt", "falsk", "usann", "epatosi", "yanlis"}
_NO |= {"nepravda", "hamis", "nei", "ei", "ne", "hayir", "nem"}
_NO |= {"subscribed", "opted in", "none", "null", "n a"}
# The same in scripts `folded` leaves nothing of (compared case-folded as written).
_YES_AS_WRITTEN = {"истина", "да", "prawda", "tak", "αληθεσ", "αληθησ", "có", "はい", "是"}
_NO_AS_WRITTEN = {"ложь", "нет", "fałsz", "hayır", "ψευδεσ", "ψευδησ", "không", "いいえ", "否"}
_TICKS = {"✓", "✔", "☑", "✅"}  # a tick in the column


def says_yes(cell: str) -> bool:
    """Whether a said-no column's cell says the person said no: anything but a plain no
    (false, No, 0, nein, non, FALSCH, blank, a dash) does. A date, "Unsubscribed on 3/1",
    "blacklisted", "?" under a header that already says who said no means they did, or
    may have: read as no, the person was chased (`plain_yes`: which cells to mention)."""
    if cell.strip() in BLANK:
        return False
    return folded(cell) not in _NO and cell.strip().casefold() not in _NO_AS_WRITTEN


def plain_yes(cell: str) -> bool:
    """Whether a cell says yes in so many words (true, Yes, 1, x, ja, oui, sí, a tick); a
    yes read from anything else is said on the row's line."""
    written = cell.strip()
    return written in _TICKS or folded(cell) in _YES or written.casefold() in _YES_AS_WRITTEN


def reads_as(fname: str, cell: str) -> str:
    """The yes/no field a said-no column's cell acts as ("" when it says nothing): a yes
    under Opted out, Unsubscribed or Do not call acts as that column's (`says_yes`), a
    status column's word as `said_no_status.status_says` reads it."""
    if fname in STATUS_FIELDS:
        return status_says(cell)
    return fname if says_yes(cell) else ""


def says_more(fname: str, cell: str, than: str) -> bool:
    """Whether a later column of the same said-no field (`mapping.FALLBACK_FIELDS`) is read
    instead of an earlier one's cell `than`: when it says no and that did not, or (two status
    columns) it opts the person out and that only suppressed the email."""
    strength = {"": 0, "opted_out": 2}
    return strength.get(reads_as(fname, cell), 1) > strength.get(reads_as(fname, than), 1)


def _doubt(fname: str, cell: str) -> str:
    """The line of a cell read as said no without saying so plainly ("" when it did)."""
    status = fname in STATUS_FIELDS
    if plain_status(cell) if status else plain_yes(cell):
        return ""
    why = DOUBTED["status" if status else "yes/no"]
    return f"read {cell[:40]!r} as {SAYS_NO_WORDS[fname]}: {why}: check it if they did not."


def said_no_cells(got: dict[str, str], problems: list[str] | None = None) -> dict:
    """What a row's cells say of whom nobody may contact (`said_no.honour_row` acts on it):
    {"status": "Opted out"} for a row of someone who opted out (our export's Status, or a yes
    in an Opted out / Do not contact column), {"not_to_contact": "Email; Phone"} naming the
    addresses nobody may use (our export's Not to be contacted, or a yes under Unsubscribed
    or Do not call, or a status column's word saying no: `reads_as`), {"said_no_by": [...]}:
    the said-no columns saying yes. A cell of these columns that is not a plain yes or no
    (of a status column: a word not in its vocabulary, `said_no_status`) counts as a yes,
    said by a line in `problems` ("read '2024-03-01' as unsubscribed from email"); a Status that is none of ours
    ("true", "Customer") is left out with a line there: the row comes in, someone checks it;
    one of ours but Open is {"kept_status": code}, for the lead the row makes (`restoring`)."""
    problems = [] if problems is None else problems
    out: dict = {}
    status = folded(got.get("status", ""))
    if status == "opted out":
        out["status"] = "Opted out"
    elif status and not (kept := status_named(status) or ""):
        problems.append(
            f"status: {got['status'][:40]!r} is not a status Fairchase writes (Won, Lost, "
            "Closed, Nurture, Engaged or Opted out): left out. A yes/no column of who opted "
            "out is read mapped to “Opted out / do not contact”."
        )
    elif (
        status and kept != Status.OPEN
    ):  # a new lead is finished as its row says (`restoring.finish`)
        out["kept_status"] = kept
    cell = got.get("not_to_contact", "").lower()
    named = {label for label in ("Email", "Phone") if label.lower() in cell}
    by = []
    for fname in SAYS_NO:
        said = got.get(fname, "")
        if acts_as := reads_as(fname, said):
            problems.extend(filter(None, [_doubt(fname, said)]))
            by.append(fname)
            out.update({"status": "Opted out"} if acts_as == "opted_out" else {})
            named |= {kind.capitalize() for kind in SAYS_NO[acts_as]}
    if named:
        out["not_to_contact"] = "; ".join(sorted(named))
    if by:
        out["said_no_by"] = by
    return out
