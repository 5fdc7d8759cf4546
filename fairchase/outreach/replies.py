"""Read what a reply says: automatic reply, "stop", "not interested", "later (with a
date)", "call me on a date", interest, or something for a person to read.

`classify` is a pure function of the message and the lead's zone. It only acts on
clear cases: two intents that disagree ("not interested, but what would it cost?")
or a "later" without a date stay a plain reply for a person.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime

from .dates import find_date

REPLY, INTERESTED, AUTO_REPLY, OPT_OUT, NOT_INTERESTED, LATER, CALL_BACK = (
    "reply", "interested", "auto_reply", "opt_out", "not_interested", "later", "call_back")
# Kinds the app acts on without a person (the others only record the reply).
ACTED_ON = {AUTO_REPLY, OPT_OUT, NOT_INTERESTED, LATER, CALL_BACK}


@dataclass(frozen=True)
class Reading:
    kind: str
    until: datetime | None = None  # return date, revisit date or call-back time (UTC)
    evidence: str = ""  # the words that decided
    text: str = ""  # the new part of the message, quotes and signature removed


def _c(*phrases: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.I)


AUTO_SUBJECT = _c(r"automatic reply", r"auto[- ]?reply", r"autoreply", r"auto[- ]?response", r"out of (?:the )?office",
                  r"ooo", r"away from (?:the|my) office", r"on (?:annual )?leave", r"abwesenheitsnotiz",
                  r"r[ée]ponse automatique", r"respuesta autom[áa]tica", r"autosvar", r"automatisch antwoord",
                  r"vacation reply", r"holiday notice", r"i am away")
AUTO_BODY = _c(r"(?:i am|i'm|i will be|i'll be|currently) (?:currently )?(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk|email)|on (?:annual |parental |maternity |sick )?leave|on (?:vacation|holiday)|travell?ing with limited)",
               r"this is an automatic reply", r"this is an automated (?:reply|response|message)",
               r"automatic reply", r"limited (?:access to|or no access to) (?:e-?mail|my email)",
               r"will (?:respond|reply|get back to you) (?:to your (?:email|message) )?(?:when|upon|as soon as) (?:i|my) return",
               r"(?:i|i'll|i will) (?:have|be) no access to (?:e-?mail|my email)", r"out of office")
RETURN_KEY = _c(r"back (?:in the office |at work |at my desk )?(?:on|from)", r"back", r"return(?:ing)?(?: to the office| to work)? (?:on|from)?",
                r"returning", r"in the office (?:on|from)", r"available (?:again )?(?:on|from)", r"until", r"till", r"through",
                r"bis", r"jusqu'au", r"hasta el")

OPT_OUT_WORDS = _c(r"remove me", r"take me off", r"unsubscribe", r"stop (?:e-?mailing|emails|contacting|messaging|texting|sending|calling|writing)",
                   r"do not (?:contact|e-?mail|call|text|message|write to) me", r"don'?t (?:contact|e-?mail|call|text|message|write to) me",
                   r"no more (?:e-?mails|messages|calls|texts)", r"leave me alone", r"please stop", r"opt(?:-| )?out",
                   r"(?:delete|erase) my (?:details|data|information)", r"never contact", r"harass(?:ing|ment)?")
NOT_INTERESTED_WORDS = _c(r"not interested", r"no longer interested", r"isn'?t of interest", r"no longer (?:need|require|looking)",
                          r"don'?t need", r"do not need", r"(?:went|gone|going|go) with (?:another|someone else|a different|a competitor)",
                          r"chose (?:another|someone else|a different)", r"decided (?:to go with|against|not to)",
                          r"found (?:someone|somebody|another)", r"(?:we'?ll|i'?ll|we will|i will) pass", r"no,? thanks?(?: you)?",
                          r"not for (?:us|me)", r"not (?:a good |the right )?fit", r"not (?:going|moving) (?:ahead|forward)",
                          r"won'?t be (?:proceeding|going ahead|needing)", r"already (?:sorted|have|found|hired|bought)")
LATER_WORDS = _c(r"not (?:right )?now", r"not at the moment", r"not at this (?:time|stage|point)", r"not yet", r"maybe later",
                 r"try (?:me |us )?again", r"(?:get|come) back to (?:me|us)", r"reach (?:out|back)", r"circle back", r"check (?:back|in)",
                 r"follow up (?:in|after|next)", r"revisit", r"(?:contact|email|ping|write to) (?:me|us) (?:again )?(?:in|after|next|around)",
                 r"too (?:busy|early)", r"bad time", r"on hold", r"next (?:quarter|year|month)", r"later (?:this|in the) year",
                 r"after (?:the )?(?:holidays|summer|new year|christmas)", r"budget (?:opens|resets|is approved)",
                 r"(?:in|after) (?:a few|a couple of|two|three|four|six) (?:weeks|months)")
CALL_WORDS = _c(r"call me", r"give me a (?:call|ring|buzz)", r"ring me", r"phone me", r"call (?:us|back)", r"let'?s (?:talk|chat|speak)",
                r"(?:can|could) (?:we|you) (?:talk|speak|chat|call)", r"(?:i'?m|i am|we'?re|we are) (?:free|available)",
                r"best time to (?:call|reach)", r"(?:talk|speak|chat) (?:on|next|tomorrow)", r"book (?:a|the) (?:call|meeting|visit)")
INTEREST_WORDS = _c(r"(?<!not )(?<!no longer )interested", r"sounds (?:good|great)", r"(?:please|pls) send", r"(?:can|could) you send",
                    r"how much", r"what (?:would|will|does) (?:it|this|that) cost", r"quote", r"pric(?:e|es|ing)",
                    r"(?:let'?s|happy to) (?:go ahead|proceed|do it|move forward)", r"yes,? please", r"when can you",
                    r"looking forward", r"thanks? for (?:getting back|following up|the (?:call|email|info))")
SOFTENERS = _c(r"(?:right|just) now", r"at the moment", r"at this (?:time|stage|point)", r"this (?:year|quarter|month)", r"yet",
               r"for now", r"currently")

QUOTE_START = re.compile(
    r"^(?:On .{0,200}wrote:\s*$|On .{0,120}$\n^.{0,120}wrote:\s*$|-{2,}\s*Original Message\s*-{2,}|_{10,}\s*$|"
    r"From:\s.*$\n^(?:Sent|Date):|Le .{0,200}a [ée]crit\s?:|Am .{0,200}schrieb.{0,100}:|-----Forwarded)", re.M | re.I)
SIGNATURE = re.compile(r"^(?:-- ?$|Sent from my (?:iPhone|iPad|Android|phone|mobile)|Get Outlook for)", re.M | re.I)


def new_text(body: str) -> str:
    """The part of a reply the person just wrote: no quoted thread, no signature."""
    m = QUOTE_START.search(body)
    if m:
        body = body[: m.start()]
    m = SIGNATURE.search(body)
    if m:
        body = body[: m.start()]
    lines = [ln for ln in body.splitlines() if not ln.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def body_text(msg: Message) -> str:
    """The first text/plain part (or text/html with tags dropped)."""
    part = msg.get_body(preferencelist=("plain", "html")) if isinstance(msg, EmailMessage) else None
    if part is None:
        part = next((p for p in msg.walk() if p.get_content_type() in ("text/plain", "text/html")), None)
    if part is None:
        return ""
    try:
        text = part.get_content() if isinstance(part, EmailMessage) else part.get_payload(decode=True).decode(
            part.get_content_charset() or "utf-8", "replace")
    except (LookupError, ValueError, AttributeError):
        text = str(part.get_payload())
    if part.get_content_type() == "text/html":
        text = re.sub(r"(?is)<(script|style).*?</\1>|<br\s*/?>|</p>", "\n", text)
        text = re.sub(r"<[^>]+>", " ", text)
    return text


def is_automatic(msg: Message) -> str:
    """The header or subject words that mark an automatic reply ('' if none)."""
    auto = (msg.get("Auto-Submitted") or "").strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    for header in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Reply"):
        if msg.get(header):
            return f"{header}: {msg.get(header)}"
    if (msg.get("Precedence") or "").strip().lower() in ("auto_reply", "auto-reply"):
        return "Precedence: auto_reply"
    m = AUTO_SUBJECT.search(str(msg.get("Subject") or ""))
    return f"Subject: {m.group(0)}" if m else ""


def mail_date(msg: Message, fallback: datetime) -> datetime:
    try:
        d = parsedate_to_datetime(str(msg.get("Date")))
    except (TypeError, ValueError, IndexError):
        return fallback
    return d if d.tzinfo is not None else fallback


def _return_date(text: str, sent: datetime, zone: str | None) -> tuple[datetime | None, str]:
    # Look for the date after "back on", "returning", "until": the first date in an
    # out-of-office is usually when they left.
    for m in RETURN_KEY.finditer(text):
        found = find_date(text[m.end(): m.end() + 80], sent, zone)
        if found:
            until, words = found
            if m.group(0).lower() in ("until", "till", "through", "bis", "jusqu'au", "hasta el"):
                until += timedelta(days=1)  # away *until* the 14th: back the next day
            return until, f"{m.group(0)} {words}"
    return None, ""


def classify_text(text: str, sent: datetime, zone: str | None = None, automatic: str = "") -> Reading:
    """Classify the words of a reply (email body or text message) written at `sent`."""
    fresh = new_text(text)
    flat = " ".join(fresh.split())
    if automatic or AUTO_BODY.search(flat[:600]):
        evidence = automatic or AUTO_BODY.search(flat[:600]).group(0)
        until, words = _return_date(flat, sent, zone)
        return Reading(AUTO_REPLY, until, f"{evidence}; {words}" if words else evidence, fresh)
    stop = OPT_OUT_WORDS.search(flat)
    no = NOT_INTERESTED_WORDS.search(flat)
    later = LATER_WORDS.search(flat)
    call = CALL_WORDS.search(flat)
    keen = INTEREST_WORDS.search(flat)
    date = find_date(flat, sent, zone)
    if stop:
        if later or call or keen:
            return Reading(REPLY, None, f"mixed: {stop.group(0)!r} with {(later or call or keen).group(0)!r}", fresh)
        return Reading(OPT_OUT, None, stop.group(0), fresh)
    if no and not (later or SOFTENERS.search(flat) or call or keen):
        return Reading(NOT_INTERESTED, None, no.group(0), fresh)
    if (later or (no and SOFTENERS.search(flat))) and not keen:
        if date is None:
            return Reading(REPLY, None, f"later, but no date: {(later or no).group(0)!r}", fresh)
        at, words = date
        if call and at - sent <= timedelta(days=21):
            return Reading(CALL_BACK, at, f"{call.group(0)} {words}", fresh)
        return Reading(LATER, at, f"{(later or no).group(0)} {words}", fresh)
    if call and not no:
        if date is not None:
            return Reading(CALL_BACK, date[0], f"{call.group(0)} {date[1]}", fresh)
        return Reading(INTERESTED, None, call.group(0), fresh)
    if keen and not no:
        return Reading(INTERESTED, None, keen.group(0), fresh)
    return Reading(REPLY, None, "", fresh)


def classify(raw: bytes | str | Message, zone: str | None = None, received: datetime | None = None) -> Reading:
    """Classify a whole mail (headers decide automatic replies, the body the rest)."""
    if isinstance(raw, bytes):
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    elif isinstance(raw, str):
        msg = email.message_from_string(raw, policy=email.policy.default)
    else:
        msg = raw
    # Without a Date header or a delivery time, dates are read from the epoch: nothing relative is trusted.
    sent = mail_date(msg, received or datetime(1970, 1, 1, tzinfo=UTC))
    return classify_text(body_text(msg), sent, zone, automatic=is_automatic(msg))
