"""The one reader of every inbound message, email or text: what is new in it, in which
language, what it means and when.

`read_message` (a whole mail) and `read_text` (a text message, or words already
separated) are pure: no database, no clock (the caller says when the message came),
so the worker, the `fairchase read` command, the benchmark and the tests read alike.

Kinds: auto_reply (with the return date), bounce, opt_out, not_interested, later (with
the revisit date), call_back (with the time), interested, unclear. A "no" is never
read as a "yes": a refusal that also asks about the offer, or any doubt, stays
unclear for a person; a "later" or a call without a date is not guessed.

Here: the message's parts (headers, bounces, automatic replies, the new text); the
reading of the words is in `reading.decide` (cues per language in `reading.cues`, the
clause grammar in `reading.clauses`, dates in `reading.when`).
"""

from __future__ import annotations

import email
import email.errors
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parsedate_to_datetime

from .reading import clauses, cues, language, learned, sentences, when
from .reading.decide import (  # noqa: F401 (the kinds are this module's to name)
    AUTO_REPLY,
    BOUNCE,
    CALL_BACK,
    INTERESTED,
    KINDS,
    LATER,
    NO_EMAIL,
    NOT_INTERESTED,
    OPT_OUT,
    REFUSALS,
    UNCLEAR,
    decide,
)
from .reading.quotes import answers_to_our_stop, body_text, new_text

BOUNCE_SENDERS = re.compile(
    r"mailer-daemon|postmaster|mail delivery (?:subsystem|system)|microsoftexchange", re.I
)
# Subjects only delivery systems write (Exchange's NDR comes from a mailbox named after the server).
BOUNCE_SUBJECT_ALONE = re.compile(
    r"\s*(?:undeliverable|unzustellbar|non remis|no se puede entregar|n[ãa]o entregue|onbestelbaar)\s*:|"
    r"\s*(?:undelivered mail returned to sender|mail delivery failed|delivery status notification \(failure\))",
    re.I,
)
STATUS_CODE = re.compile(r"\b([245])\.\d{1,3}\.\d{1,3}\b")


@dataclass(frozen=True)
class Reading:
    kind: str
    until: datetime | None = (
        None  # return date, revisit date or call-back time (aware, in the lead's zone)
    )
    evidence: str = ""  # the words that decided
    text: str = ""  # the new part of the message, quotes and signature removed
    language: str = ""
    hold: str = ""  # why the message holds its lead for a person (`InboundMessage.Hold`)
    no_email: bool = False  # refuses email alone and asks for a call (`inbound._no_more_email`)


def parse(raw: bytes | str | Message) -> Message:
    # The compat32 policy: the default one parses every header into objects, five
    # times slower, and we only need a few of them as text.
    if isinstance(raw, bytes):
        return email.message_from_bytes(raw)
    if isinstance(raw, str):
        return email.message_from_string(raw)
    return raw


def header(msg: Message, name: str) -> str:
    value = msg.get(name)
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value))))
    except (UnicodeDecodeError, LookupError, ValueError, email.errors.HeaderParseError):
        return str(value)


def is_bounce(msg: Message) -> bool:
    if msg.get_content_type() == "multipart/report" and "delivery-status" in str(
        msg.get_param("report-type") or ""
    ):
        return True
    subject = header(msg, "Subject")
    if BOUNCE_SUBJECT_ALONE.match(subject):
        return True
    # Whatever a delivery system sends us (a failure, a delay warning) is about delivery,
    # never a person's answer; the mailbox tells a permanent failure from a delay by its status.
    return bool(BOUNCE_SENDERS.search(header(msg, "From")))


def is_receipt(msg: Message) -> str:
    """A read or delivery receipt (RFC 8098 disposition notification, or a report of its
    kind): the mail program's, never the person's answer ('' if it is none)."""
    if msg.get_content_type() == "multipart/report" and "disposition-notification" in str(
        msg.get_param("report-type") or ""
    ):
        return "read receipt (disposition-notification)"
    if msg.is_multipart() and any(
        p.get_content_type() == "message/disposition-notification" for p in msg.walk()
    ):
        return "read receipt (message/disposition-notification)"
    return ""


def automatic_header(msg: Message) -> str:
    """The header or subject words that mark an automatic reply ('' if none)."""
    auto = (msg.get("Auto-Submitted") or "").strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Reply"):
        if msg.get(name):
            return f"{name}: {msg.get(name)}"
    precedence = (msg.get("Precedence") or "").strip().lower()
    # (bulk and junk: what vacation(1) and most responders mark their answers with)
    if precedence in ("auto_reply", "auto-reply", "bulk", "junk", "list"):
        return f"Precedence: {precedence}"
    m = cues.AUTO_SUBJECT.search(cues.fold(header(msg, "Subject")))
    return f"Subject: {m.group(0)}" if m else ""


def sent_at(msg: Message, received: datetime) -> datetime:
    """When the message was written (its Date header), unless that is missing or after it arrived."""
    try:
        d = parsedate_to_datetime(str(msg.get("Date")))
    except (TypeError, ValueError, IndexError):
        return received
    if d is None or d.tzinfo is None or d > received + timedelta(hours=1):
        return received
    return d


UNSUBSCRIBE_MAILTO = "List-Unsubscribe mailto"


def is_unsubscribe(msg: Message) -> bool:
    """A mail whose subject starts "unsubscribe" (our List-Unsubscribe mailto writes it so)
    asks to stop, whatever its body: one rule for the worker and `fairchase read` (eval28 #11)."""
    return str(msg.get("Subject") or "").strip().lower().startswith("unsubscribe")


def read_message(
    raw: bytes | str | Message,
    zone: str | None = None,
    received: datetime | None = None,
    learner: learned.Learner | None | str = "shipped",
) -> Reading:
    """Read a whole mail: headers say automatic replies and bounces, the new text the rest.
    `learner`: the classifier that reads what the rules leave unclear ("shipped": the one
    trained on the shipped examples; None: the rules alone)."""
    msg = parse(raw)
    received = received or datetime.now(UTC)
    body = body_text(msg)
    if is_bounce(msg):
        code = STATUS_CODE.search(body) or STATUS_CODE.search(msg.as_string()[:20000])
        return Reading(
            BOUNCE,
            None,
            f"delivery failure {code.group(0)}" if code else "delivery failure",
            body[:2000],
            "en",
        )
    if receipt := is_receipt(msg):
        # Not an answer: nothing changes and it is not counted as a reply.
        return Reading(AUTO_REPLY, None, receipt, body[:2000], "")
    if is_unsubscribe(msg):
        return Reading(OPT_OUT, None, UNSUBSCRIBE_MAILTO, str(msg.get("Subject") or ""))
    return read_text(
        body,
        sent_at(msg, received),
        zone,
        channel="email",
        automatic=automatic_header(msg),
        learner=learner,
    )


def read_text(
    body: str,
    sent: datetime,
    zone: str | None = None,
    *,
    channel: str = "text",
    automatic: str = "",
    learner: learned.Learner | None | str = "shipped",
) -> Reading:
    """Read the words of a message written at `sent` by a lead in `zone` (`learner` as
    for `read_message`)."""
    fresh = new_text(body) if channel == "email" else body.strip()
    read = to_read(fresh)
    if channel == "email" and (answers := answers_to_our_stop(body)):
        # "> If you'd rather not hear from us, unsubscribe here" / "No, keep me on.": a no
        # to our stop line keeps them on, it refuses nothing; a yes to it is for a person.
        for answer in answers:
            if cues.AFFIRM.match(cues.fold(answer)):
                said = f'an answer to our unsubscribe line: "{answer[:80]}"'
                return Reading(UNCLEAR, None, said, fresh, language.detect(fresh, "en"))
            if cues.NO.match(cues.fold(answer)):
                read = read.replace(answer, "", 1).strip()
    folded, where = cues.fold_map(read)
    now = sent.astimezone(when.zone_of(zone))
    today = now.date()
    # STOP and its kin alone opt out in a text and in a mail alike (our mails say "reply STOP").
    if cues.carrier_keyword(read):
        return Reading(
            OPT_OUT, None, f'carrier keyword "{fresh.strip()}"', fresh, language.detect(fresh, "en")
        )
    if learner == "shipped":
        learner = learned.learner()
    kind, until, evidence, lang, no_email = decide(
        read, folded, where, today, zone, channel, automatic, learner, now
    )
    return Reading(kind, until, evidence[:255], fresh, lang, no_email=no_email)


# What the reader reads of a message: people answer in a few lines, and a reply of tens of
# kilobytes (pasted logs, an attack on the worker's time) is not read to its end.
READ_CHARS = 10_000
# How far a request to stop is looked for (a cheap scan), and around one found after
# READ_CHARS how much of its sentence is read.
STOP_SCAN_CHARS, STOP_CONTEXT = 100_000, 300


def to_read(fresh: str) -> str:
    """The first READ_CHARS characters of the new text (cut at a space); and when what
    follows asks us to stop, the sentence that does, so a late "please stop emailing me"
    is still read (towards leaving people alone). A single cheap scan of the rest."""
    if len(fresh) <= READ_CHARS:
        return fresh
    cut = max(fresh.rfind(" ", 0, READ_CHARS), fresh.rfind("\n", 0, READ_CHARS))
    cut = cut if cut > READ_CHARS // 2 else READ_CHARS
    head = fresh[:cut].rstrip()
    rest = cues.fold(fresh[cut:STOP_SCAN_CHARS])  # (folded as the reader folds: the same reading)
    stop = cues.first(cues.OPT_OUT, rest) or clauses.stop_request(rest)
    if stop is None:
        return head
    start, end = sentences.index(rest).around(stop[2])
    start, end = max(start, stop[2] - STOP_CONTEXT), min(end + 1, stop[3] + STOP_CONTEXT)
    return f"{head}\n[...]\n{rest[start:end].strip()}"
