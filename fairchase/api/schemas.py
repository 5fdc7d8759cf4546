"""Pydantic schemas of the REST API: what comes in is bounded and checked, so a bad
payload is a 4xx with a message, never a database error."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from ninja.errors import ValidationError
from pydantic import BeforeValidator, ConfigDict, model_validator

from fairchase.intake.sources import map_source
from fairchase.leads import reach
from fairchase.leads.actions import MAX_ATTEMPT_MINUTES
from fairchase.leads.models import (
    CONSENTS,
    GOOD_SIGNALS,
    POOR_SIGNALS,
    SOURCES,
    Commitment,
    Lead,
    Suppression,
)
from fairchase.leads.normalize import email_warning

from .fields import (
    READ_EMAIL,
    READ_PHONE,
    READ_ZONE,
    Codes,
    Due,
    Happened,
    Line,
    Money,
    Name,
    Text,
)

# The app's own lists (the Add lead form's, the signals checklist's, the importer's): a code
# outside them is a typo that nothing would ever count ("sms" is the text consent).
CHOICES = {"source": SOURCES, "signals": GOOD_SIGNALS + POOR_SIGNALS, "consents": CONSENTS}


def OneOf(field: str):  # noqa: N802 (reads like a type)
    """One code of the app's list for `field`: anything else is a 422 listing the codes
    (and the OpenAPI schema lists them as an enum)."""
    return Literal[tuple(code for code, _ in CHOICES[field])]


def _source_code(value: Any) -> Any:
    """A source read as the importer reads a Source column (`sources.map_source`): a code,
    its label in any case ("Referral", "Web form") or another tool's name for it becomes the
    code; anything else is left as sent, for the check to refuse with the codes listed."""
    if not isinstance(value, str):
        return value
    code, _ = map_source(value)
    return code if code in dict(SOURCES) else value


def sources_meant(value: str) -> set[str]:
    """The stored sources a list's `?source=` finds: the value read as a POST's is (by
    `map_source`: "Referral" finds `referral`, and an imported lead's own source such as
    `window_cleaning_co` reads as itself) and the value as sent, so nothing the filter
    found before is lost. Never the blank a value of no letters reads as."""
    code, _ = map_source(value)
    return {value, code} - {""}


# A source as the importer takes one: the label or the code, in any case.
SOURCE_READ = BeforeValidator(_source_code)
SOURCE_TEXT = (
    "A source code, or its label in any case ('Referral', 'Web form') or another tool's name "
    "for it ('Organic search'), read as the importer reads a Source column."
)


def _listed(codes) -> str:
    quoted = [repr(c) for c in codes]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def check_kept_or_known(changes: dict, lead: Lead) -> None:
    """A PATCH's source, signals and consents are codes of the app's lists or values the lead
    already carries: an imported lead may have a source or a signal of its own, which the
    edit form and the signals checklist keep too, so sending a lead back as read is no
    error. Anything else is a 422 shaped like the schema's own."""
    errors = []
    for field, choices in CHOICES.items():
        if changes.get(field) is None:
            continue
        codes = [code for code, _ in choices]
        own = [lead.source] if field == "source" else list(getattr(lead, field) or [])
        extra = [o for o in own if o not in codes]
        also = f" (or this lead's own {_listed(extra)})" if extra else ""
        sent = changes[field]
        at = [([], sent)] if field == "source" else [([i], v) for i, v in enumerate(sent)]
        for index, value in at:
            if value not in codes and value not in own:
                loc = ["body", "payload", field, *index]
                msg = f"Input should be {_listed(codes)}{also}"
                errors.append({"type": "literal_error", "loc": loc, "msg": msg})
    if errors:
        raise ValidationError(errors)


class ChannelIn(StrEnum):
    call = "call"
    email = "email"
    text = "text"
    visit = "visit"


class OutcomeIn(StrEnum):
    no_answer = "no_answer"
    left_message = "left_message"
    talked = "talked"
    replied = "replied"
    bounced = "bounced"
    opted_out = "opted_out"


class StatusFilter(StrEnum):
    open = "open"
    engaged = "engaged"
    nurture = "nurture"
    revisit = "revisit"
    closed = "closed"
    won = "won"
    lost = "lost"
    opted_out = "opted_out"


class ListOrder(StrEnum):
    newest = "newest"
    priority = "priority"


class PlanOut(Schema):
    lead_id: int
    action: str
    channel: str
    due: datetime | None
    next_state: str
    priority: float
    expected_value: float
    p_reply: float | None
    reason: str
    why_not_stop: str
    revisit_at: datetime | None
    planned_at: datetime | None

    @staticmethod
    def of(lead: Lead) -> dict:
        return {
            "lead_id": lead.pk,
            "action": lead.next_action,
            "channel": lead.next_channel,
            "due": lead.next_due,
            "next_state": lead.next_state,
            "priority": lead.priority,
            "expected_value": lead.expected_value,
            "p_reply": lead.p_reply,
            "reason": lead.plan_reason,
            "why_not_stop": lead.why_not_stop,
            # a parked lead's own date: the plan of a lead in revisit has none of its own
            "revisit_at": lead.revisit_at if lead.status == "revisit" else lead.plan_revisit_at,
            "planned_at": lead.planned_at,
        }


class LeadOut(Schema):
    id: int
    name: str
    company: str
    email: str
    phone: str
    timezone: str
    source: str
    value: float | None
    status: str
    owner: str
    signals: list[str]
    consents: list[str]
    notes: str
    created_at: datetime
    updated_at: datetime = Field(description="When anything of the lead last changed.")
    revisit_at: datetime | None = Field(
        description="A lead let go to revisit (`status` 'revisit'): when it comes back."
    )
    attempt_count: int
    last_attempt_at: datetime | None
    response_time_seconds: float | None
    next_action: str
    next_channel: str
    next_due: datetime | None
    priority: float
    plan_reason: str
    not_to_be_contacted: list[str] = Field(
        description="The lead's addresses nobody may use ('email', 'phone'): the person "
        "opted out, here or on another record, or the address bounced. A won customer who "
        "opted out later keeps status 'won': check this before mailing or dialling anyone. "
        "'held': a request to stop not known to be from the person (an unvouched 'please "
        "stop' mail, say) holds the lead until someone confirms or corrects it in the app; "
        "meanwhile every address it has is listed too, and its status still reads 'open'."
    )
    warnings: list[str] = Field(
        description="What may keep a message from reaching them, in words: an email address "
        "with letters outside ASCII before the @ (jürgen@müller.de) reaches only mail servers "
        "offering SMTPUTF8."
    )

    @staticmethod
    def of(lead: Lead, blocked: set[str] | None = None, held: set[int] | None = None) -> dict:
        """The lead as the API shows it; `blocked`: the suppressed addresses among a page
        of leads (`Suppression.among`), `held`: its held leads' ids (`reach.held_among`),
        looked up for this lead alone when not given."""
        blocked = Suppression.among([lead]) if blocked is None else blocked
        held = reach.held_among([lead]) if held is None else held
        rt = lead.response_time
        return {
            "id": lead.pk,
            "name": lead.name,
            "company": lead.company,
            "email": lead.email,
            "phone": lead.phone,
            "timezone": lead.timezone,
            "source": lead.source,
            "value": float(lead.value) if lead.value is not None else None,
            "status": lead.status,
            "owner": lead.owner.get_username(),
            "signals": list(lead.signals or []),
            "consents": list(lead.consents or []),
            "notes": lead.notes,
            "created_at": lead.created_at,
            "updated_at": lead.updated_at,
            "revisit_at": lead.revisit_at if lead.status == "revisit" else None,
            "attempt_count": lead.attempt_count,
            "last_attempt_at": lead.last_attempt_at,
            "response_time_seconds": rt.total_seconds() if rt is not None else None,
            "next_action": lead.next_action,
            "next_channel": lead.next_channel,
            "next_due": lead.next_due,
            "priority": lead.priority,
            "plan_reason": lead.plan_reason,
            "not_to_be_contacted": not_to_be_contacted(lead, blocked, held),
            "warnings": [said for said in (email_warning(lead.email),) if said],
        }


def not_to_be_contacted(lead: Lead, blocked: set[str], held: set[int]) -> list[str]:
    """The API's `not_to_be_contacted` (`reach.channel_refusal`): each address whose channel
    may not be used, and "held" after them while a request to stop holds the lead."""
    said = [
        field
        for field, channel in (("email", "email"), ("phone", "call"))
        if getattr(lead, field) and reach.channel_refusal(lead, channel, blocked, held)
    ]
    return said + (["held"] if reach.is_held(lead, held) else [])


class LeadPage(Schema):
    count: int
    limit: int
    offset: int
    next_cursor: str | None = Field(
        description="Send it as `cursor`, with the same filters and `order`, for the next "
        "page (none skipped or repeated while leads are added or closed); null on the last "
        "page."
    )
    items: list[LeadOut]


class Body(Schema):
    """A request body: a JSON object, never a list or a bare value (ninja's schemas would
    otherwise read a list's missing attributes as defaults and accept it), and only the
    fields its schema names: a field unknown or read-only (`status`, `id`) is a 422 naming
    it, never silently ignored."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data):
        # ninja's own validator may already have wrapped the input in a DjangoGetter.
        if not isinstance(getattr(data, "_obj", data), dict):
            raise ValueError("the body must be a JSON object")
        return data


class LeadPosted(LeadOut):
    joined: bool = Field(
        description="False: a new lead (201). True: this person already had an active lead "
        "you may see, and the enquiry joined it (200), as a web form's does."
    )

    @staticmethod
    def of(lead: Lead, *, joined: bool = False) -> dict:
        return {**LeadOut.of(lead), "joined": joined}


class LeadIn(Body):
    name: Name
    company: Line(200) = ""
    email: Annotated[Line(254), READ_EMAIL] = ""
    phone: Annotated[Line(40), READ_PHONE] = ""
    timezone: Annotated[Line(64), READ_ZONE] = ""
    source: Annotated[OneOf("source"), SOURCE_READ, Field(description=SOURCE_TEXT)] = "web_form"
    value: Money | None = None
    notes: Text(5000) = ""
    created_at: Happened | None = None
    signals: Codes(OneOf("signals")) = Field(default_factory=list, max_length=20)
    consents: Codes(OneOf("consents")) = Field(default_factory=list, max_length=5)
    owner_id: int | None = Field(
        default=None, ge=1, le=2**62, description="Admins may assign to a team member."
    )


KEPT_OR_KNOWN = {
    field: f"One of {_listed([code for code, _ in choices])}, or what the lead already has "
    "(an imported lead may carry its own): anything else is 422."
    for field, choices in CHOICES.items()
}


class LeadPatch(Body):
    """The fields to change. Source, signals and consents take the app's codes or what this
    lead already has, checked against the lead (`check_kept_or_known`)."""

    name: Name | None = None
    company: Line(200) | None = None
    email: Annotated[Line(254), READ_EMAIL] | None = None
    phone: Annotated[Line(40), READ_PHONE] | None = None
    timezone: Annotated[Line(64), READ_ZONE] | None = None
    source: Annotated[Line(64, 1), SOURCE_READ] | None = Field(
        default=None, description=f"{SOURCE_TEXT} {KEPT_OR_KNOWN['source']}"
    )
    value: Money | None = None
    notes: Text(5000) | None = None
    signals: Codes(Text(40)) | None = Field(
        default=None, max_length=20, description=KEPT_OR_KNOWN["signals"]
    )
    consents: Codes(Text(40)) | None = Field(
        default=None, max_length=5, description=KEPT_OR_KNOWN["consents"]
    )
    owner_id: int | None = Field(default=None, ge=1, le=2**62)
    same_person: bool = Field(
        default=False,
        description="Confirms an edit giving this lead an address of a person who asked not "
        "to be contacted (or their name on their number): the lead is that person and is "
        "opted out for good. Without it such an edit answers 409 and changes nothing.",
    )


class AttemptIn(Body):
    channel: ChannelIn
    outcome: OutcomeIn = Field(
        ..., description="`bounced` fits only email or text: on a call or a visit it is a 400."
    )
    minutes: float | None = Field(default=None, ge=0, le=MAX_ATTEMPT_MINUTES)
    notes: Text(2000) = ""
    progress: bool | None = None
    at: Happened | None = None


class AttemptOut(Schema):
    id: int
    lead_id: int
    at: datetime
    channel: str
    outcome: str
    minutes: float
    progress: bool | None
    notes: str


class ByIn(StrEnum):
    us = "us"
    lead = "lead"


class CommitmentIn(Body):
    by: ByIn = ByIn.us
    what: Text(200, 1)
    due_at: Due
    channel: ChannelIn | None = Field(
        default=None,
        description="How a promise of ours is kept: `call`, `email`, `text` or `visit` (a call "
        "back they asked for is `call`, planned as a call even when an email is cheaper). "
        "Null or absent: any channel, the plan picks.",
    )


class ResolveIn(Body):
    state: Annotated[str, Field(pattern=r"^(done|missed|cancelled)$")]


class CommitmentOut(Schema):
    id: int
    lead_id: int
    by: str
    what: str
    channel: str | None = Field(description="How it is kept; null: any channel")
    due_at: datetime
    state: str
    created_at: datetime
    resolved_at: datetime | None

    @staticmethod
    def of(c: Commitment) -> dict:
        return {
            "id": c.pk,
            "lead_id": c.lead_id,
            "by": c.by,
            "what": c.what,
            "channel": c.channel or None,
            "due_at": c.due_at,
            "state": c.state,
            "created_at": c.created_at,
            "resolved_at": c.resolved_at,
        }


class StopState(StrEnum):
    nurture = "nurture"
    revisit = "revisit"
    closed = "closed"


class StopIn(Body):
    """`revisit_at`: required for `revisit`, and in the future (a date passed is a 400)."""

    next_state: StopState
    revisit_at: Due | None = None
    reason: Text(500) = ""


class OptOutChannel(StrEnum):
    email = "email"
    call = "call"
    text = "text"


class OptOutIn(Body):
    channel: OptOutChannel | None = None
    reason: Text(500) = ""
