"""A Source column's value read as one of our sources: our own code or label, or another
tool's name for it (HubSpot's "Organic Search", Pipedrive's "Web forms"): `map_source`, the
importer's rule, which the API's `source` follows too."""

from __future__ import annotations

import re
from functools import lru_cache

from .mapping import _key

# Source names in CRM exports -> ours (compared after _key()). HubSpot's "Original Source"
# values, Pipedrive's "Source channel" values and common hand-typed names. A single word
# that names a source alone and among others ("Google", "Google referral") is a word of
# SOURCE_WORDS, not repeated here ("google_ads", a code as written, is read by its name
# only). Our own codes and labels are read first (`map_source`). A value read by none of
# these is its own source.
SOURCE_NAMES: dict[str, str] = {
    # HubSpot
    "organic search": "web_form",
    "paid search": "web_form",
    "direct traffic": "web_form",
    "social media": "web_form",
    "organic social": "web_form",
    "paid social": "web_form",
    "email marketing": "web_form",
    "ai referrals": "web_form",
    "referrals": "referral",
    "offline sources": "import",
    "other campaigns": "import",
    # Pipedrive
    "web forms": "web_form",
    "chatbot": "web_form",
    "live chat": "web_form",
    "web visitors": "web_form",
    "campaigns": "web_form",
    "messaging inbox": "web_form",
    "prospector": "purchased_list",
    "manually created": "import",
    "import": "import",
    "api": "import",
    # common spellings
    "webform": "web_form",
    "contact form": "web_form",
    "google ads": "web_form",
    "phone call": "inbound_call",
    "called us": "inbound_call",
    "trade show": "event",
    "linkedin": "web_form",
    "email": "web_form",
    "word of mouth": "referral",
    "in person": "walk_in",
    "events": "event",
    "cold call": "cold_outreach",
    "cold email": "cold_outreach",
    "outbound": "cold_outreach",
    "bought list": "purchased_list",
    "list": "purchased_list",
}


# A source cell read by its words when the whole cell is none of the names above
# ("Called in", "referral - Bob Keller", "Home show booth"): a cell whose words point at
# one of our sources is that source (the cell kept in the notes, with the referrer's name);
# words pointing at two ("Google referral") or none ("yard sign", "Houzz") keep it, as a code
# in lower case ("google_referral", "yard_sign", "houzz").
SOURCE_WORDS: dict[str, set[str]] = {
    "referral": {"referral", "referred", "referrals", "recommended", "recommendation", "referal"},
    "inbound_call": {"called", "call", "phoned", "rang", "phone"},
    "walk_in": {"walk", "walked", "walkin", "showroom"},
    "web_form": {"website", "web", "online", "google", "facebook", "instagram", "form"},
    "event": {"show", "expo", "fair", "event", "booth", "tradeshow"},
}


def source_by_words(key: str) -> str:
    """Our source a folded source cell's words point at, or "" (none, or two)."""
    words = set(key.split())
    found = {code for code, names in SOURCE_WORDS.items() if names & words}
    if {"cold", "outbound"} & words:  # "cold call" is ours calling them
        return ""
    return next(iter(found)) if len(found) == 1 else ""


@lru_cache(maxsize=4096)  # a file's Source column holds a few values, read once each
def map_source(raw: str) -> tuple[str, bool]:
    """(our source code, whether it was translated) for a source cell: 'Organic Search' ->
    ('web_form', True); 'referral' -> ('referral', False); 'referral - Bob Keller' ->
    ('referral', True) (`source_by_words`); an unknown name -> its slug."""
    from fairchase.leads.models import SOURCES

    key = _key(raw)
    codes = {code for code, _ in SOURCES}
    slug = key.replace(" ", "_")
    if slug in codes or slug == "import":
        return slug, False
    labels = {_key(label): code for code, label in SOURCES}
    if key in labels:  # our own label ("Web form"): an export importing back
        return labels[key], False
    if key in SOURCE_NAMES:
        return SOURCE_NAMES[key], True
    # a code as stored ("trade_fair": a lead's own source, sent back or exported) stays
    if not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", raw.strip()) and (
        by_words := source_by_words(key)
    ):
        return by_words, True
    return slug, False
