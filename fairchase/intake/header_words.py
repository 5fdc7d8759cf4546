"""A hand-made header read by its words ("Customer Name", "Ph#", "Job value ($)", "Date
called", "Where from"), when no alias names it exactly (`mapping.ALIASES`).

Each word of the header must be a word of this table or a filler ("job", "where", "#"):
"Contact owner" or "Follow-up date" hold a word we do not know, and stay for the person to
choose. A header whose words name two fields ("Name / phone") stays too. Words that only
hint at a field (WEAK: "Customer", "from") count when no other word names one.
"""

from __future__ import annotations

import re

from .mapping import _key

STRONG: dict[str, set[str]] = {
    "name": {"name", "fullname"},
    "first_name": {"first", "given", "firstname"},
    "last_name": {"last", "surname", "lastname", "family"},
    "company": {"company", "business", "firm", "organisation", "organization", "employer"},
    "email": {"email", "mail", "emails"},
    "phone": {"phone", "ph", "tel", "telephone", "mobile", "cell", "cellphone", "phones"},
    "value": {"value", "amount", "budget", "money", "estimate", "price", "revenue", "worth"},
    "created_at": {"date", "called", "received", "enquiry", "inquiry", "enquired", "created"},
    "source": {"source", "heard", "hear", "channel", "origin", "found"},
    "notes": {"notes", "note", "comments", "comment", "remarks", "remark", "details", "memo"},
}
WEAK: dict[str, set[str]] = {
    "name": {"customer", "client", "contact", "person", "lead", "who"},
    "value": {"deal", "quote"},
    "created_at": {"when", "day"},
    "source": {"from"},
}
# A field beside these names the part: "Customer first name" is the first name.
_PARTS = {"first_name", "last_name", "company"}
FILLER = {
    *"the a an of by for to us you your did do where how what about job project and or".split(),
    *"number no nr num e".split(),
}


def _words(header: str) -> list[str]:
    """A header's words as compared: "$" is money, "#" a number ("Ph#", "Job value ($)")."""
    marked = re.sub(r"[$€£]", " money ", header or "").replace("#", " number ")
    return _key(marked).split()


def _named(words: list[str], table: dict[str, set[str]]) -> set[str]:
    return {fname for fname, names in table.items() if names & set(words)}


def field_by_words(header: str) -> str:
    """The field a header's words name, or "" when a word is unknown or it names two."""
    words = _words(header)
    known = set().union(*STRONG.values(), *WEAK.values(), FILLER)
    if not words or not set(words) <= known:
        return ""
    strong = _named(words, STRONG)
    if strong & _PARTS:
        strong -= {"name"}
    if not strong:
        strong = _named(words, WEAK)
    return next(iter(strong)) if len(strong) == 1 else ""
