"""Web-form capture (seed 000: respond as soon as possible).

A submission becomes a lead through `actions.create_lead`, so its plan says "respond
now" and it tops its owner's Today; the owner is emailed at once, after the commit.
From someone with an active lead already, it joins that lead (`actions.add_enquiry`),
adding no address to it (anyone may type a customer's name and phone).
The form's key in the URL identifies the form (it is published in the website's HTML);
its JSON webhook has a secret key of its own. A hidden honeypot field catches bots; limits
per sender address (the form), per person and per form (both paths), counted in the
database, hold across workers.
"""

from __future__ import annotations

import hashlib
import html
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from fairchase.leads import actions, names
from fairchase.leads.models import BusinessSettings, Lead, Status
from fairchase.leads.normalize import (
    InvalidContact,
    clean_text,
    display_phone,
    normalize_email,
    normalize_phone,
)
from fairchase.leads.people import business_owner, display_name
from fairchase.leads.same_person import active_lead_of, lock_person
from fairchase.outreach.outbox import OutboxError, queue_owner_alert, queue_receipt
from fairchase.web import throttle

from .calendar import lead_url
from .models import CaptureForm

log = logging.getLogger("fairchase.intake")

HONEYPOT = "website"
MAX_FIELD = {"name": 200, "company": 200, "email": 254, "phone": 40, "message": 5000}
# A repeat submission (double click, back-and-resubmit) within this window reuses the lead.
REPEAT_WINDOW = timedelta(minutes=10)


class CaptureError(ValueError):
    """A submission that is refused; the message is shown to the person who sent it."""


def _window() -> timedelta:
    return timedelta(seconds=settings.CAPTURE_RATE_WINDOW_SECONDS)


def rate_limited(ip: str | None, now=None) -> int:
    """A web form's submission, counted per sender address (CAPTURE_RATE_LIMIT a window):
    the seconds to wait when the address has used up its window, else 0 (a slot taken with
    one conditional UPDATE, so simultaneous submissions never get past the limit)."""
    now = now or timezone.now()
    throttle.prune(("capture:",), _window(), now)
    return _take(f"capture:{ip or 'unknown'}", settings.CAPTURE_RATE_LIMIT, now)


def person_or_form_limited(form: CaptureForm, data, now=None) -> int:
    """Any submission, through the form or its JSON webhook, counted per person (their
    email, else phone) on this form and per form: the same person at most
    CAPTURE_RATE_LIMIT times a window (a loop in someone's zap, a stranger typing one
    victim's address over and over), the form at most CAPTURE_WEBHOOK_RATE_LIMIT (a flood
    from many addresses). Both paths share the counts (eval32 #1: a limit one path skips
    is no limit). The seconds to wait, or 0. (The webhook is not counted per sender
    address as well: a website builder or a Zapier-style relay posts every visitor from a
    few addresses, and its secret, unlike the form's key, is never published.)"""
    now = now or timezone.now()
    throttle.prune(("capture:",), _window(), now)
    who = str(data.get("email") or data.get("phone") or data.get("name") or "").strip()
    person = hashlib.sha256(who.lower().encode("utf-8", "replace")).hexdigest()[:32]
    # the person first: a repeat refused for the person takes no slot of the form's, or one
    # loop would use up the form's limit and every real enquiry be refused (review25 M2)
    return _take(f"capture:person:{form.pk}:{person}", settings.CAPTURE_RATE_LIMIT, now) or _take(
        f"capture:form:{form.pk}", settings.CAPTURE_WEBHOOK_RATE_LIMIT, now
    )


def _take(key: str, limit: int, now) -> int:
    if throttle.take_slot(key, limit, _window(), now):
        return 0
    return max(1, throttle.seconds_left(key, _window(), now))


def _clean(data) -> dict:
    out = {}
    for key, limit in MAX_FIELD.items():
        value = data.get(key)
        value = "" if value is None else str(value)
        if len(value) > limit:
            raise CaptureError(f"{key.title()} is too long (at most {limit} characters).")
        out[key] = clean_text(value).strip()
    first, last = (
        clean_text(str(data.get("first_name") or "")).strip(),
        clean_text(str(data.get("last_name") or "")).strip(),
    )
    if not out["name"]:
        out["name"] = " ".join(p for p in (first, last) if p)[:200]
    if not out["email"] and not out["phone"]:
        raise CaptureError("Please give an email address or a phone number so we can answer you.")
    return out


def _consents(data) -> list[str]:
    out = []
    for consent in ("mailing_list", "sms"):
        if str(data.get(consent) or "").lower() in ("1", "on", "true", "yes"):
            out.append(consent)
    return out


def receiver_of(form: CaptureForm):
    """Who a form's enquiries go to: its owner, or while its owner no longer works here
    (deactivated) the business owner (`people.business_owner`), so no enquiry is lost;
    None only when nobody active could take it."""
    return form.owner if form.owner.is_active else business_owner()


def capture(form: CaptureForm, data, ip: str) -> tuple[Lead | None, bool]:
    """Turn one submission into a lead: (the lead, whether it is a new one). An enquiry
    from someone with an active lead joins that lead (False); (None, False) when the
    honeypot caught a bot. Raises CaptureError with a message for the person."""
    if str(data.get(HONEYPOT) or "").strip():
        log.info("capture form %s: honeypot filled from %s, dropped", form.pk, ip)
        return None, False
    fields = _clean(data)
    _set_aside_unreadable(fields)
    with transaction.atomic():
        known = _same_person(fields)
        if known is not None:
            try:
                return _add_to(known, form, fields, _consents(data)), False
            except actions.ActionError:
                # no longer active once locked (an opt-out meanwhile): a lead of its own
                log.info("capture form %s: lead %s closed meanwhile, a new lead", form.pk, known.pk)
        owner = receiver_of(form)
        if owner is None:
            raise CaptureError("This form is no longer active.")
        try:
            lead = actions.create_lead(
                owner,
                name=fields["name"] or fields["email"] or fields["phone"],
                email=fields["email"],
                phone=fields["phone"],
                company=fields["company"],
                notes=fields["message"],
                source=form.source,
                consents=_consents(data),
                signals=["initiated_contact"],
                reason=_created_as(form, owner),
                typed=True,  # anyone may type a customer's number: not known to be theirs
            )
        except InvalidContact as exc:
            raise CaptureError(str(exc)) from None
        CaptureForm.objects.filter(pk=form.pk).update(submissions=F("submissions") + 1)
        notify_owner(lead)  # queued in this transaction: the worker sends it, with retries
        if form.acknowledge:
            acknowledge(fields)  # the same whether the record is open or opted out
    return lead, True


def _set_aside_unreadable(fields: dict) -> None:
    """An address that cannot be read is kept in the message as typed, with why, while
    another way back remains: the enquiry is never refused for it (a visitor writes the
    number as people do in their country, "030 1234999", and a webhook's sender has
    already thanked them), and the team sees what was typed. With no readable address
    left, `_same_person` refuses it, saying why."""
    given = [key for key in ("email", "phone") if fields[key]]
    unreadable = {}
    for key in given:
        try:
            (normalize_email if key == "email" else normalize_phone)(fields[key])
        except InvalidContact as exc:
            unreadable[key] = str(exc)
    if not unreadable or len(unreadable) == len(given):
        return
    for key, why in unreadable.items():
        typed = f"{key.title()} as typed, not used: {fields[key]} ({why})"
        fields["message"] = f"{fields['message']}\n\n{typed}".strip()
        fields[key] = ""


def _same_person(fields: dict) -> Lead | None:
    """The active lead this person already has, whoever owns it, the oldest first: the
    same normalised email, else the same phone under a matching name (a number is often
    shared: `same_person.active_lead_of`, the API's and Add lead's rule). The
    person is held until the caller's transaction ends (`lock_person`), so a simultaneous
    submission of theirs finds the lead this one makes. Raises CaptureError for an
    address that cannot be read."""
    try:
        email, phone = normalize_email(fields["email"]), normalize_phone(fields["phone"])
    except InvalidContact as exc:
        raise CaptureError(str(exc)) from None
    lock_person(email, phone)
    return active_lead_of(fields["name"], email, phone)


def _created_as(form: CaptureForm, owner=None) -> str:
    """The first timeline row of a lead made by this form (naming who took it on when the
    form's owner no longer works here)."""
    if owner is not None and owner != form.owner:
        return f"Web form: {form.name} (for {display_name(owner)}: {display_name(form.owner)} no longer works here)"
    return f"Web form: {form.name}"


def _add_to(lead: Lead, form: CaptureForm, fields: dict, consents: list[str]) -> Lead:
    """The enquiry joins the person's lead (its message in the notes, a timeline row, the
    owner alerted); a resubmission of the same message within minutes changes nothing. It
    adds no address to the lead: an email or phone it lacks is named in the note for its
    owner to confirm (a stranger who knows a customer's name and number must not receive
    their follow-ups). The receipt goes to the address the post typed, as it would for a new
    lead (`acknowledge`): it belongs to no lead, so it carries nothing of this one. A
    lead whose owner was deactivated is handed to the form's receiver first (a timeline row),
    so the enquiry reaches someone who is still here."""
    try:
        with transaction.atomic():  # a lead closed meanwhile: not handed over either
            if not lead.owner.is_active and (owner := receiver_of(form)) is not None:
                # its owner left: whoever takes the form's enquiries takes it on
                lead = actions.reassign(lead, owner)
            lead = actions.add_enquiry(
                lead,
                via=form.name,
                message=fields["message"],
                email=fields["email"],
                phone=fields["phone"],
                consents=consents,
                repeat_since=timezone.now() - REPEAT_WINDOW,
                created_as=_created_as(form),
                add_addresses=False,  # anyone can type a name and a phone: no address of theirs joins
            )
    except actions.RepeatedEnquiry:
        return lead
    CaptureForm.objects.filter(pk=form.pk).update(submissions=F("submissions") + 1)
    notify_owner(lead, again=True)
    if form.acknowledge:
        acknowledge(fields)  # as for a new lead: whether it joined says nothing to the typist
    return lead


def notify_owner(lead: Lead, *, again: bool = False) -> None:
    """Tell the owner at once: the odds of reaching a lead fall steeply within the hour.
    The email goes through the outbox (the worker sends it and retries while the mail
    server is down), never inside the visitor's request; an owner without an email address
    gets a line on the lead's timeline instead, never a silent nothing. `again`: a lead of theirs
    already, the alert quotes the latest of the notes (where the new message is)."""
    owner = lead.owner
    if not owner.email:  # said where it matters: the Capture page and the owner's Settings
        log.warning("lead %s: no alert, its owner %s has no email address", lead.pk, owner)
        actions.note_on_timeline(
            lead,
            f"New-enquiry alert not emailed: {display_name(owner)} has no email address "
            f"(it is not sent later; the enquiry is on their Today).",
        )
        return
    contact = " / ".join(v for v in (display_phone(lead.phone), lead.email) if v)
    notes = lead.notes.strip()
    said_no = lead.status == Status.OPTED_OUT  # a new record of someone who opted out
    body = (
        f"{lead.name} just sent {'another' if again else 'an'} enquiry ({contact}).\n\n"
        f"{notes[-1000:] if again else notes[:1000]}\n\n"
        + (
            "This person opted out before, so this record is opted out too: Fairchase will "
            "not contact them (its history says when).\n"
            if said_no
            else "Respond now: the odds of reaching a new lead fall steeply within the first hour.\n"
        )
        + f"{lead_url(lead)}\n"
    )
    subject = f"New enquiry: {lead.name}, " + ("who opted out before" if said_no else "respond now")
    queue_owner_alert(lead, subject, body)


def acknowledge(fields: dict) -> None:
    """Tell the person we got their message: a receipt to the address the post typed, the
    same whether the post made a lead, joined one or made a record opted out for matching
    someone who said no (a receipt in one case only would tell a stranger who types his own
    email whether a name and number are in the book). Through the outbox when there is one
    (sent at once, not logged as an attempt, belonging to no lead: `outbox.queue_receipt`),
    never to an address that opted out or bounced. Greeted by the name typed, signed by the
    business: nothing in it comes from a lead."""
    to = normalize_email(fields["email"])  # read already (`_same_person`): never raises here
    if not to:
        return
    subject = "We got your message"
    business = BusinessSettings.current().business_name.strip()
    body = (
        f"{names.greeting(fields['name'])}\n\nThank you for getting in touch. We will get back "
        f"to you shortly.\n" + (f"\n{business}\n" if business else "")
    )
    try:
        queue_receipt(to, subject, body)  # in this transaction: the worker sends it
    except OutboxError:
        pass  # an address that asked not to be contacted gets no acknowledgement either


def snippet_html(form: CaptureForm, base_url: str, *, inline_style: bool = True) -> str:
    """The HTML to paste into a website: a plain form posting to this form's address.
    Its honeypot is hidden by an inline style (other sites lack our CSS); our own page
    hides it with its stylesheet instead (`inline_style=False`), as its CSP allows no inline style."""
    action = base_url.rstrip("/") + reverse("intake:capture", args=[form.key])
    a = html.escape(action, quote=True)
    hide = ' style="position:absolute;left:-10000px"' if inline_style else ""
    return f"""<form method="post" action="{a}" accept-charset="utf-8" class="fairchase-form">
  <p><label>Name <input name="name" autocomplete="name" required></label></p>
  <p><label>Email <input name="email" type="email" autocomplete="email"></label></p>
  <p><label>Phone <input name="phone" type="tel" autocomplete="tel"></label></p>
  <p><label>Message <textarea name="message" rows="4"></textarea></label></p>
  <p><label><input type="checkbox" name="mailing_list" value="1"> Send me occasional news</label></p>
  <div{hide} aria-hidden="true">
    <label>Leave this empty <input name="{HONEYPOT}" tabindex="-1" autocomplete="off"></label>
  </div>
  <p><button type="submit">Send</button></p>
</form>"""
