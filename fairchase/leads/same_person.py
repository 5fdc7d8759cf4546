"""Which records are one person: an email is one person's; a phone number is shared
(a switchboard, a family), so it joins records only under matching names. A generational
suffix is read two ways, so the result never depends on which record came first and errs
towards not contacting: to join (merge) a new record into a lead, a suffix and none, or
two different suffixes, are two people ("Ray Cole", "Ray Cole Jr", "Ray Cole Sr" are
three leads); to honour an opt-out a plain name fits any suffix ("Ray Cole" saying no
blocks "Ray Cole Jr"), only two different suffixes are two people. The opt-out
actions use it to reach every record of a person who said no, and the doors that make
leads (forms, the API, Add lead, imports) to find the active lead a new post of the same
person joins (all but imports hold the person meanwhile: `lock_person`)."""

from __future__ import annotations

import hashlib

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q

from .models import ACTIVE_STATUSES, Lead, Status, StatusChange, Suppression
from .names import name_parts
from .people import visible_leads

# How an opt-out nobody asked for on that record starts its reason: one made with the
# person who said no (`actions.optout`), or at creation for matching them. Such a record
# lends its name to no one: names are compared with records that said no themselves.
WITH_ANOTHER_RECORD = "Opted out on another record:"
SAID_NO_BEFORE = "This person opted out before"
AUTOMATIC = Q(reason__startswith=WITH_ANOTHER_RECORD) | Q(reason__startswith=SAID_NO_BEFORE)
# How the reason starts when such a record then says no itself (an unsubscribe link, a
# "stop" reply, by hand): its status stays, and from then on it said no itself.
SAID_NO_ITSELF = "Said no on this record itself:"


def _names_match(a: str, b: str) -> bool:
    """The same name (in any order), or the shorter a part of the longer that keeps its
    first name ("Bob" and "Bob Stone"); never a family name alone ("Stone") nor two
    different first names ("Ann Stone" and "Bob Stone") on one number. Read loosely
    (`names.name_parts`): "Dr. José Núñez" is "Jose Nunez", but "Bob Stone Jr" and "Bob
    Stone Sr" (a father and son on a family's number) are two people. A name with a comma
    may be "Family, Given" or a name and what follows it: they match if they match read
    either way (`names.in_order` or as written), since a match missed lets a new record of
    someone who said no through ("Stone, Bob" is "Bob", and "Stone" as written)."""
    return any(
        _parts_match(name_parts(a, turned=turn_a), name_parts(b, turned=turn_b))
        for turn_a in _readings(a)
        for turn_b in _readings(b)
    )


def _readings(name: str) -> tuple[bool, ...]:
    """How to read a name: turned round (`names.in_order`) and, with a comma, as written."""
    return (True, False) if "," in (name or "") else (True,)


def _parts_match(a: tuple[list[str], list[str]], b: tuple[list[str], list[str]]) -> bool:
    """`_names_match` for names read into (words, suffixes)."""
    (words_a, suffix_a), (words_b, suffix_b) = a, b
    if suffix_a and suffix_b and suffix_a != suffix_b:
        return False
    short, long = sorted((words_a, words_b), key=len)
    if not short or not set(short) <= set(long):
        return False
    return set(short) == set(long) or long[0] in short


def _exact_name(a: str, b: str) -> bool:
    """The same words in any order, read loosely (`names.name_parts`), suffixes included."""
    (words_a, suffix_a), (words_b, suffix_b) = name_parts(a), name_parts(b)
    return bool(words_a) and set(words_a) == set(words_b) and suffix_a == suffix_b


def _no_real_name(lead: Lead) -> bool:
    """No name, or only an address standing in for one (a form sent with an email only)."""
    name = (lead.name or "").strip()
    return not name or "@" in name or not any(c.isalpha() for c in name)


def same_person_by_phone(known: Lead, other: Lead) -> bool:
    """Whether `other`, sharing a phone number with `known`, is the same person: a number
    is often shared (a switchboard, a family), so only when the names match (`_names_match`)
    or `other` has no real name. An email is one person's; a phone number is not always."""
    return _no_real_name(other) or _names_match(known.name, other.name)


# The one rule of a public post's addresses, for a record (`typed`, `own_addresses`) and
# for a query (`owned`): an address still equal to its `typed_*` field is not known to be
# the person's (anyone may type a customer's number). An opt-out neither suppresses it nor
# follows it to another record, and an opted-out record's makes no later record a person
# who said no. It stops being only typed when shown theirs (`actions.optout.theirs`: an
# opt-out through it, one of the team's, `actions.confirm_address`) or edited to another.


def typed(lead: Lead, field: str) -> bool:
    """Whether the lead's `field` ("email", "phone") is an address a public post only typed."""
    value = getattr(lead, field)
    return bool(value) and getattr(lead, f"typed_{field}") == value


def own_addresses(lead: Lead) -> list[str]:
    """The lead's addresses known to be its person's: all but those a post only typed."""
    return [getattr(lead, f) for f in ("email", "phone") if getattr(lead, f) and not typed(lead, f)]


def owned(leads, field: str, values):
    """Those of `leads` whose `field` is one of these (normalised) addresses and is known to
    be their person's (not one a public post only typed)."""
    return leads.filter(**{f"{field}__in": list(values)}).exclude(**{f"typed_{field}": F(field)})


def lock_person(email: str, phone: str) -> None:
    """Hold the person with these (normalised) addresses until the caller's transaction
    ends, so two simultaneous enquiries of a new person make one lead: call it before
    looking for their active lead, in the transaction that creates one. On PostgreSQL
    (READ COMMITTED) both lookups would see no lead: a transaction-level advisory lock per
    address, taken in key order so two posts sharing both addresses never deadlock. On
    SQLite nothing to do: `transaction_mode: IMMEDIATE` takes the one write lock at BEGIN,
    so writing transactions already run one at a time."""
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:  # an xact lock outside a transaction ends at once
        raise RuntimeError("lock_person holds a person for a transaction: call it in one")
    addresses = {"email": email, "phone": phone}
    keys = sorted(_lock_key(f"{kind}:{value}") for kind, value in addresses.items() if value)
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _lock_key(text: str) -> int:
    """A stable signed 64-bit advisory lock key for a text (the same in every process,
    unlike `hash`)."""
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True
    )


def active_lead_of(name: str, email: str, phone: str) -> Lead | None:
    """The active lead of the person with this name and these (normalised) addresses,
    whoever owns it, the oldest first: the same email, else the same phone under a
    matching name with the same suffixes (`one_on_phone`), a little stricter than the rule
    `person_records` links records by for an opt-out (a plain name fits any suffix there)."""
    if not (email or phone):
        return None
    return active_lead_among(active_leads_at([email], [phone]), name, email, phone)


# What someone is told who adds a person, or edits a lead to their address, whom a
# teammate already has as an active lead he may not open: neither its name nor whose
# (eval32 #4, eval36 #1 and #4); ask the business's owner, who sees every lead.
A_TEAMMATES = "Someone on the team already has this person"


def teammates_lead(user, name: str, email: str, phone: str, *, but=None) -> Lead | None:
    """The person's active lead by `active_lead_of`'s rule (other than `but`, the lead being
    edited) when `user` may not open it (a teammate's), else None: the one check of Add
    lead, the API's POST and every edit of an address (`actions.update_lead`), so an edit
    cannot make a decoy of a teammate's customer (eval36 #1: it then took their mail and
    their opt-out)."""
    candidates = [c for c in active_leads_at([email], [phone]) if c.pk != but]
    known = active_lead_among(candidates, name, email, phone) if (email or phone) else None
    if known is None or visible_leads(user).filter(pk=known.pk).exists():
        return None
    return known


def leads_at(emails, phones) -> list[Lead]:
    """Every lead with any of these (normalised) addresses, whatever its status, the oldest
    first, with its owner: one query for a whole batch of rows, through the email and phone
    indexes."""
    emails, phones = [e for e in emails if e], [p for p in phones if p]
    if not (emails or phones):
        return []
    same = Q(email__in=emails) | Q(phone__in=phones)
    return list(Lead.objects.filter(same).select_related("owner").order_by("pk"))


def active_leads_at(emails, phones) -> list[Lead]:
    """The active leads with any of these (normalised) addresses, the oldest first: the
    candidates `active_lead_among` picks from. The status is sieved here, not in SQL: there
    SQLite would walk its status index over every open lead (most of a book) instead of the
    address indexes."""
    return [lead for lead in leads_at(emails, phones) if lead.status in ACTIVE_STATUSES]


def active_lead_among(candidates, name: str, email: str, phone: str) -> Lead | None:
    """`active_lead_of` among leads already read (oldest first): the same email, else the
    same phone under the same name, else the one lead on that phone whose name matches
    (`one_on_phone`) or that has no real name (a lead named after its number). Two
    such leads (a "Bob" and a "Bob Stone" on a family's number) are not guessed between."""
    if email and (lead := next((c for c in candidates if c.email == email), None)) is not None:
        return lead
    return one_on_phone([c for c in candidates if phone and c.phone == phone], name)


def one_on_phone(on_phone, name: str):
    """Which of these records sharing a phone number (oldest first) the person with this
    name is: the one with the same name, else the one whose name matches with the same
    suffixes (`_joins`: "Ray Cole Jr" never joins "Ray Cole") or that has no real name (any
    one, for a newcomer with no real name); None when none fits, or two do (never guessed
    between). Records are anything with a `name` (an importer's rows)."""
    if not on_phone:
        return None
    if (lead := next((c for c in on_phone if _exact_name(c.name, name)), None)) is not None:
        return lead
    newcomer = Lead(name=name)
    if _no_real_name(newcomer):
        fits = list(on_phone)
    else:
        fits = [c for c in on_phone if _no_real_name(c) or _joins(c.name, name)]
    return fits[0] if len(fits) == 1 else None


def _joins(a: str, b: str) -> bool:
    """Whether a record named `b` joins one named `a` on their shared number: the names
    match (`_names_match`) with the same suffixes, so "Ray Cole", "Ray Cole Jr" and "Ray
    Cole Sr" (a father, a son, and one of them unsaid) stay three leads in whatever order
    they come; an opt-out still reads "Ray Cole" as either (`_names_match`)."""
    return name_parts(a)[1] == name_parts(b)[1] and _names_match(a, b)


def person_records(lead: Lead) -> tuple[set[int], set[int]]:
    """(The person's records, records that only share a phone number with one of them under
    another name.) The person's: linked by the same email, or the same phone number under a
    name matching this lead's (`same_person_by_phone`; names are compared with this lead's,
    never along a chain: "Ann Stone" -> "Ann" -> "Ann Jones" on a family's number is not one
    person), each in turn; every status. Only through each record's own addresses
    (`own_addresses`): a number a public post typed links that record to no one."""
    person, strangers, todo = {lead.pk}, set(), [lead]
    while todo:
        known = todo.pop()
        own = own_addresses(known)
        email = known.email if known.email in own else ""
        same = Q(pk__in=[])
        if email:
            same |= Q(email=email)
        if known.phone in own:
            same |= Q(phone=known.phone)
        for other in Lead.objects.filter(same).exclude(pk__in=person).order_by("pk"):
            if (email and other.email == email) or same_person_by_phone(lead, other):
                person.add(other.pk)
                todo.append(other)
            else:
                strangers.add(other.pk)
    return person, strangers - person


def said_no_before(lead: Lead) -> bool:
    """Whether this lead's person opted out on another record (`said_no_addresses`)."""
    return bool(said_no_addresses(lead))


def said_no_addresses(lead: Lead) -> list[str]:
    """Which of this lead's addresses make it a person who opted out on another record (an
    address suppressed by an opt-out, or an opted-out record's): its email, and its phone
    unless every record with that number that said no itself (`said_no_themselves`) is
    someone else (`same_person_by_phone`). Read on the record as it is, saved or not. An
    opted-out record's address that a public post typed (`own_addresses`) is not theirs."""
    opted = Suppression.objects.filter(reason="opt-out")
    said_no = Lead.objects.filter(status=Status.OPTED_OUT).exclude(pk=lead.pk)
    found = []
    if lead.email and (
        opted.filter(value=lead.email).exists() or owned(said_no, "email", [lead.email]).exists()
    ):
        found.append(lead.email)
    if lead.phone and _said_no_on_phone(lead, opted, said_no):
        found.append(lead.phone)
    return found


def _said_no_on_phone(lead: Lead, opted, said_no) -> bool:
    """`said_no_addresses` for the lead's phone number."""
    others = said_no_themselves(owned(said_no, "phone", [lead.phone]))
    if opted.filter(value=lead.phone).exists():
        return not others.exists() or any(same_person_by_phone(o, lead) for o in others)
    # an opted-out record whose addresses were never suppressed (data from before the
    # suppression list, a restored backup): its status alone says no
    return any(same_person_by_phone(o, lead) for o in others)


def first_holders(leads):
    """The open or engaged leads among `leads` (the holders of one address), the first made
    first: a message from the address with no thread of ours (an email, a text) is filed
    on the first. A later record given the same address (a copy, or a teammate's
    customer's address pasted into a decoy: eval36 #2) never takes their mail."""
    return leads.filter(status__in=[Status.OPEN, Status.ENGAGED]).order_by("created_at", "pk")


def said_no_themselves(leads):
    """Those of these opted-out records that said no themselves (by hand, a link, a reply,
    the API): an opt-out row not made for matching someone else (`AUTOMATIC`), one made
    when such a record later said no itself (`SAID_NO_ITSELF`), or none at all (data from
    elsewhere: erring towards no). Only they lend their name to a match on a shared
    number, so an opt-out never passes along a chain ("Mia Fox" -> "Mia" -> "Mia Gomez"
    on a family's number) unless "Mia" says no herself."""
    rows = StatusChange.objects.filter(lead=OuterRef("pk"), new=Status.OPTED_OUT)
    opt_outs = rows.exclude(old=Status.OPTED_OUT)  # not a note on an opted-out record
    later = rows.filter(old=Status.OPTED_OUT, reason__startswith=SAID_NO_ITSELF)
    return leads.filter(Exists(opt_outs.exclude(AUTOMATIC)) | Exists(later) | ~Exists(opt_outs))


def said_no_itself(lead: Lead) -> bool:
    """Whether this opted-out record said no itself (`said_no_themselves`)."""
    return said_no_themselves(Lead.objects.filter(pk=lead.pk)).exists()


def said_no_at(values, suppressed: set[str] | None = None) -> set[str]:
    """Which of these (normalised) addresses a person who said no gave: suppressed by an
    opt-out, or an opted-out record's, in three queries for a whole batch, each address
    asked once of its own column. `suppressed`: those of them suppressed for any reason,
    when the caller has read them (`Suppression.among`): only they can be an opt-out's.
    Only a first sieve: a record with one of them is theirs by `said_no_before` (a phone
    joins only under a matching name); a record with none of them is not."""
    values = {v for v in values if v}
    asked = values if suppressed is None else values & suppressed
    opted = Suppression.objects.filter(value__in=asked, reason="opt-out")
    found = set(opted.values_list("value", flat=True)) if asked else set()
    emails = {v for v in values if "@" in v}  # a normalised phone number has none
    said_no = Lead.objects.filter(status=Status.OPTED_OUT)
    for field, theirs in (("email", emails), ("phone", values - emails)):
        if theirs:
            found |= set(owned(said_no, field, theirs).values_list(field, flat=True))
    return found


def who_said_no(lead: Lead) -> StatusChange | None:
    """The opt-out row of the first of this person's other records to say no (the rule of
    `said_no_before`: the same email, or the same phone under a name matching a record
    that said no itself, not one opted out for matching someone else, until it says no
    itself too): its lead
    is the record, its `at` when. None when no such record is left (an address suppressed
    by an opt-out whose record was deleted)."""
    same = Q(pk__in=[])
    if lead.email:
        same |= Q(lead__email=lead.email)
    if lead.phone:
        same |= Q(lead__phone=lead.phone)
    rows = (
        StatusChange.objects.filter(same, new=Status.OPTED_OUT, lead__status=Status.OPTED_OUT)
        .exclude(lead=lead.pk)
        # a note on an opted-out record is not its opt-out, unless it later said no itself
        .exclude(Q(old=Status.OPTED_OUT) & ~Q(reason__startswith=SAID_NO_ITSELF))
        .select_related("lead")
        .order_by("at", "pk")
    )
    for row in rows:
        other = row.lead
        own = own_addresses(other)
        if lead.email and other.email == lead.email and lead.email in own:
            return row
        on_phone = lead.phone and other.phone == lead.phone and lead.phone in own
        if on_phone and not _automatic(row.reason) and same_person_by_phone(other, lead):
            return row
    return None


def _automatic(reason: str) -> bool:
    """Whether an opt-out row was made for matching someone else (`AUTOMATIC`)."""
    return reason.startswith((WITH_ANOTHER_RECORD, SAID_NO_BEFORE))
