"""New leads, enquiries joining a person's active lead, and edits of a lead's details."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import ACTIVE_STATUSES, OUTBOUND_SOURCES, Attempt, Lead, Outcome, Status, StatusChange
from ..normalize import (
    clean_text,
    display_phone,
    normalize_email,
    normalize_phone,
    normalize_timezone,
    strip_invisible,
    zone_for_phone,
)
from ..planning import PLAN_FIELDS
from ..same_person import A_TEAMMATES, said_no_addresses, teammates_lead
from .attempts import ENQUIRY_REASON, SILENT_OUTCOMES
from .core import (
    ActionError,
    RepeatedEnquiry,
    SaidNoElsewhere,
    TeammatesLead,
    _done,
    _lock,
    _transition,
    note_on_timeline,
)
from .edits import before_edit, edit_note
from .optout import _honour_opt_out, keep_said_no, said_no_on_record


@transaction.atomic
def create_lead(
    owner, *, user=None, reason: str = "New enquiry", typed: bool = False, **fields
) -> Lead:
    """Store a new enquiry; its plan says 'respond now'. A contact from a cold list did not
    enquire: it comes in to be worked by value (a revisit from its first day), never
    listed as an enquiry waiting for its answer. A lead made for someone who opted out
    (their email, or their phone under their name), however it comes in (typed in,
    imported, the API, a web form), is opted out as it is made (`_honour_opt_out`): the
    person said no, and a new record of them is no new permission. `typed`: its addresses
    came from a public post, where anyone may type anyone's (`Lead.typed_email`)."""
    _clean_texts(fields)
    fields["email"] = normalize_email(fields.get("email"))
    fields["phone"] = normalize_phone(fields.get("phone"))
    if typed:
        fields["typed_email"], fields["typed_phone"] = fields["email"], fields["phone"]
    fields["timezone"] = normalize_timezone(fields.get("timezone"))  # as each door reads it
    if not fields["timezone"]:  # a number abroad with one zone: theirs, not ours
        fields["timezone"] = zone_for_phone(fields["phone"])
    fields.setdefault("status", Status.OPEN)
    if fields.get("source") in OUTBOUND_SOURCES:
        fields.setdefault("revisit_at", fields.get("created_at") or timezone.now())
    lead = Lead.objects.create(owner=owner, **fields)
    StatusChange.objects.create(
        lead=lead, old="", new=lead.status, reason=reason, user=user, at=lead.created_at
    )
    _honour_opt_out(lead, user)
    return _done(lead, "created")


def _clean_texts(fields: dict) -> None:
    """Name, company and notes as stored (`normalize.clean_text`: every way in, one rule);
    a name left blank is refused, as the forms and the API refuse one."""
    for key in ("name", "company", "notes"):
        if key in fields:
            fields[key] = clean_text(fields[key])
            if key != "notes":  # a name of only invisible characters is blank
                fields[key] = strip_invisible(fields[key])
    if "name" in fields and not fields["name"]:
        raise ActionError("A lead needs a name.")


@transaction.atomic
def add_enquiry(
    lead: Lead,
    *,
    via: str,
    message: str = "",
    email: str = "",
    phone: str = "",
    consents: list[str] | tuple = (),
    at: datetime | None = None,
    repeat_since: datetime | None = None,
    created_as: str = "",
    user=None,
    add_addresses: bool = True,
) -> Lead:
    """Someone with an active lead writes in again (a web form, the webhook): the enquiry
    joins that lead instead of making a second record of the same person. The message is
    appended to the notes, an address the lead lacks is added (one it has already is
    named in the note), a consent given is kept (`_add_consents`: for an address the lead
    has), and a timeline row says "New enquiry through <via>". Written after tries
    of ours, it is their answer: our latest silent try is marked replied and the lead is
    engaged, as `record_reply` does (a try recorded only later, an email confirmed after
    this enquiry, is marked so by `log_attempt`). Never tried yet, the lead is an enquiry waiting from
    now (no revisit date), unless a message of ours may be out (`_wait_from_now`). The same message through `via` since `repeat_since` (joined,
    or the lead made from it: its first row `created_as`) is a double submit: it raises
    `RepeatedEnquiry` and changes nothing. Checked under the lock, so two at once add it once.
    An address added that someone who opted out gave (`_honour_opt_out`, as `create_lead`
    and `update_lead` check) makes the lead theirs: it is opted out too. `user`: who posted
    it (an API user; None for a visitor's web form), named on the timeline rows.
    `add_addresses` False (a public form: anyone may type a person's name and phone) adds
    no address, nor a consent for one it did not carry: they are named in the note and on
    the timeline, for its owner to confirm, so nobody can have the lead's mail sent to them."""
    caller, lead = lead, _lock(lead)
    if lead.status not in ACTIVE_STATUSES:
        raise ActionError(f"{lead.name} is {lead.get_status_display().lower()}: not reopened.")
    at = at or timezone.now()
    email, phone = normalize_email(email), normalize_phone(phone)
    message = clean_text(message)
    if repeat_since is not None:
        _refuse_repeated_enquiry(lead, via, message, repeat_since, created_as)
    fields = ["notes", "consents", "signals", "updated_at"]
    also, held = _add_missing_addresses(lead, email, phone, fields, add_addresses)
    held = _add_consents(lead, consents, email, phone, add_addresses, held)
    if "phone" in fields and not lead.timezone and zone_for_phone(lead.phone):
        lead.timezone = zone_for_phone(lead.phone)  # the phone just added says its zone
        fields.append("timezone")
    _append_enquiry(lead, via, message, also, held)
    attempt = lead.attempts.filter(at__lte=at).order_by("-at", "-pk").first()
    reason = f"{ENQUIRY_REASON} {via}"  # found by this prefix in `log_attempt`
    if not lead.attempts.exists():
        reason += _wait_from_now(lead, at, fields)
    reason += f"; {held}" if held else ""
    if attempt is not None:  # after tries of ours: they got back to us
        _answered_our_try(lead, attempt, at, fields)
    lead.save(update_fields=fields)
    new = Status.ENGAGED if attempt is not None else lead.status
    _transition(lead, new, reason, user, at)
    kind = "enquiry"
    if {"email", "phone"} & set(fields) and _honour_opt_out(lead, user):
        kind = "opt_out"  # what is queued for them is cancelled, as for any opt-out
    return _done(lead, kind, caller=caller)


# What a consent is for, in the note on one a public post gave for an address it lacked.
CONSENT_WORDS = {"mailing_list": "the mailing list", "sms": "texts"}


def _add_consents(
    lead: Lead, consents, email: str, phone: str, trusted: bool = True, held: str = ""
) -> str:
    """Keep the consents an enquiry gave (a text consent only for the number it typed, when
    that is the lead's) and mark that they got in touch themselves. From a public post
    (`trusted` False), a consent is for the address it came with: the mailing list only
    for the email it typed, when that is the lead's (anyone may type a customer's name and
    number; the newsletter would go to an address the poster never gave). Returns `held`
    (what the note says of addresses not added) with what it says of a consent a public
    post gave that was not kept."""
    mine = {"sms": phone == lead.phone, "mailing_list": trusted or email == lead.email}
    dropped = [c for c in consents if not mine.get(c, True)]
    lead.consents = sorted({*(lead.consents or []), *(c for c in consents if c not in dropped)})
    lead.signals = sorted({*(lead.signals or []), "initiated_contact"})
    if trusted or not dropped:
        return held
    asked = " and ".join(CONSENT_WORDS[c] for c in sorted(dropped))
    said = (
        f"it asked for {asked}: not given (a web form gives no consent for an address the "
        "lead has that it did not carry); ask them"
    )
    return f"{held}; {said}" if held else said


def _refuse_repeated_enquiry(
    lead: Lead, via: str, message: str, since: datetime, created_as: str
) -> None:
    """Raise `RepeatedEnquiry` if the same message came through `via` since `since` (joined,
    or the lead made from it: its first row `created_as`)."""
    if message.strip() not in lead.notes:
        return
    said_since = lead.status_changes.filter(at__gte=since)
    same = Q(reason__startswith=f"New enquiry through {via}")
    if created_as:
        same |= Q(reason=created_as)
    if said_since.filter(same).exists():
        raise RepeatedEnquiry(f"{lead.name}: the same enquiry again, not added twice.")


def _add_missing_addresses(
    lead: Lead, email: str, phone: str, fields: list[str], add: bool = True
) -> tuple[list[str], str]:
    """Set an address the lead lacks (its field added to `fields`), unless `add` is False;
    return the addresses given that differ from the lead's own, to be named in the note,
    and, for those not added, the sentence saying so (`_not_added`; "" when none)."""
    also, held = [], {}
    for name, value in (("email", email), ("phone", phone)):
        if value and not getattr(lead, name) and add:
            setattr(lead, name, value)
            fields.append(name)
        elif value and not getattr(lead, name):
            held[name] = value
        elif value and value != getattr(lead, name):
            also.append(value)
    return also, _not_added(lead, held) if held else ""


def _not_added(lead: Lead, held: dict[str, str]) -> str:
    """What the note and the timeline say of the addresses an enquiry gave that were not
    added (`held`: field to value), naming one that someone who opted out gave (the lead
    is not opted out for it: its owner decides in Edit, which asks if they are that person)."""
    probe = Lead(pk=lead.pk, name=lead.name, **held)  # the lead as it would be with them
    said_no = said_no_addresses(probe)
    shown = [
        f"{name} {display_phone(value) if name == 'phone' else value}"
        + (" (of a person who asked not to be contacted)" if value in said_no else "")
        for name, value in held.items()
    ]
    return (
        f"the enquiry gave {' and '.join(shown)}: not added (a web form does not change "
        "a lead's addresses); add it in Edit if it is theirs"
    )


def _append_enquiry(lead: Lead, via: str, message: str, also: list[str], held: str = "") -> None:
    """Append "New enquiry through <via>" (naming the other addresses, and those given but
    not added) and the message to the lead's notes."""
    said = f"New enquiry through {via}" + (f" (also {', '.join(also)})" if also else "")
    said += f"; {held}" if held else ""
    note = f"{said}:\n{message.strip()}" if message.strip() else said
    lead.notes = f"{lead.notes.rstrip()}\n\n{note}".strip()


# Our messages that are or may be out: the outbox records each as an attempt dated when
# it went (a person confirms an `unknown` one later, at its claim time).
MAYBE_OUT = ("sending", "unknown", "sent")


def _wait_from_now(lead: Lead, at: datetime, fields: list[str]) -> str:
    """A lead never tried (an imported contact, an old untried enquiry): this enquiry is the
    one waiting for its answer now, not a revisit, and its wait starts at `at`, unless an
    email or text of ours may already be out: its attempt, recorded later, would then
    predate the lead and be refused (lost). Returns what to add to the transition's reason."""
    said = ""
    if lead.revisit_at is not None:
        lead.revisit_at = None
        said += "; its revisit date cleared"
    maybe_out = lead.outbound_messages.filter(kind="lead", state__in=MAYBE_OUT)
    if lead.created_at < at and not maybe_out.exists():
        lead.created_at = at
        fields.append("created_at")
        said += "; waiting from now"
    return said


def _answered_our_try(lead: Lead, attempt: Attempt, at: datetime, fields: list[str]) -> None:
    """They wrote in after our `attempt`: a silent try is marked replied, and the lead's
    `responded_at` moves to `at` if later."""
    if attempt.outcome in SILENT_OUTCOMES:
        attempt.outcome = Outcome.REPLIED
        attempt.save(update_fields=["outcome"])
    if lead.responded_at is None or at > lead.responded_at:
        lead.responded_at = at
        fields.append("responded_at")


# The fields saying who a lead is: an edit of one may make it a person who said no.
IDENTITY_FIELDS = {"name", "email", "phone"}

# Fields only the actions write (through their own transitions), never `update_lead`.
GUARDED_FIELDS = {
    "status",
    "events",
    "attempt_count",
    "last_attempt_at",
    "first_response_at",
    "responded_at",
    "won_value",
    "lost_reason",
    "paused_until",
    "revisit_at",
    "owner",
    "owner_id",
    "id",
    "pk",
    *PLAN_FIELDS,
}


@transaction.atomic
def update_lead(
    lead: Lead,
    *,
    user=None,
    same_person: bool | None = None,
    via: str = "",
    why_opted_out: str = "",
    **fields,
) -> Lead:
    """Edit details (not status); the plan is recomputed because value or source may change.
    An edit of who the lead is (its name, email or phone) that makes it a person who said
    no (`_honour_opt_out`, checked on the record as edited, not on the fields sent: a new
    name alone can make it the person who opted out on its phone) opts it out, as
    `create_lead` does, suppressing only the addresses they said no on; every edit (the
    API's PATCH, the web form, the admin, an import) comes through here. A person typing
    an edit (the web form, the API, the admin) says `same_person`: False refuses such an edit
    (`SaidNoElsewhere`, nothing saved: one wrong paste must not opt a customer out for
    good), True confirms it; None (an import filling a blank) opts out as asked.

    A change of who they are, how we reach them or what they are worth (`edits.RECORDED`)
    is a timeline row saying from what to what, by `user` through `via` (the door: "web",
    "API", "admin", or an import's line and who ran it). `why_opted_out`: an import's row
    saying its person opted out (its addresses suppressed a moment ago), the reason of the
    opt-out this edit then makes (`_honour_opt_out`)."""
    if GUARDED_FIELDS & set(fields):
        raise ActionError(
            f"Not a detail: {', '.join(sorted(GUARDED_FIELDS & set(fields)))} change through their own action."
        )
    _clean_texts(fields)
    if "email" in fields:
        fields["email"] = normalize_email(fields["email"])
    if "phone" in fields:
        fields["phone"] = normalize_phone(fields["phone"])
    if "timezone" in fields:  # the admin's form too (review24 F25)
        fields["timezone"] = normalize_timezone(fields["timezone"])
    fresh = _lock(lead)
    _zone_from_new_phone(fresh, fields)
    who = IDENTITY_FIELDS & set(fields)
    before, old_phone = (said_no_addresses(fresh) if who else []), fresh.phone
    said_no = bool(who) and said_no_on_record(fresh, before)
    old = [fresh.email, fresh.phone]
    was = before_edit(fresh, fields)
    for k, v in fields.items():
        setattr(fresh, k, v)
    _refuse_teammates(fresh, old, user if who and same_person is not None else None)
    if who and same_person is False and fresh.status != Status.OPTED_OUT:
        _refuse_unconfirmed(
            fresh, [a for a in said_no_addresses(fresh) if a not in before], old_phone
        )
    fresh.save(update_fields=[*fields, "updated_at"])
    if said := edit_note(was, fresh, via):
        note_on_timeline(fresh, said, user=user)
    if said_no:
        keep_said_no(fresh, old, user=user, via=via, confirmed=bool(same_person))
    kind = "updated"
    if who and _honour_opt_out(
        fresh, user, edited=True, confirmed=bool(same_person), why=why_opted_out, via=via
    ):
        kind = "opt_out"  # what is queued for them is cancelled, as for any opt-out
    return _done(fresh, kind, caller=lead)


def _refuse_teammates(lead: Lead, old: list[str], user) -> None:
    """Raise `TeammatesLead` when the edit gives the lead an email or phone (one it did not
    have: `old`) of a person a teammate has as an active lead `user` may not open: the
    check Add lead and the API's POST make (`same_person.teammates_lead`). Only for an edit
    a person typed (`user`; None: an import filling a blank, the command line)."""
    if user is None:
        return
    email = lead.email if lead.email and lead.email != old[0] else ""
    phone = lead.phone if lead.phone and lead.phone != old[1] else ""
    if (email or phone) and teammates_lead(user, lead.name, email, phone, but=lead.pk):
        raise TeammatesLead(
            f"Not saved: {A_TEAMMATES} as an active lead (this email or phone); "
            "ask the business's owner."
        )


def _zone_from_new_phone(lead: Lead, fields: dict) -> None:
    """A new number abroad that says its zone (`zone_for_phone`) sets the zone of a lead that
    has none and is given none (an edit, an import, the API, an enquiry adding its phone).
    The same number saved again (a form sends every field) leaves a zone cleared by hand."""
    phone = fields.get("phone")
    if phone and phone != lead.phone and not fields.get("timezone", lead.timezone):
        zone = zone_for_phone(phone)
        if zone:
            fields["timezone"] = zone


def refuse_unconfirmed_edit(lead: Lead, **fields) -> None:
    """Raise `SaidNoElsewhere` if this edit (the fields `update_lead` would take) would make
    the lead a person who said no that it was not before: `update_lead`'s check with
    `same_person=False`, saving nothing. For a form that validates before it saves (the
    admin), so the refusal is a form error; `update_lead` still checks when it saves."""
    fields = {k: v for k, v in fields.items() if k in IDENTITY_FIELDS}
    if not fields:
        return
    _clean_texts(fields)
    if "email" in fields:
        fields["email"] = normalize_email(fields["email"])
    if "phone" in fields:
        fields["phone"] = normalize_phone(fields["phone"])
    probe = Lead.objects.get(pk=lead.pk)
    if probe.status == Status.OPTED_OUT:
        return
    before, old_phone = said_no_addresses(probe), probe.phone
    for k, v in fields.items():
        setattr(probe, k, v)
    _refuse_unconfirmed(probe, [a for a in said_no_addresses(probe) if a not in before], old_phone)


def _refuse_unconfirmed(lead: Lead, matched: list[str], old_phone: str) -> None:
    """Raise `SaidNoElsewhere` when the edited lead has addresses (`matched`) of a person
    who asked not to be contacted that it did not have before: its phone unchanged, it is
    the new name that makes the number theirs."""
    if not matched:
        return
    fields = [f for f in ("email", "phone") if getattr(lead, f) in matched]
    shown = [display_phone(v) if v == lead.phone else v for v in matched]
    if fields[-1] == "phone" and lead.phone == old_phone:
        fields[-1] = "name"
        shown[-1] = f"the phone {shown[-1]} under this name"
    verb = "belong" if len(shown) > 1 else "belongs"
    raise SaidNoElsewhere(
        f"Not saved: {' and '.join(shown)} {verb} to a person who asked not to be "
        "contacted; if saved, this lead would be theirs and opted out for good.",
        fields,
    )
