"""Renewed consent: someone who opted out asks to hear from us again (they phoned, wrote,
came by) and a person of ours records it, with how they asked and on which channels. Only
a person does this, never a public post: anyone may type a customer's name into a form,
and a form's enquiry from someone who opted out leaves them opted out.

What an opt-out blocked is lifted only as far as the consent reaches: the suppression an
opt-out made of an address they consent to again is removed; one of an address they did
not consent to stays, under another reason (`NOT_RENEWED`) so that it no longer reads as
the person having said no (which would opt the record out again at its next enquiry);
a refusal of one way alone ("stop emailing me, just call me": `optout.REFUSED`) is lifted
when they agree to that way again; a bounce, a spam complaint or a list's "do not call"
stays as it was, whatever anyone says, and so does a shared number another person opted out on.

Either is the business's owner's to record (`people.is_admin`), never a salesperson's alone:
a renewal overturns the person's own "no" (an unsubscribe link, a "stop" reply, a call),
and `restore_mistaken_opt_out` takes back an opt-out one of our users entered by hand by
mistake, recorded as our mistake, never one that came from the person."""

from __future__ import annotations

from copy import copy

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import ACTIVE_STATUSES, Lead, Status, StatusChange, Suppression
from ..normalize import clean_text, display_phone
from ..people import display_name, is_admin
from ..same_person import WITH_ANOTHER_RECORD, person_records, typed
from .core import ActionError, _done, _lock, _transition
from .optout import ASKED_AGAIN, REFUSED, _lock_in_order, theirs

# The timeline row's first words, and the reason other records of the person are closed with.
RENEWED = "Asked to hear from us again"
# A suppression an opt-out made of an address whose channel the renewal left out: still
# blocked, but no longer the person's "no" (`same_person.said_no_addresses` reads "opt-out").
NOT_RENEWED = "opt-out, consent not renewed"
# The channels a renewal names, in the words the timeline writes them.
CHANNELS = {"email": "email", "call": "calls", "text": "texts"}
SHORTEST_NOTE = 10
# Who may overturn an opt-out, in the words a salesperson reads where the form would be.
OWNER_ONLY = (
    "Only the business's owner can record that someone who opted out asked to hear from us "
    "again, or take back an opt-out entered by mistake: ask your owner to do it on this lead."
)
# The reason an opt-out entered with the lead page's Record opt-out button is written with:
# one of our users said it, not the person (a call of theirs reads "said on a call").
BY_HAND = "Opted out (entered by hand)"
# The timeline row's first words of an opt-out taken back as our mistake.
OUR_MISTAKE = "Opt-out taken back: entered by mistake"


def check_renewal(lead: Lead, note: str, channels) -> tuple[str, list[str]]:
    """The note (cleaned) and channels (in `CHANNELS` order) of a renewal of `lead`, or an
    ActionError saying what is missing: a note of how they asked, one channel at least, an
    address for each channel, and calls beside texts (a number is blocked or free whole)."""
    note = clean_text(note or "").strip()
    if len(note) < SHORTEST_NOTE:
        raise ActionError(
            "Write how they asked to hear from us again (for example: phoned on 3 March "
            "asking for a quote)."
        )
    unknown = sorted(set(channels) - set(CHANNELS))
    if unknown:
        raise ActionError(f"No such channel: {', '.join(unknown)}.")
    chosen = [c for c in CHANNELS if c in channels]
    if not chosen:
        raise ActionError("Tick the channels they agreed to be contacted on.")
    if "email" in chosen and not lead.email:
        raise ActionError(f"{lead.name} has no email: add it first, or leave email unticked.")
    if {"call", "text"} & set(chosen) and not lead.phone:
        raise ActionError(f"{lead.name} has no phone: add it first, or tick email only.")
    if "text" in chosen and "call" not in chosen:
        raise ActionError(
            "Texts go to the number calls use, and a number is unblocked whole: tick calls "
            "too, or leave texts out."
        )
    return note, chosen


def staying_blocked(lead: Lead, exclude: set[int] | None = None) -> list[str]:
    """What a renewal leaves blocked of the lead's addresses whatever is ticked, one sentence
    each: a bounce, a spam complaint, a list's own "no", or a shared number another person
    (a record not theirs, `exclude`: the person's records, read with the lead's typed
    addresses as theirs) opted out on."""
    if exclude is None:  # as `renew_consent` will read them: the addresses vouched for
        probe = copy(lead)
        theirs(probe, None, save=False)
        exclude = person_records(probe)[0]
    out = []
    for field in ("email", "phone"):
        value = getattr(lead, field)
        row = Suppression.objects.filter(value=value).first() if value else None
        if row is None:
            continue
        shown = display_phone(value) if field == "phone" else value
        if row.reason not in ("opt-out", NOT_RENEWED, REFUSED[field]):  # a refusal: as ticked
            out.append(f"The {field} {shown} stays blocked: {_why(row.reason)}.")
        elif _another_said_no(lead, field, exclude):
            out.append(f"The {field} {shown} stays blocked: another person on it opted out.")
    return out


def _why(reason: str) -> str:
    if reason == "bounce":
        return "mail to it bounced"
    if reason == "complaint":
        return "its owner marked our mail as spam"
    return f"it is suppressed ({reason.removeprefix('import: ')})"


def _another_said_no(lead: Lead, field: str, person: set[int]) -> bool:
    value = getattr(lead, field)
    others = Lead.objects.filter(**{field: value}, status=Status.OPTED_OUT)
    return others.exclude(pk__in=person).exists()


@transaction.atomic
def renew_consent(lead: Lead, *, note: str, channels, user) -> Lead:
    """A person of ours records that this opted-out lead asked to hear from us again: how
    they asked (`note`, required) and the channels they agreed to ("email", "call", "text";
    `check_renewal`). The lead is open again with a timeline row saying so, by whom and
    when; the opt-out's suppression of each address they agreed to is lifted (never a
    bounce's or a complaint's: `staying_blocked`); the text consent is theirs only if
    ticked (what a web form ticked is not consent); an address of a ticked channel that a
    public post only typed is confirmed as theirs (as `confirm_address`: whoever records
    this spoke with them); the person's other opted-out records are closed, pointing here,
    so their old "no" does not opt this one out again. Then the lead is replanned."""
    if user is None:
        raise ActionError("Only a person of ours can record that someone asked to hear from us.")
    if not is_admin(user):
        raise ActionError(OWNER_ONLY)
    caller = lead
    note, chosen = check_renewal(lead, note, channels)
    shown = tuple(f for f, c in (("email", "email"), ("phone", "call")) if c in chosen)
    locked = _lock_in_order(lead, shown)
    lead = locked[lead.pk]
    if lead.status != Status.OPTED_OUT:
        raise ActionError(f"{lead.name} has not opted out: there is no consent to renew.")
    note, chosen = check_renewal(lead, note, channels)  # on the row as it is, locked
    confirmed = [f for f in shown if typed(lead, f)]
    theirs(lead, shown)  # they agreed to be reached there: a person of ours vouches for it
    person = person_records(lead)[0]
    kept = staying_blocked(lead, person)
    now = timezone.now()
    for pk in sorted(person - {lead.pk}):
        other = locked.get(pk) or _lock(pk)
        if other.status == Status.OPTED_OUT:
            why = f"{RENEWED} on {lead.name} (#{lead.pk}): this record is closed, followed there."
            _transition(other, Status.CLOSED, why, user, now)
            _done(other, "status")
    freed = _lift(lead, {"email": "email" in chosen, "phone": "call" in chosen}, person)
    lead.consents = ["sms"] if "text" in chosen else []
    lead.revisit_at = None
    lead.save(update_fields=["consents", "updated_at"])
    said = " and ".join(CHANNELS[c] for c in chosen)
    vouched = [f"The {f} a web form typed is confirmed as theirs." for f in confirmed]
    reason = " ".join([f"{RENEWED}: {note}", f"They agreed to {said}.", *vouched, *kept])
    _transition(lead, Status.OPEN, reason, user, now)
    for pk in _active_holders(freed, person):  # a shared number free again for them too
        _done(_lock(pk), "updated")
    return _done(lead, "status", caller=caller)


def _lift(lead: Lead, wanted: dict[str, bool], person: set[int]) -> list[str]:
    """Lift the opt-out's suppression of each address `wanted`; mark the others'
    `NOT_RENEWED`. A bounce's, a complaint's, a list's, or one another person's opt-out
    made stays. Returns the addresses freed."""
    freed = []
    for field, agreed in wanted.items():
        value = getattr(lead, field)
        row = Suppression.objects.filter(value=value).first() if value else None
        if row is None or row.reason not in ("opt-out", NOT_RENEWED, REFUSED[field]):
            continue
        if row.reason == REFUSED[field]:  # one way refused, not the person: consent lifts it
            if agreed:
                row.delete()
                freed.append(value)
            continue
        if _another_said_no(lead, field, person):
            continue
        if agreed:
            row.delete()
            freed.append(value)
        elif row.reason != NOT_RENEWED:
            row.reason = NOT_RENEWED
            row.save(update_fields=["reason"])
    return freed


def _active_holders(values: list[str], person: set[int]) -> list[int]:
    """Active records outside the person's that hold an address just freed (to replan)."""
    if not values:
        return []
    holders = Lead.objects.filter(status__in=ACTIVE_STATUSES).exclude(pk__in=person)
    found = holders.filter(email__in=values) | holders.filter(phone__in=values)
    return sorted(set(found.values_list("pk", flat=True)))


def mistaken_opt_out(lead: Lead) -> StatusChange | None:
    """The opt-out row of this lead that the owner may take back as our mistake, or None: it
    must be its only opt-out, entered by one of our users with Record opt-out (`BY_HAND`),
    with no address of it suppressed by anything but that opt-out. Never one from the
    person (a link, a reply, a complaint, a call), one made for matching another record, a
    script's or an import's, nor one the person repeated."""
    if lead.status != Status.OPTED_OUT:
        return None
    rows = list(lead.status_changes.filter(new=Status.OPTED_OUT).order_by("at", "pk")[:2])
    if len(rows) != 1 or rows[0].user_id is None or rows[0].reason != BY_HAND:
        return None
    person = person_records(lead)[0]
    if StatusChange.objects.filter(lead__in=person, reason__startswith=ASKED_AGAIN).exists():
        return None  # the person said no again since: that "no" is theirs
    values = [v for v in (lead.email, lead.phone) if v]
    if Suppression.objects.filter(value__in=values).exclude(reason="opt-out").exists():
        return None
    if _suppressed(person).filter(created_at__lt=rows[0].at).exists():
        return None  # suppressed before it (an unsubscribe, an import): not ours to lift
    others = StatusChange.objects.filter(lead__in=person - {lead.pk}, new=Status.OPTED_OUT)
    if others.exclude(_followed(lead)).exists():
        return None  # another record of theirs said no on its own: that "no" is theirs
    return rows[0]


def _suppressed(person: set[int]):
    """The suppressions of the addresses of the person's records that `restore_mistaken_opt_out`
    would lift: each one's opt-out, unless another person said no on it."""
    values = [
        v
        for other in Lead.objects.filter(pk__in=person)
        for field in ("email", "phone")
        if (v := getattr(other, field)) and not _another_said_no(other, field, person)
    ]
    return Suppression.objects.filter(value__in=values, reason="opt-out")


def _followed(lead: Lead) -> Q:
    """The opt-out rows of other records made for following this one's opt-out."""
    return Q(reason__startswith=WITH_ANOTHER_RECORD, reason__contains=f"(#{lead.pk}): ")


@transaction.atomic
def restore_mistaken_opt_out(lead: Lead, *, why: str, user) -> Lead:
    """The owner takes back an opt-out one of our users entered by mistake (`mistaken_opt_out`):
    the lead and each record of the person it opted out go back to the status they had,
    its suppressions are lifted, and a timeline row on each says it was our mistake, who
    entered it, who took it back and why. No consent is recorded: the person gave none."""
    if user is None or not is_admin(user):
        raise ActionError(OWNER_ONLY)
    why = clean_text(why or "").strip()
    if len(why) < SHORTEST_NOTE:
        raise ActionError("Write what the mistake was (for example: pressed on the wrong lead).")
    caller = lead
    locked = _lock_in_order(lead)
    lead = locked[lead.pk]
    row = mistaken_opt_out(lead)
    if row is None:
        raise ActionError(
            f"The opt-out of {lead.name} did not come from one of our users alone: it can only "
            "be lifted when they ask to hear from us again."
        )
    by = display_name(row.user) if row.user else "one of our users"
    reason = f"{OUR_MISTAKE} by {by}: {why}"
    now = timezone.now()
    followed = StatusChange.objects.filter(_followed(lead), new=Status.OPTED_OUT)
    for other_row in followed.exclude(lead=lead).order_by("lead_id"):
        other = locked.get(other_row.lead_id) or _lock(other_row.lead_id)
        if other.status == Status.OPTED_OUT:
            _transition(other, other_row.old or Status.OPEN, reason, user, now)
            _done(other, "status")
    person = person_records(lead)[0]
    mine = _suppressed(person).filter(created_at__gte=row.at)  # only its own
    values = list(mine.values_list("value", flat=True))
    mine.delete()
    _transition(lead, row.old or Status.OPEN, reason, user, now)
    for pk in _active_holders(values, person):
        _done(_lock(pk), "updated")
    return _done(lead, "status", caller=caller)
