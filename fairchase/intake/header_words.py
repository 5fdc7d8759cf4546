"""A hand-made header read by its words ("Customer Name", "Ph#", "Job value ($)", "Date
called", "Where from"), when no alias names it exactly (`mapping.ALIASES`).

Each word of the header must be a word of these tables or a filler ("job", "where", "#"):
"Contact owner" or "Follow-up date" hold a word we do not know, and stay for the person to
choose. A header whose words name two fields ("Name / phone") stays too. Words that only
hint at a field (WEAK: "Customer", "from") count when no other word names one, and not
alone ("Who", "Lead", "Day", "Called?" stay for the person to choose; "Customer" and
"Client" alone are the name). A number word ("Contact no", "Contact number", "Job #") is
no name: beside "contact" it is the phone, else nothing. A header that starts by saying
no ("No email", "Do not call", "Don't phone") is the said-no column of its channel
(`said_no_headers`), never the address itself.
"""

from __future__ import annotations

import re

from .mapping import FIELD_WORDS, _key

# The words that name a field, from the one table of a field's words (`mapping.FIELD_WORDS`:
# those that are a header alone too, and those read only among words).
STRONG: dict[str, set[str]] = {f: alone | among for f, (alone, among) in FIELD_WORDS.items()}
WEAK: dict[str, set[str]] = {
    "name": {"customer", "client", "contact", "person", "lead", "who"},
    "value": {"deal", "quote"},
    "created_at": {"when", "day", "called"},
    "source": {"from"},
}
# A field beside these names the part: "Customer first name" is the first name.
_PARTS = {"first_name", "last_name", "company"}
FILLER = {
    *"the a an of by for to us you your did do where how what about job project and or".split(),
    "e",
}
# A number: a phone beside "contact", an id beside any other name word ("Customer #").
NUMBER = {"number", "no", "nr", "num"}
# WEAK words that name their field alone.
ALONE = {"customer", "client"}
# A header starting with these says no ("No email", "Do not call", "Don't phone"), and the
# channel it names is the said-no field of that channel.
_SAYS_NO_START = (["no"], ["do", "not"], ["don", "t"], ["dont"])
_CALLS = {"call", "calls", "calling", "text", "texts", "sms"}


def _words(header: str) -> list[str]:
    """A header's words as compared: "$" is money, "#" a number ("Ph#", "Job value ($)")."""
    marked = re.sub(r"[$€£]", " money ", header or "").replace("#", " number ")
    return _key(marked).split()


def _named(words: list[str], table: dict[str, set[str]]) -> set[str]:
    return {fname for fname, names in table.items() if names & set(words)}


def said_no_by_words(words: list[str]) -> str | None:
    """For a header that starts by saying no: its said-no field ("" when the channel it
    names is not known: left for the person to choose); None for any other header."""
    start = next((s for s in _SAYS_NO_START if words[: len(s)] == s), None)
    if start is None:
        return None
    rest = set(words[len(start) :]) - FILLER
    for fname, channel in (
        ("unsubscribed", STRONG["email"]),
        ("do_not_call", STRONG["phone"] | _CALLS),
        ("opted_out", {"contact", "contacting"}),
    ):
        if rest and rest <= channel:
            return fname
    return ""


def field_by_words(header: str) -> str:
    """The field a header's words name, or "" when a word is unknown or it names two."""
    words = _words(header)
    if words and (said := said_no_by_words(words)) is not None:
        return said
    known = set().union(*STRONG.values(), *WEAK.values(), FILLER, NUMBER)
    if not words or not set(words) <= known:
        return ""
    strong = _named(words, STRONG)
    if strong & _PARTS:
        strong -= {"name"}
    if NUMBER & set(words) and strong | _named(words, WEAK) <= {"name"}:
        return "phone" if "contact" in words else ""
    if not strong:
        if len(words) == 1 and words[0] not in ALONE:
            return ""  # "Who", "Lead", "Day", "Called?": for the person to choose
        strong = _named(words, WEAK)
    return next(iter(strong)) if len(strong) == 1 else ""
