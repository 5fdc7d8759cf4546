"""The mailbox poller (a worker step): read new mail over IMAP, match it to a lead by
In-Reply-To/References against our Message-IDs (else by sender), and record replies,
bounces and mailto unsubscribes; mail from our own side (a reply to an owner's alert, a
team member's address) is kept, never read as a lead's (`team_mail`). Each message is
handled once, keyed by its Message-ID (or folder/UIDVALIDITY/UID), so polling again
changes nothing."""

from __future__ import annotations

import email
import email.policy
import hashlib
import imaplib
import logging
import re
import time
from datetime import datetime, timedelta
from email.message import Message
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fairchase.leads.models import BusinessSettings, Lead, Status, Suppression
from fairchase.leads.normalize import email_or_blank
from fairchase.leads.same_person import first_holders, said_no_themselves

from . import bounces, complaints, dsn, replies, replies_learning, team_mail
from .first_read import start_reading
from .former import never_again, whose_stop
from .inbound import record_inbound, record_report
from .mailbox_words import LOGIN_SETTINGS as LOGIN_SETTINGS
from .mailbox_words import _where, _why_unreadable
from .models import InboundMessage, MailboxCursor, OutboundMessage
from .reading.quotes import body_text
from .receipts import receipt_unsubscribed
from .receipts import thread as _thread

log = logging.getLogger("fairchase.outreach.mailbox")
MSGID = re.compile(r"<[^<>\s]+@[^<>\s]+>")
BATCH = 50
# Polls in a row that could not read the mailbox before Today says so (one may be a blip).
TROUBLE_AFTER = 2


def parse(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=email.policy.default)


def _referenced_ids(msg: Message) -> list[str]:
    ids = []
    for header in ("In-Reply-To", "References"):
        ids += MSGID.findall(str(msg.get(header) or ""))
    return list(reversed(ids))  # the nearest parent first


def _our_message(ids: list[str]) -> OutboundMessage | None:
    if not ids:
        return None
    found = {
        m.message_id: m
        for m in OutboundMessage.objects.filter(message_id__in=ids).select_related("lead")
    }
    return next((found[i] for i in ids if i in found), None)


def _filed_on(ours: OutboundMessage | None, sender: str) -> Lead | None:
    """The lead an email is filed on: the lead of the message of ours it answers, else (no
    thread of ours, or a receipt's) the lead with the sender's address (`_lead_by_address`)."""
    thread = _thread(ours)
    return thread.lead if thread is not None else _lead_by_address(sender)


def _lead_by_address(address: str) -> Lead | None:
    """The lead a message from `address` (no thread of ours named) is filed on: the first
    active lead with it (`same_person.first_holders`, as a text's) while the address may be
    written to; else the first record that said no itself (a newer record opted out for
    matching them is not who they wrote to); else the first active lead, else the newest."""
    if not (normal := email_or_blank(address)):
        return None
    leads = Lead.objects.filter(email=normal)
    active = first_holders(leads)
    if not Suppression.objects.filter(value=normal).exists() and (lead := active.first()):
        return lead
    said_no = said_no_themselves(leads.filter(status=Status.OPTED_OUT))
    return (
        said_no.order_by("created_at", "pk").first()
        or active.first()
        or leads.order_by("-created_at").first()
    )


def _zone(lead: Lead) -> str:
    return lead.timezone or BusinessSettings.current().business_timezone or "UTC"


def _bounce_details(msg: Message) -> tuple[list[str], bool, list[str], str, str]:
    """(failed recipients, permanent?, referenced Message-IDs, status words, diagnostic) of
    a DSN. A delayed recipient's status is kept too, so a delay notice names its code."""
    recipients, permanent, ids, status, diagnostic = [], False, [], "", ""
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/delivery-status":
            blocks = part.get_payload() if isinstance(part.get_payload(), list) else []
            for block in blocks:
                action = str(block.get("Action") or "").lower()
                said = str(block.get("Diagnostic-Code") or "")
                code = dsn.status_code(str(block.get("Status") or ""), said)
                if not block.get("Final-Recipient") or action not in ("failed", "", "delayed"):
                    continue
                if action != "delayed":
                    recipients.append(str(block.get("Final-Recipient")).split(";")[-1].strip())
                    permanent = permanent or code.startswith("5") or action == "failed"
                status = status or f"{action} {code}".strip()
                diagnostic = diagnostic or said
        elif ctype in ("message/rfc822", "text/rfc822-headers"):
            ids += MSGID.findall(
                part.as_string() if ctype == "message/rfc822" else str(part.get_content())
            )
    if not recipients and not status:  # a bounce in prose (no machine-readable report)
        text = body_text(msg)
        ids += MSGID.findall(text)
        code = dsn.status_code(text)
        permanent = code.startswith("5")
        status, diagnostic = code, text[:500]
        recipients = [
            a
            for _, a in getaddresses([m for m in re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", text)])
            if a
        ]
    return recipients, permanent, ids, status, diagnostic


def handle_bounce(msg: Message, key: str, received: datetime) -> InboundMessage | None:
    """Record a delivery report once and act on it: a permanent bounce of our message acts by
    what its status code says (`bounces.permanent`: a bad address is blocked, a refusal of
    ours fails the message, a full mailbox is tried again, an unknown code waits for a person);
    one naming no message of ours holds the lead its recipient names for a person
    (`bounces.hold_bounce`), since anyone can forge one."""
    recipients, permanent, ids, status, diagnostic = _bounce_details(msg)
    ours = _our_message([i for i in ids if i != msg.get("Message-ID")])
    receipt = ours is not None and _thread(ours) is None
    if receipt:  # a form's receipt is no lead's: the lead with the address it went to, if any
        lead = _lead_by_address(ours.to)
    elif ours:
        lead = ours.lead
    else:
        lead = next((lead for r in recipients if (lead := _lead_by_address(r))), None)
    address = ours.to if ours else (lead.email if lead else "")
    reading = replies.Reading(
        InboundMessage.Kind.BOUNCE, None, status or "bounce", body_text(msg)[:2000]
    )
    with transaction.atomic():
        inbound = record_report(msg, key, received, reading, ours)
        if inbound is None or (lead is None and not receipt):
            return inbound
        inbound.lead, inbound.kind = lead, InboundMessage.Kind.BOUNCE
        if permanent and ours is None:
            bounces.hold_bounce(inbound, address, status)
            return inbound
        if permanent:
            inbound.effect = bounces.permanent(inbound, ours, address, status, diagnostic)
        else:
            code = status.split()[-1] if status else "no code"
            inbound.effect = f"Temporary delivery problem ({code}): nothing changed."
        inbound.save(update_fields=["lead", "kind", "effect"])
    return inbound


def filed_at(msg: Message, received: datetime, lead: Lead | None, ours) -> datetime:
    """When a reply is filed on the lead: when it was written (its Date header) while that is
    plausible, not after it arrived and not before the message of ours it follows (the one it
    answers, else the lead's latest attempt); a sender's clock running behind files it when it
    arrived instead, and never before our message (then a second after it)."""
    written = replies.sent_at(msg, received)  # the arrival when the header is missing or ahead
    after = ours.sent_at if ours is not None and ours.sent_at else None
    if after is None and lead is not None:
        after = lead.last_attempt_at
    if after is None or written >= after:
        return written
    return received if received > after else after + timedelta(seconds=1)


def message_key(msg: Message, raw: bytes, fallback: str) -> str:
    """What a message is handled once by: its Message-ID; without one, a hash of its From,
    Date, Subject, In-Reply-To and body, so a redelivery of the same mail (a new UID) is not
    counted twice (eval28 #8); without a Date either, the mailbox's folder/UID key."""
    if msgid := str(msg.get("Message-ID") or "").strip():
        return msgid
    if not msg.get("Date"):
        return fallback
    body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")[2]
    heads = "\n".join(str(msg.get(h) or "") for h in ("From", "Date", "Subject", "In-Reply-To"))
    return "content:" + hashlib.sha256(heads.encode() + b"\n\n" + body).hexdigest()


def handle_mail(
    raw: bytes, fallback_key: str, received: datetime | None = None
) -> InboundMessage | None:
    """Record one mailbox message (reply, bounce, spam complaint or unsubscribe); None if
    already handled."""
    msg = parse(raw)
    received = received or timezone.now()
    key = message_key(msg, raw, fallback_key)
    if InboundMessage.objects.filter(key=key[:255]).exists():
        return None
    if complaints.is_complaint(msg):  # before bounces: a report from a postmaster address
        reported, recipient = complaints.complained_of(msg)[1:]
        ours = _our_message([reported] if reported else [])
        lead = ours.lead if ours else _lead_by_address(recipient) if recipient else None
        return complaints.handle_complaint(msg, key, received, ours, lead)
    if replies.is_bounce(msg):
        return handle_bounce(msg, key, received)
    sender = parseaddr(str(msg.get("From") or ""))[1]
    ours = _our_message(_referenced_ids(msg))
    if team_mail.from_the_team(ours, sender):  # never a lead's words
        return team_mail.record(msg, key, ours, sender, received)
    lead = _filed_on(ours, sender)
    subject = str(msg.get("Subject") or "")
    named = None  # our message an unsubscribe mailto names: the recipient of it asked
    if replies.is_unsubscribe(msg):
        # Our List-Unsubscribe mailto puts the Message-ID in the subject: that names the lead.
        named = (
            _our_message(MSGID.findall(f"<{subject.split()[-1].strip('<>')}>"))
            if len(subject.split()) > 1
            else None
        )
        ours = named or ours
        if ours is not None and _thread(ours) is None:
            return receipt_unsubscribed(key, ours, sender, subject, received)
        lead = ours.lead if ours else lead
    if lead is not None:  # an "unsubscribe" subject is read as a stop there too
        reading = replies.read_message(msg, _zone(lead), received, replies_learning.learner())
    else:
        reading = replies.Reading(InboundMessage.Kind.UNMATCHED, None, "", body_text(msg)[:2000])
    stopped, said = "", ""  # an address not the lead's own that asked us to stop
    if reading.kind == InboundMessage.Kind.OPT_OUT:
        reading, stopped, said = whose_stop(msg, reading, ours, named, sender, lead)
    with transaction.atomic():
        inbound = record_inbound(
            key=key,
            lead=lead,
            channel="email",
            sender=sender,
            subject=subject,
            reading=reading,
            received_at=filed_at(msg, received, lead, ours),
            outbound=ours,
        )
        if inbound is not None and stopped and lead is not None:
            never_again(lead, stopped, said)
    return inbound


# A poll reads for at most this long, then lets the other steps (sending) run; the rest of
# the mail is read at the next poll, at once (`poll_step`).
POLL_SECONDS = 20.0
POLL_EVERY = 60.0
# A message whose reading began this many times without an end (the worker was killed
# reading it) is not read again: it is set aside for a person, so it never blocks the mail.
MAX_TRIES = 3
_next_poll = 0.0


def poll_step() -> int:
    """Worker step: poll every POLL_EVERY seconds, and again at once while mail is left."""
    global _next_poll
    if time.monotonic() < _next_poll:
        return 0
    handled, more = poll(POLL_SECONDS)
    _next_poll = time.monotonic() + (0 if more else POLL_EVERY)
    return handled


def poll_mailbox() -> int:
    """Read all mail that arrived since the last poll; returns how many were handled."""
    handled, more = 0, True
    while more:
        n, more = poll(POLL_SECONDS)
        handled += n
    return handled


def poll(budget: float) -> tuple[int, bool]:
    """Read mail that arrived since the last poll for about `budget` seconds (at least one
    message); returns how many were handled and whether mail was left for the next poll.
    A mailbox that cannot be read (a wrong password, the server down, SSL on a plain port) is
    one line in the log and a note on its cursor, which Today shows (`trouble`), not a
    traceback a minute: it is a setting to fix, not a bug."""
    if not (settings.IMAP_HOST and settings.IMAP_USER):
        return 0, False
    try:
        return _read_new_mail(budget)
    except (Unreadable, OSError, imaplib.IMAP4.error) as exc:
        why = exc if isinstance(exc, Unreadable) else _why_unreadable(exc)
        failures = _note_trouble(str(why))
        log.warning("mailbox not read (%d polls in a row): %s", failures, why)
        return 0, False


class Unreadable(Exception):
    """The mailbox could not be read; the text says why in words, naming the settings."""


def _cursor() -> MailboxCursor:
    cursor, _ = MailboxCursor.objects.get_or_create(folder=settings.IMAP_FOLDER)
    return cursor


def _note_trouble(why: str) -> int:
    """Keep why the mailbox was not read on its cursor; how many polls in a row failed."""
    cursor = _cursor()
    cursor.failures += 1
    cursor.error = why[:1000]
    cursor.failing_since = cursor.failing_since or timezone.now()
    cursor.save(update_fields=["failures", "error", "failing_since"])
    return cursor.failures


def trouble() -> MailboxCursor | None:
    """The mailbox's cursor when TROUBLE_AFTER polls in a row or more could not read it (one
    may be a blip), else None: for Today, the Outbox and `send_outbox --poll`."""
    if not (settings.IMAP_HOST and settings.IMAP_USER):
        return None
    return MailboxCursor.objects.filter(
        folder=settings.IMAP_FOLDER, failures__gte=TROUBLE_AFTER
    ).first()


def last_poll_failed() -> str:
    """Why the last poll could not read the mailbox ("" when it could, or none is set up)."""
    if not (settings.IMAP_HOST and settings.IMAP_USER):
        return ""
    cursor = MailboxCursor.objects.filter(folder=settings.IMAP_FOLDER, failures__gt=0).first()
    return cursor.error if cursor else ""


def _read_new_mail(budget: float) -> tuple[int, bool]:
    from imapclient import IMAPClient

    handled, started = 0, time.monotonic()
    folder = settings.IMAP_FOLDER
    with IMAPClient(
        settings.IMAP_HOST, port=settings.IMAP_PORT, ssl=settings.IMAP_SSL, timeout=30
    ) as client:
        client.normalise_times = False  # aware INTERNALDATEs, not host-local naive ones
        client.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
        try:
            info = client.select_folder(folder, readonly=True)
        except imaplib.IMAP4.error as exc:
            raise Unreadable(
                f"The mailbox at {_where()} has no folder {folder!r} to read: check "
                f"IMAP_FOLDER ({exc})."
            ) from exc
        validity = int(info.get(b"UIDVALIDITY", 0))
        cursor = _cursor()
        if cursor.uidvalidity != validity:
            start_reading(client, cursor, validity, int(info.get(b"UIDNEXT", 0) or 0))
        # "n:*" always includes the newest message, even when it is older than n.
        uids = sorted(
            u for u in client.search(["UID", f"{cursor.last_uid + 1}:*"]) if u > cursor.last_uid
        )

        def spent() -> bool:  # (one message is read whatever the budget)
            return cursor.last_uid >= uids[0] and time.monotonic() - started > budget

        for start in range(0, len(uids), BATCH):
            if spent():
                break
            chunk = uids[start : start + BATCH]
            for uid, data in sorted(client.fetch(chunk, ["BODY.PEEK[]", "INTERNALDATE"]).items()):
                if spent():
                    break
                handled += _read_one(cursor, uid, data, f"{folder}:{validity}:{uid}")
        cursor.polled_at = timezone.now()
        cursor.failures, cursor.error, cursor.failing_since = 0, "", None
        cursor.save()
    return handled, bool(uids) and cursor.last_uid < uids[-1]


def _read_one(cursor: MailboxCursor, uid: int, data: dict, key: str) -> int:
    """Handle one fetched message, counting the readings that began (saved first, so a
    worker killed while reading still counts it); the cursor moves past it after."""
    when = data.get(b"INTERNALDATE")
    if isinstance(when, datetime) and when.tzinfo is None:
        when = timezone.make_aware(when)
    raw = data[b"BODY[]"]
    tries = cursor.reading_tries if cursor.reading_uid == uid else 0
    if tries >= MAX_TRIES:
        done = _set_aside(raw, key, when, f"its reading stopped {tries} times without an end")
    else:
        cursor.reading_uid, cursor.reading_tries = uid, tries + 1
        cursor.save()
        try:
            done = handle_mail(raw, key, when) is not None
        except Exception:  # one unreadable message must not block the rest of the mailbox
            log.exception("could not handle mailbox message %s", uid)
            done = _set_aside(raw, key, when, "its reading failed")
    cursor.last_uid = max(cursor.last_uid, uid)
    cursor.reading_uid, cursor.reading_tries = 0, 0
    cursor.save()
    return int(done)


def _set_aside(raw: bytes, key: str, received, why: str) -> bool:
    """A message the reader could not read, recorded unread for a person (on its lead, as
    an unclear reply to read; else with the mail from people not in the book). One that
    cannot even be parsed is still recorded, bare, with the mail from people not in the
    book; if that fails too (the database), this raises and the cursor stays before it."""
    place = key
    try:
        msg = parse(raw)
        key = message_key(msg, raw, key)
        sender = parseaddr(str(msg.get("From") or ""))[1]
        ours = _our_message(_referenced_ids(msg))
        lead = _filed_on(ours, sender)
        reading = replies.Reading(
            InboundMessage.Kind.UNCLEAR, None, f"Not read: {why}; read it yourself.", _text(msg)
        )
        with transaction.atomic():
            return (
                record_inbound(
                    key=key,
                    lead=lead,
                    channel="email",
                    sender=sender,
                    subject=str(msg.get("Subject") or "")[:255],
                    reading=reading,
                    received_at=received or timezone.now(),
                    outbound=ours,
                )
                is not None
            )
    except Exception:
        log.exception("could not set aside mailbox message %s", key)
    reading = replies.Reading(
        InboundMessage.Kind.UNCLEAR, None, f"Not read: {why}; open it in the mailbox ({place}).", ""
    )
    with transaction.atomic():
        bare = record_inbound(
            key=place,
            lead=None,
            channel="email",
            sender="",
            subject="A message that could not be read",
            reading=reading,
            received_at=received or timezone.now(),
        )
    return bare is not None


def _text(msg: Message) -> str:
    try:
        return body_text(msg)[:2000]
    except Exception:  # the text itself may be what could not be read
        return ""
