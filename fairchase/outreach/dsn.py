"""What a delivery report says went wrong, read from its RFC 3463 enhanced status code (the
report's Status, else the code in its Diagnostic-Code or prose). Only a fault of the address
(no such mailbox or domain, a disabled mailbox) is a reason never to write to it again. A
refusal by policy, for content or for our sending IP says something about us, not about the
address: one day on a blocklist would otherwise drop every customer of that provider for
good. A full mailbox is usually passing (a soft bounce). A code we do not know is left to a
person rather than guessed at."""

from __future__ import annotations

import re

CODE = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)")

ADDRESS = "address"  # the address is bad: suppress it
FULL = "full"  # the mailbox is full: kept, tried again later
REFUSED = "refused"  # refused for something of ours: keep the address, the message failed
UNKNOWN = "unknown"  # a permanent failure we cannot place: a person decides
TEMPORARY = "temporary"  # 4.x.x: nothing changes

# 5.1.x about the recipient (5.1.7/5.1.8 are about our own sender address) and 5.2.1.
_ADDRESS_CODES = {"5.1.0", "5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.6", "5.1.10", "5.2.1"}
# 5.3.x their system, 5.4.x routing, 5.6.x our content, 5.7.x policy; 5.2.3 our size.
_REFUSED_CLASSES = ("5.3.", "5.4.", "5.6.", "5.7.")
_REFUSED_CODES = {"5.1.7", "5.1.8", "5.2.3"}
_IP_WORDS = re.compile(
    r"\bIP\b|block ?list|black ?list|spamhaus|\bRBL\b|reputation|5\.7\.60[678]", re.I
)
_CONTENT_WORDS = re.compile(r"spam|content|virus|malware|phish", re.I)


def status_code(*texts: str) -> str:
    """The most specific enhanced status code in `texts` (the first given wins unless it is
    only a class, X.0.0, and a later one says more), or ''."""
    found = [m.group(0) for text in texts for m in [CODE.search(text or "")] if m]
    specific = [c for c in found if not c.endswith(".0.0")]
    return (specific or found or [""])[0]


def classify(code: str) -> str:
    """Which of ADDRESS, FULL, REFUSED, UNKNOWN, TEMPORARY the status `code` means."""
    if code.startswith("4."):
        return TEMPORARY
    if code in _ADDRESS_CODES:
        return ADDRESS
    if code == "5.2.2":
        return FULL
    if code in _REFUSED_CODES or code.startswith(_REFUSED_CLASSES):
        return REFUSED
    return UNKNOWN


def refusal_reason(code: str, diagnostic: str) -> str:
    """Why a receiving server refused our message, in words for the Outbox."""
    if _IP_WORDS.search(f"{code} {diagnostic}"):
        why = "our sending IP is blocked"
    elif _CONTENT_WORDS.search(diagnostic):
        why = "the content was filtered"
    else:
        why = "a policy of theirs refused our message"
    return f"Refused by the receiving server ({code}): {why}; the address is kept."
