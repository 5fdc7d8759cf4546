"""Is a mail known to come from the address in its From? Anyone can write any From, so a
request to stop is acted on by itself only when the mail answers one of our messages (its
In-Reply-To/References or our unsubscribe address name our Message-ID), or when the
receiving server vouches for the From domain in the Authentication-Results it added:
DMARC passed, or DKIM or SPF passed for the From domain (or a parent or child of it).

Only the topmost Authentication-Results counts: the receiving server adds its own above
the others, and anything below it was written by whoever sent the mail. (A server that adds
none leaves the sender's own on top: put such a mailbox behind one that does.)"""

from __future__ import annotations

import re
from email.message import Message
from email.utils import parseaddr

_COMMENT = re.compile(r"\([^()]*\)")
_RESULT = re.compile(r"^\s*(dmarc|dkim|spf)\s*=\s*(\w+)", re.I)
_PROPERTY = re.compile(
    r"\b(header\.from|header\.d|header\.i|smtp\.mailfrom|smtp\.from)\s*=\s*([^\s;]+)", re.I
)


def vouched_for(msg: Message) -> str:
    """Which check of the receiving server passed for the From domain ("dmarc=pass", ...),
    or "" when none did (or the server said nothing)."""
    found = msg.get_all("Authentication-Results") or []
    if not found:
        return ""
    domain = parseaddr(str(msg.get("From") or ""))[1].rpartition("@")[2].lower()
    if not domain:
        return ""
    results = _COMMENT.sub(" ", str(found[0])).split(";")[1:]  # (the first part names the server)
    for result in results:
        m = _RESULT.match(result)
        if not m or m.group(2).lower() != "pass":
            continue
        method = m.group(1).lower()
        said = {k.lower(): v.rpartition("@")[2].lower() for k, v in _PROPERTY.findall(result)}
        if method == "dmarc" and said.get("header.from", domain) == domain:
            return "dmarc=pass"
        if any(_aligned(d, domain) for d in said.values()) and method != "dmarc":
            return f"{method}=pass for {domain}"
    return ""


def _aligned(a: str, b: str) -> bool:
    """The same domain, or one a subdomain of the other (DMARC's relaxed alignment, without
    the public suffix list: "mail.example.com" and "example.com")."""
    shorter, longer = sorted((a, b), key=len)
    return "." in shorter and (a == b or longer.endswith("." + shorter))
