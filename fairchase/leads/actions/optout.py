"""Opt-outs and suppressions: a person who said no is never contacted again, on any record
of theirs (`same_person.person_records`), including records added later; a suppressed
address (an opt-out, a bounce) replans every active lead that has it."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ... import clock
from .. import reach
from ..models import ACTIVE_STATUSES, Commitment, Lead, Status, Suppression
from ..normalize import display_phone
from ..people import display_name, visible_leads
from ..same_person import (
    SAID_NO_BEFORE,
    SAID_NO_ITSELF,
    WITH_ANOTHER_RECORD,
    own_addresses,
    person_records,
    said_no_addresses,
    said_no_before,
    said_no_itself,
    same_person_by_phone,
    typed,
    who_said_no,
)
from .core import ActionError, _done, _emit, _lock, _transition, note_on_timeline
from .withheld import Withheld

# A suppression of one address the person refused while asking for another way
# (`refuse_channel`): that address is blocked, but it is not the person saying no to
# everything (`same_person.said_no_addresses` reads only "opt-out"), so a later enquiry of
# theirs, or their phone added, is not opted out for it.
REFUSED = {
    "email": "no email: asked for calls instead",
    "phone": "no calls: asked for another way",
}

# The start of the timeline row of a person asking again not to be contacted, once already
# opted out (a link, a reply, a STOP text, a complaint): their own "no", which an owner's
# "this opt-out was our mistake" must never take back (`renewal.mistaken_opt_out`).
ASKED_AGAIN = "Asked again not to be contacted"


@transaction.atomic
def opt_out(
    lead: Lead,
    *,
    channel: str | None = None,
    user=None,
    reason: str = "Opted out",
    shown: tuple[str, ...] | None = None,
) -> Lead:
    """The person asked us to stop, on `channel` or in person: every address of theirs is
    suppressed, their pending promises cancelled, and they are never contacted again, on
    this record or any other record of theirs (see `same_person.person_records`): a parked one
    (revisit, nurture, closed) is opted out too, a won or lost one keeps its status with
    every address suppressed. Asked again (a STOP text after an unsubscribe link), it
    suppresses addresses added since, reaches records made since, and changes nothing
    else; asked on a record opted out for matching someone else, it also records that
    this one said no itself (`same_person.SAID_NO_ITSELF`), so its name counts when later
    records on its number are matched. All the records it touches are locked first, in primary-key order, so two
    opt-outs on two records of one person wait for each other instead of deadlocking.

    `shown`: the fields ("email", "phone") of the address the person said no through
    themselves (an unsubscribe link, a reply from it, a STOP text from it), which shows
    that address is theirs; None when a person of ours took the opt-out (a button, the API),
    which vouches for the whole record. An address a public post typed that it does not
    show (`same_person.own_addresses`) is neither suppressed nor followed to another record:
    a stranger's post with a customer's number, opted out through the stranger's own email,
    must not opt out the customer."""
    caller = lead
    locked = _lock_in_order(lead, shown)
    lead = locked[lead.pk]
    theirs(lead, shown)
    now = timezone.now()  # before its suppressions: each made by it is stamped at or after
    withheld = Withheld(user, shown)  # a salesperson's word: not for a teammate's lead
    _suppress(lead, None, "opt-out", withheld)
    if lead.status != Status.OPTED_OUT:
        _cancel_commitments(lead, now)
        _transition(lead, Status.OPTED_OUT, reason, user, now)
        _done(lead, "opt_out", caller=caller, channel=channel)
    elif not said_no_itself(lead):  # opted out for matching someone, now says no itself
        _transition(lead, Status.OPTED_OUT, f"{SAID_NO_ITSELF} {reason}", user, now)
        _done(lead, "opt_out", caller=caller, channel=channel)
    elif shown is not None:  # the person again: on the timeline, and counted as theirs
        _asked_again(lead, reason, user)
    _opt_out_other_records(lead, reason, user, now, locked, withheld)
    return lead


def _asked_again(lead: Lead, reason: str, user) -> None:
    """The person said no again on a lead already opted out: a timeline row says so
    (`ASKED_AGAIN`), unless their own "no" is on it already (a row of no user of ours, a
    link or a text, or this same one), so a second click adds nothing."""
    said = f"{ASKED_AGAIN}: {reason}"
    rows = lead.status_changes.filter(new=Status.OPTED_OUT)
    if not rows.filter(Q(user=None) | Q(reason=said)).exists():
        note_on_timeline(lead, said, user)


@transaction.atomic
def refuse_channel(
    lead: Lead, channel: str, *, user=None, reason: str, shown: tuple[str, ...] | None = None
) -> Lead:
    """The person refused one way of contact and asked for another ("Stop emailing me, just
    call me"): that address alone is suppressed, on this record and any other holding it;
    the lead keeps its status and its plan uses the ways left (a call). Not an opt-out:
    they asked to be phoned. `shown` as for `opt_out`: only an address the person showed
    is theirs is suppressed (nothing else is, for a message from someone else)."""
    caller = lead
    lead = _lock(lead)
    theirs(lead, shown)
    field = "email" if channel == "email" else "phone"
    if shown is not None and field not in shown:
        note_on_timeline(lead, f"{reason} (not from their {field}: nothing suppressed)", user)
        return _done(lead, "updated", caller=caller)
    value = getattr(lead, field)
    if value and value in own_addresses(lead):
        kind = Suppression.Kind.EMAIL if field == "email" else Suppression.Kind.PHONE
        suppress(value, kind, REFUSED[field], but=lead.pk)
    note_on_timeline(lead, reason, user)
    return _done(lead, "refused_channel", caller=caller, channel=channel)


@transaction.atomic
def allow_channel(lead: Lead, channel: str, *, user=None, reason: str) -> Lead:
    """Take back a refusal of one way of contact (`refuse_channel`) that was not theirs (a
    person corrected the reading of "no more email"): the suppression it made of the lead's
    address is removed. Any other suppression of it (an opt-out, a bounce) stays."""
    caller = lead
    lead = _lock(lead)
    field = "email" if channel == "email" else "phone"
    value = getattr(lead, field)
    lifted = value and Suppression.objects.filter(value=value, reason=REFUSED[field]).delete()[0]
    if not lifted:
        return lead
    for pk in (
        Lead.objects.filter(**{field: value}, status__in=list(ACTIVE_STATUSES))
        .exclude(pk=lead.pk)
        .values_list("pk", flat=True)
    ):
        _done(_lock(pk), "updated")  # the address is free again on their other records too
    note_on_timeline(lead, reason, user)
    return _done(lead, "updated", caller=caller)


def _cancel_commitments(lead: Lead, at: datetime) -> None:
    """An opted-out person's pending promises (ours and theirs) are no longer due."""
    lead.commitments.filter(state=Commitment.State.PENDING).update(
        state=Commitment.State.CANCELLED, resolved_at=at
    )


def _lock_in_order(lead: Lead, shown: tuple[str, ...] | None = None) -> dict[int, Lead]:
    """Lock the person's records and those sharing a phone with them (with the addresses
    `shown` theirs), in primary-key order (the one order every opt-out takes), and return
    them fresh by pk."""
    fresh = Lead.objects.get(pk=lead.pk)
    theirs(fresh, shown, save=False)
    person, strangers = person_records(fresh)
    return {pk: _lock(pk) for pk in sorted(person | strangers)}


def theirs(lead: Lead, shown: tuple[str, ...] | None, *, save: bool = True) -> None:
    """The addresses of a public post's lead that an opt-out shows are the person's (`shown`
    fields; None: all, a person of ours took it) are no longer only typed: an opt-out
    suppresses and follows them (`same_person.own_addresses`)."""
    cleared = [
        f"typed_{field}"
        for field in ("email", "phone")
        if (shown is None or field in shown) and getattr(lead, f"typed_{field}")
    ]
    for name in cleared:
        setattr(lead, name, "")
    if cleared and save:
        lead.save(update_fields=cleared)


@transaction.atomic
def confirm_address(lead: Lead, field: str, *, user=None) -> Lead:
    """A person of ours vouches that the `field` ("email", "phone") a public post typed is
    the person's (they talked with them on it): it is no longer only typed, so their
    opt-out, taken already or later, suppresses it and follows it to their other records
    and to records made later (`theirs`). Only ever said by a person: a call or a reply on
    the address shows it reaches someone, not that the one who posted is that someone (a
    stranger may type a customer's number beside his own email). A timeline row says who."""
    if field not in ("email", "phone"):
        raise ActionError(f"No such address to confirm: {field!r}.")
    caller = lead
    locked = _lock_in_order(lead, (field,))
    lead = locked[lead.pk]
    value = getattr(lead, field)
    if not typed(lead, field):
        raise ActionError(f"The {field} of {lead.name} is not one only typed on a web form.")
    theirs(lead, (field,))
    shown = display_phone(value) if field == "phone" else value
    who = f" ({display_name(user)})" if user is not None else ""
    note_on_timeline(lead, f"Confirmed the {field} {shown} is theirs{who}", user=user)
    if lead.status == Status.OPTED_OUT:  # their opt-out now reaches this address too
        withheld = Withheld(user)
        _suppress(lead, None, "opt-out", withheld)
        reason = f"Opted out; the {field} {shown} confirmed as theirs"
        _opt_out_other_records(lead, reason, user, timezone.now(), locked, withheld)
    return _done(lead, "updated", caller=caller)


def _opt_out_other_records(
    lead: Lead,
    reason: str,
    user,
    at: datetime,
    locked: dict[int, Lead] | None = None,
    withheld: Withheld | None = None,
) -> None:
    """The same person's other records: each not yet opted out is, with its own transition
    row naming this one, every address suppressed and its pending promises cancelled; a
    won or lost one keeps its status (a sale made, a lead lost) with every address
    suppressed. A record that only shares a phone number under another name is someone
    else: the number is suppressed (by this opt-out) and its timeline says why. A record
    a salesperson's hand opt-out may not reach (`withheld`) is held for its owner instead."""
    locked = locked or _lock_in_order(lead)
    withheld = withheld or Withheld(None)
    person, strangers = person_records(lead)
    said = f"{WITH_ANOTHER_RECORD} {lead.name} (#{lead.pk}): {reason}"
    for pk in sorted(person - {lead.pk}):
        if withheld.hides(pk):
            continue
        other = locked.get(pk) or _lock(pk)
        _suppress(other, None, "opt-out", withheld)
        if other.status in (Status.WON, Status.LOST):
            note = f"Every address suppressed: {said}"
            if not other.status_changes.filter(reason=note).exists():
                note_on_timeline(other, note)
        elif other.status != Status.OPTED_OUT:
            _cancel_commitments(other, at)
            _transition(other, Status.OPTED_OUT, said, user, at)
            _done(other, "opt_out")
    for pk in sorted(strangers):
        other = locked.get(pk) or _lock(pk)
        if withheld.hides(pk):
            continue
        if withheld("phone", other.phone):  # his own record shares it: blocked on his word,
            suppress(other.phone, Suppression.Kind.PHONE, "opt-out", but=lead.pk)  # review31 #2
        note = (
            f"{lead.name} (#{lead.pk}) opted out and shares the phone {other.phone}: "
            "the number is suppressed; this record, under another name, is not opted out."
        )
        noted = other.status_changes.filter(reason=note).exists()
        if other.status != Status.OPTED_OUT and not noted:
            note_on_timeline(other, note)
    withheld.ask_owners(lead, person)


@transaction.atomic
def honour_opt_out(pk: int, *, user=None, why: str = "") -> Lead:
    """`_honour_opt_out` for a lead stored without its action (an imported one), replanned;
    returns the lead as it is now (opted out when its person said no before). `why`: the
    caller's own account when it suppressed the addresses itself (`_honour_opt_out`)."""
    lead = _lock(pk)
    if _honour_opt_out(lead, user, why=why):
        _done(lead, "opt_out")
    return lead


def why_said_no(lead: Lead) -> str:
    """What `_honour_opt_out` would say of this lead, saved or not ("This person opted out
    before: Quinn Ford (#501) on ..."), or "" when its person never said no: an import's
    dry run says it of a row, by the same rule the import applies."""
    return _said_no_before(lead) if said_no_before(lead) else ""


def _honour_opt_out(
    lead: Lead,
    user=None,
    *,
    edited: bool = False,
    confirmed: bool = False,
    why: str = "",
    via: str = "",
) -> bool:
    """A record made (or edited) with an address of a person who said no before, on another
    record of theirs (`said_no_before`: the same email, or the same phone under a matching
    name), is that person's: it is opted out too, through its transition row naming the
    record that said no and when, every address of it suppressed and its pending promises
    cancelled, so no screen offers to chase them. A won or lost record keeps its status (a
    sale made stays made) with a timeline row for the addresses it suppressed. Whether it
    changed anything (the caller replans).

    `edited`: the match came from an edit of a record we had (`update_lead`, confirmed as
    the same person), not from the person writing in with these addresses: only the
    addresses they said no on are suppressed. The record's other addresses were someone's
    before the edit, never theirs, and a suppression of one would later read as that
    address's owner saying no; the record, opted out, is not contacted on any of them. So
    for an address a public post typed (`same_person.own_addresses`): nobody showed it is
    theirs. `confirmed`: a person said the edited record is that person (`same_person`);
    an import's edit is confirmed by nobody, and says where it came from (`via`).

    `why`: the caller's own account when it suppressed the addresses itself a moment ago (an
    import's row saying they opted out: "Imported: its row says they opted out: line 3 of
    ..."). Without it the reason read "opted out before: ... asked not to be contacted on"
    the import's own minute, as if the person had said so earlier."""
    matched = said_no_addresses(lead)
    if not matched:
        return False
    own = [] if edited else own_addresses(lead)  # a public post's typed ones: not theirs
    mine = [v for v in (lead.email, lead.phone) if v and (v in matched or v in own)]
    mine = Withheld(user).keep_from(lead, mine)  # a teammate's lead's too: its owner's call
    fresh = [v for v in mine if not Suppression.objects.filter(value=v).exists()]
    _suppress_values(lead, mine)
    said = _said_no_before(lead)
    if why:  # a record that really said no earlier is named beside the caller's account
        said = f"{why} ({said})" if who_said_no(lead) is not None else why
    also = f" ({', '.join(fresh)} suppressed too)" if fresh else ""
    if lead.status in (Status.WON, Status.LOST, Status.OPTED_OUT):
        if fresh:
            note_on_timeline(lead, f"{said}{also}.", user=user)
        return bool(fresh)
    now = timezone.now()
    _cancel_commitments(lead, now)
    reason = f"{said}. Not to be contacted on this record either{also}."
    if why:
        reason = f"{said}{also}."
    elif confirmed:
        reason = f"{said}. Confirmed in an edit as the same person: not to be contacted{also}."
    elif edited and via:
        reason = f"{said}. Not to be contacted on this record either{also}: {via}."
    _transition(lead, Status.OPTED_OUT, reason, user, now)
    return True


def said_no_on_record(lead: Lead, said_no: list[str]) -> bool:
    """Whether the person of this record said no: it opted out, or every address it has is
    one its person said no on (`said_no`: `same_person.said_no_addresses` of it, a won or
    lost record of someone who opted out on another record)."""
    addresses = {v for v in (lead.email, lead.phone) if v}
    return lead.status == Status.OPTED_OUT or bool(addresses) and addresses <= set(said_no)


def keep_said_no(
    lead: Lead, old: list[str], *, user=None, via: str = "", confirmed: bool = False
) -> None:
    """A person who said no stays opted out on every address, one given later too: each
    address of the record not among its `old` ones (an edit, the API's PATCH, an import's
    update of a record `said_no_on_record`) is suppressed as theirs (`suppress`), with a
    timeline row, so no screen, export or tool offers it. But one another person's active
    lead holds (`_someone_elses`; unless the edit `confirmed` they are the same person) is
    not: one wrong paste must not silence a teammate's customer for good (review29 #2, the
    mirror of `SaidNoElsewhere`), for a won or lost record as for an opted-out one. The
    timeline says so, and the record still never uses it (`reach.address_refusal`: an
    opted-out record none of its addresses; a won or lost one the address so left, which it
    keeps its status beside: eval35 #1, a new address of such a record was offered)."""
    new = [
        v
        for v in (lead.email, lead.phone)
        if v and v not in old and not Suppression.objects.filter(value=v).exists()
    ]
    # opted out, won or lost alike: the holder is not silenced
    new = [v for v in new if not _left_to_its_holder(lead, v, user, via, confirmed)]
    new = Withheld(user).keep_from(lead, new, via)  # a teammate's finished lead: its owner's
    if not new:
        return
    _suppress_values(lead, new)
    shown = ", ".join(display_phone(v) if v == lead.phone else v for v in new)
    door = f" ({via})" if via else ""
    note_on_timeline(
        lead, f"{shown} suppressed: this person asked not to be contacted{door}.", user=user
    )
    _tell_holders(lead, new, user, door)


def _tell_holders(lead: Lead, values: list[str], user, door: str) -> None:
    """Every other lead holding an address `keep_said_no` suppressed (the same person's,
    confirmed) says so on its timeline, whoever owns it: its owner learns it nowhere else
    (eval36 #1: nothing appeared there)."""
    for value in values:
        field = "email" if value == lead.email else "phone"
        shown = display_phone(value) if field == "phone" else value
        said = (
            f"{shown} suppressed: it was given to a record of this person, who asked not "
            f"to be contacted{door}."
        )
        for other in Lead.objects.filter(**{field: value}).exclude(pk=lead.pk).order_by("pk"):
            note_on_timeline(other, said, user=user)


def _left_to_its_holder(lead: Lead, value: str, user, via: str, confirmed: bool) -> bool:
    """Whether `value`, new on this record of a person who said no, is another person's
    (`_someone_elses`): then it is not suppressed, and this lead's timeline says whose it
    is (`reach.NOT_BLOCKED`), and the record keeps it off (`Lead.kept_off`: a won or lost
    record still never uses it)."""
    other = _someone_elses(lead, value, user, confirmed)
    if other is None:
        return False
    if value not in lead.kept_off:
        lead.kept_off = [*lead.kept_off, value]
        lead.save(update_fields=["kept_off", "updated_at"])
    shown = display_phone(value) if value == lead.phone else value
    door = f" ({via})" if via else ""
    note_on_timeline(lead, reach.NOT_BLOCKED.format(shown, other.name, other.pk, door), user=user)
    return True


def _someone_elses(lead: Lead, value: str, user=None, confirmed: bool = False) -> Lead | None:
    """An active lead other than this one holding `value` that is not known to be this
    lead's person; None when there is none. The same person: the editor's confirmation
    (`confirmed`, "They are the same person", the API's `same_person`) or a matching name
    (`same_person_by_phone`), and only on a lead the editor may open (a salesperson: his own;
    `user` None, the command line: any). A teammate's lead he cannot see is never silenced
    on his word (eval36 #1: a salesperson renamed his record after a teammate's customer and
    pasted her email); his own duplicate of the person is (review30 #1: an import gave her
    opted-out record the address of her other record, which went on being emailed)."""
    field = "email" if value == lead.email else "phone"
    holders = Lead.objects.filter(status__in=ACTIVE_STATUSES, **{field: value})
    for other in holders.exclude(pk=lead.pk).order_by("pk"):
        may_open = user is None or visible_leads(user).filter(pk=other.pk).exists()
        if not (may_open and (confirmed or same_person_by_phone(lead, other))):
            return other
    return None


def _suppress_values(lead: Lead, values: list[str]) -> None:
    """Suppress these addresses of the lead (an opt-out)."""
    for value in values:
        kind = Suppression.Kind.EMAIL if value == lead.email else Suppression.Kind.PHONE
        suppress(value, kind, "opt-out", but=lead.pk)


def _said_no_before(lead: Lead) -> str:
    """The reason's start: "This person opted out before: Quinn Ford (#501) on Thu 3 Dec
    2026 10:00 CST" (the record that said no, when, in the business's zone)."""
    tz, fmt = clock.business_zone(), "%a %-d %b %Y %H:%M"
    row = who_said_no(lead)
    if row is not None:
        when = clock.at_zone(row.at, tz, fmt)
        return f"{SAID_NO_BEFORE}: {row.lead.name} (#{row.lead_id}) on {when}"
    gone = (
        Suppression.objects.filter(
            value__in=[v for v in (lead.email, lead.phone) if v], reason="opt-out"
        )
        .order_by("created_at")
        .first()
    )
    if gone is None:  # an opted-out record without its opt-out row (data from elsewhere)
        return f"{SAID_NO_BEFORE}, on another record of theirs"
    when = clock.at_zone(gone.created_at, tz, fmt)
    return f"{SAID_NO_BEFORE}: {gone.value} asked not to be contacted on {when}"


def _suppress(
    lead: Lead, channel: str | None, reason: str, withheld: Withheld | None = None
) -> None:
    """Suppress the lead's address for `channel` (None: every address). A bounce blocks an
    email address only: a phone number does not bounce. An opt-out blocks only the lead's
    own addresses (`same_person.own_addresses`), not one a public post merely typed, nor
    one a salesperson's hand opt-out leaves to a teammate's lead's owner (`withheld`)."""
    own = own_addresses(lead) if reason == "opt-out" else [lead.email]
    kept = withheld or Withheld(None)
    if channel in (None, "email") and lead.email in own and not kept("email", lead.email):
        suppress(lead.email, Suppression.Kind.EMAIL, reason, but=lead.pk)
    if channel in (None, "call", "text") and lead.phone in own and reason == "opt-out":
        if not kept("phone", lead.phone):
            suppress(lead.phone, Suppression.Kind.PHONE, reason, but=lead.pk)


@transaction.atomic
def suppress(
    value: str, kind: str, reason: str, *, but: int | None = None, said: str = "", user=None
) -> Suppression:
    """Never contact this address again (an opt-out, a hard bounce): the one door for a
    suppression. Every other active lead with the address is replanned at once, so a
    second record of the same person stops being offered as a contact too. `said`: why and
    by whom (an import's line), written on the timeline of every lead holding the address,
    whoever owns it: a teammate's import changes what is done with their lead, and the
    lead's own page is where its owner learns why."""
    row, created = Suppression.objects.get_or_create(
        value=value, defaults={"kind": kind, "reason": reason[:40]}
    )
    if created:
        field = "email" if kind == Suppression.Kind.EMAIL else "phone"
        holders = Lead.objects.filter(**{field: value})
        for pk in sorted(holders.values_list("pk", flat=True)):
            # each holder's lock, in the one order: the suppression commits only after a
            # send to it in flight has gone (PostgreSQL: this row lock; SQLite: the send
            # lock the "suppressed" event waits for, outreach.receivers)
            _emit(_lock(pk), "suppressed", value=value)
        if said:
            for lead in holders.only("pk", "status"):
                note_on_timeline(lead, said, user=user)
        others = (
            holders.filter(status__in=ACTIVE_STATUSES).exclude(pk=but).values_list("pk", flat=True)
        )
        for pk in others:
            _done(_lock(pk), "updated")
    return row
