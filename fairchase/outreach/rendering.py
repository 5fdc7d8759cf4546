"""Placeholders: `{{first_name}}` or `{{company|your team}}` (a fallback after the bar).

Templates are plain text with a fixed vocabulary, not Django templates: an editor
cannot reach into the database, and a name we do not know is an error in the editor
(`check_placeholders`), never a blank in a sent message (`render`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from fairchase import clock
from fairchase.leads.models import Lead
from fairchase.leads.normalize import display_phone
from fairchase.leads.people import display_name, first_name, on_one_line

from . import wording
from .facts import LIVE, Facts

PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:\|([^}]*))?\}\}")
# Anything that looks like a placeholder but is malformed ("{{ first name }}", "{{}}").
BRACES = re.compile(r"\{\{.*?\}\}|\{\{|\}\}")

PLACEHOLDERS = {
    "first_name": "The lead's first name",
    "name": "The lead's full name",
    "company": "The lead's company",
    "owner_name": "Your name",
    "owner_first_name": "Your first name",
    "owner_phone": "Your phone number (set it in your profile)",
    "owner_email": "Your email address",
    "next_step": "The agreed next step (a pending commitment)",
    "next_step_date": "When the agreed next step is due",
    "opt_out_link": "The one-click link to stop hearing from us",
    "apology": "An apology when our first response was slow (empty otherwise)",
    "enquiry_date": "When the lead first got in touch",
    "call_day": "The day of your last call, as the reader says it: today, yesterday, "
    "or on Friday (today when no call is logged)",
    "their_words": "What they last wrote to you, quoted (a reply or a text; empty when "
    "they have not written)",
    "business_name": "Your business's name (Settings); give what an empty one reads as, "
    "e.g. {{business_name|our team}}, or {{business_name|}} for nothing",
    "postal_address": "Your business's postal address (Settings), for the footer of sales "
    "emails (empty until it is set)",
    **wording.PLACEHOLDERS,
}
# Placeholders that may legitimately render empty.
MAY_BE_EMPTY = {"apology", "postal_address"}
# A first response later than this deserves an apology (seed 000).
SLOW_RESPONSE = timedelta(hours=4)


class RenderError(ValueError):
    """A template cannot be rendered for this lead; the message says what is missing (in
    placeholders, for the Templates page); `missing` names the empty ones (`to_add` says
    them in plain words for Today and the lead page)."""

    def __init__(self, message: str, missing: tuple[str, ...] = ()):
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class ToAdd:
    """One missing value in plain words: `link` (what to add, and where) leads to `url`, and
    `why` says what the message does with it. A value of the signer's own (`signer_id`, the
    lead's owner) is added by them in their Settings: anyone else viewing the draft (an owner
    on a teammate's lead) reads `theirs`, who lacks it, with no link to their own Settings."""

    link: str
    url: str
    why: str
    signer_id: int | None = None
    theirs: str = ""


# Where each value a message may lack is added, said without placeholder syntax (Today and a
# lead page are read by people who never open the Templates page): what to add, the page
# (Settings, or the lead's own) and its anchor, and what the message does with it. Not here:
# values never empty, or that no page sets (the message is then edited by hand).
SIGN = "so this message can sign with it"
PIN = (
    "Pin the agreed next step on the lead",
    "lead_detail",
    "#commitments",
    "so this message can confirm it",
)
WHERE_TO_ADD = {
    "owner_phone": ("Add your phone number in Settings (under You)", "settings", "#id_phone", SIGN),
    "owner_email": (
        "Add your email address in Settings (under You)",
        "settings",
        "#id_email",
        SIGN,
    ),
    "business_name": (
        "Add your business's name in Settings",
        "settings",
        "#id_business_name",
        SIGN,
    ),
    "first_name": ("Add their name to the lead", "lead_edit", "", "so this message can greet them"),
    "name": ("Add their name to the lead", "lead_edit", "", "so this message can greet them"),
    "company": ("Add their company to the lead", "lead_edit", "", "so this message can name it"),
    "next_step": PIN,
    "next_step_date": PIN,
}
# The signer's own values, as said to someone else: "Maria Lopez has not added a phone number"
SIGNERS_OWN = {"owner_phone": "a phone number", "owner_email": "an email address"}


def to_add(error: RenderError, lead: Lead) -> list[ToAdd]:
    """What to add so the message renders, in plain words with a link each (a missing next
    step and its date are one thing to do); empty when a value is missing that no page sets,
    for the caller to offer editing the message instead."""
    out: dict[str, ToAdd] = {}
    for name in error.missing:
        if name not in WHERE_TO_ADD:
            return []
        link, view, anchor, why = WHERE_TO_ADD[name]
        url = reverse(view, args=[] if view == "settings" else [lead.pk]) + anchor
        out.setdefault(link, ToAdd(link, url, why, *_signers_own(name, lead)))
    return list(out.values())


def _signers_own(name: str, lead: Lead) -> tuple[int | None, str]:
    """(signer_id, theirs) of a value of the signer's own, else (None, "")."""
    if name not in SIGNERS_OWN:
        return None, ""
    theirs = (
        f"{display_name(lead.owner)} has not added {SIGNERS_OWN[name]} in Settings, which this "
        "message signs with: they add it, or you write the message yourself"
    )
    return lead.owner_id, theirs


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def check_placeholders(text: str) -> list[str]:
    """Problems with the placeholders in `text` (empty list = fine)."""
    problems = []
    for m in PLACEHOLDER.finditer(text):
        if m.group(1) not in PLACEHOLDERS:
            problems.append(
                f"Unknown placeholder {{{{{m.group(1)}}}}}. Known: {', '.join(sorted(PLACEHOLDERS))}."
            )
    leftover = PLACEHOLDER.sub("", text)
    for m in BRACES.finditer(leftover):
        problems.append(
            f"Malformed placeholder {m.group(0)!r}: write {{{{name}}}} with letters and underscores."
        )
    return problems


def reader_day(dt, lead: Lead):
    """The date `dt` falls on in the reader's calendar (the lead's zone, else the business's)."""
    return _local(dt, lead).date()


def _local(dt, lead: Lead, facts: Facts = LIVE):
    return dt.astimezone(wording.reader_zone(lead, facts))


def lead_values(
    lead: Lead, channel: str = "email", opt_out_url: str = "", facts: Facts = LIVE
) -> dict[str, str]:
    """Every placeholder's value for this lead ('' where unknown).

    `facts` (a facts.Facts) supplies the commitment, phone and zone; Today passes one
    loaded for the whole page so a row costs no queries."""
    owner = lead.owner
    commitment = facts.next_commitment(lead)
    slow = (
        lead.first_response_at is None
        and lead.created_at is not None
        and (_now() - lead.created_at > SLOW_RESPONSE)
    )
    due = _local(commitment.due_at, lead, facts) if commitment else None
    call = facts.latest_call(lead)
    now = _local(_now(), lead, facts)
    business = facts.business_settings()
    return {
        "first_name": lead.first_name,
        "name": lead.name,
        "company": lead.company,
        "owner_name": display_name(owner),
        "owner_first_name": first_name(owner),
        "owner_phone": display_phone(facts.owner_phone(owner), reader=lead.phone),
        "owner_email": owner.email,
        "next_step": commitment.what if commitment else "",
        # the reader's own wall clock, its zone named ("Monday 7 December at 12:00 EST")
        "next_step_date": f"{due:%A %-d %B at %-H:%M} {clock.label(due, due.tzinfo)}"
        if due
        else "",
        "opt_out_link": opt_out_url or unsubscribe_url(lead, channel),
        "apology": "I'm sorry it has taken me a while to get back to you. " if slow else "",
        "enquiry_date": f"{_local(lead.created_at, lead, facts):%-d %B}",
        # "today" only for a call today on the reader's calendar (an email after a call is
        # offered for two days, facts.AFTER_CALL), or when none is logged: then the person
        # is writing right after a call they have not logged yet
        "call_day": day_phrase(_local(call.at, lead, facts), now) if call else "today",
        "business_name": on_one_line(business.business_name),
        "postal_address": business.postal_address.strip(),
    }


def day_phrase(at, now) -> str:
    """When `at` was, seen from `now` (both on the reader's clock): "today", "yesterday",
    "on Friday" within the week, "on Friday 27 November" before that."""
    days = (now.date() - at.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"on {at:%A}" if days < 7 else f"on {at:%A %-d %B}"


def _now():
    from django.utils import timezone

    return timezone.now()


def unsubscribe_url(lead: Lead, channel: str, address: str | None = None) -> str:
    """The link that opts the lead out of `channel`, for a message to `address` (None: the
    lead's address now)."""
    from .tokens import make_token

    token = make_token(lead, channel, address)
    return settings.SITE_URL + reverse("outreach:unsubscribe", args=[token])


def address_unsubscribe_url(address: str) -> str:
    """The link that stops email to this address only (a form's receipt: no lead's)."""
    from .tokens import make_address_token

    return settings.SITE_URL + reverse("outreach:unsubscribe", args=[make_address_token(address)])


# The last lines of an email a person wrote without the link (the default templates' words):
# the link, and under it the business's postal address as the sales templates give it
# (US CAN-SPAM asks it of commercial email; an unset address leaves no line, `render`).
OPT_OUT_LINE = "If you'd rather not hear from us, one click is enough: {{opt_out_link}}"
ADDRESS_LINE = "{{postal_address}}"


def with_opt_out_link(body: str) -> str:
    """An email body that carries the one-click opt-out link (seed 001: every email does, and
    a template cannot be saved without it): as written when it has the placeholder or a link
    already, else with last lines giving it and the business's postal address."""
    names = {m.group(1) for m in PLACEHOLDER.finditer(body)}
    if "opt_out_link" in names or reverse("outreach:unsubscribe", args=["-"])[:-1] in body:
        return body
    return f"{body.rstrip()}\n\n{OPT_OUT_LINE}\n{ADDRESS_LINE}\n"


def fill(text: str, values: dict[str, str], keep_missing: bool = False) -> str:
    """Substitute placeholders; raises RenderError for unknown or empty ones without fallback
    (`keep_missing`: an empty one stays as written, `{{owner_phone}}`, for a person to fill)."""
    problems = check_placeholders(text)
    if problems:
        raise RenderError(" ".join(problems))
    missing = []

    def sub(m: re.Match) -> str:
        name, fallback = m.group(1), m.group(2)
        value = values.get(name, "")
        if value:
            return value
        if fallback is not None:
            return fallback.strip()
        if name not in MAY_BE_EMPTY:
            missing.append(name)
            return m.group(0) if keep_missing else ""
        return ""

    out = PLACEHOLDER.sub(sub, text)
    if missing and not keep_missing:
        raise RenderError(
            "No value for "
            + ", ".join(f"{{{{{n}}}}}" for n in dict.fromkeys(missing))
            + ": add it to the lead (or your profile, or the business in Settings), or give a "
            "fallback like {{company|your team}}.",
            missing=tuple(dict.fromkeys(missing)),
        )
    return out


# Without a name to greet them by: "Hello {{first_name}}," -> "Hello,", and a subject
# "Sorry I missed you, {{first_name}}" -> "Sorry I missed you".
_GREETED = re.compile(r"(?<=\w) \{\{\s*first_name\s*\}\}(?=[,!.:;])")
_GAPS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_ADDRESSED = re.compile(r",\s*\{\{\s*first_name\s*\}\}(?=\s*$|[.!?])", re.MULTILINE)


def without_a_name(text: str) -> str:
    """`text` for someone whose name we do not know: the first name dropped where a greeting
    or a subject reads well without it; anywhere else it stays (and `fill` says it is
    missing)."""
    return _ADDRESSED.sub("", _GREETED.sub("", text))


def render(
    subject: str,
    body: str,
    lead: Lead,
    channel: str = "email",
    facts: Facts = LIVE,
    keep_missing: bool = False,
) -> Rendered:
    """The message for this lead; never contains a blank where a placeholder was
    (`keep_missing`: a value nobody has given stays a placeholder, for the composer)."""
    values = lead_values(lead, channel, facts=facts)
    values.update(wording.values(subject + body, lead, facts))
    if "their_words" in subject + body:
        values["their_words"] = facts.their_words(lead)
    if not values["first_name"]:
        subject, body = without_a_name(subject), without_a_name(body)
    # a placeholder left empty on a line of its own (an unset business name under the
    # signature) leaves no gap of blank lines
    body = _GAPS.sub("\n\n", fill(body, values, keep_missing))
    return Rendered(fill(subject, values, keep_missing).strip(), body.strip() + "\n")
