"""One spreadsheet row -> the fields of a lead, or a RowError saying why not."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

import phonenumbers
from dateutil import parser as dateparser
from django.utils import timezone

from fairchase.leads.models import CONSENTS, GOOD_SIGNALS, POOR_SIGNALS
from fairchase.leads.normalize import (
    InvalidContact,
    normalize_email,
    normalize_phone,
    normalize_timezone,
)

from .reading import FORMULA_TRIGGERS

KNOWN_CONSENTS = {c for c, _ in CONSENTS}
KNOWN_SIGNALS = {s for s, _ in GOOD_SIGNALS + POOR_SIGNALS}
MAX_VALUE = Decimal("9999999999")
LIMITS = {"name": 200, "company": 200, "source": 64}


# Plain ASCII addresses take a fast path (email_validator costs ~0.1 ms a call, which
# matters at 100,000 rows); anything unusual goes through normalize_email itself.
_SIMPLE_EMAIL = re.compile(
    r"^[a-z0-9]+(?:[._+-][a-z0-9]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})$")
_SPECIAL_TLDS = {"arpa", "invalid", "local", "localhost", "onion", "test"}


def fast_normalize_email(raw: str) -> str:
    """Same result as normalize_email, faster for ordinary addresses. Raises InvalidContact."""
    text = raw.strip()
    lowered = text.lower()
    if len(lowered) <= 254:
        m = _SIMPLE_EMAIL.match(lowered)
        if m and m.group(1) not in _SPECIAL_TLDS and len(lowered.split("@")[0]) <= 64:
            return lowered
    return normalize_email(text)


# "+1 212 555 0123" (what most CRMs export) skips phonenumbers.parse: for a "+1" number
# whose area code starts 2-9, parse gives exactly country code 1 and these ten digits.
# Validity is still decided by phonenumbers.is_valid_number; anything else goes through
# normalize_phone itself.
_NANP_E164 = re.compile(r"\+1[ -]?([2-9][0-9][0-9])[ -]?([0-9]{3})[ -]?([0-9]{4})")
# is_valid_number resolves the region (trying "US" first, by full pattern match) and then
# matches again for that region; a number valid for "US" is therefore valid, and checking
# just that halves the work. Only while "US" comes first for +1 and has no leading digits.
_US_FIRST = (phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(1, ())[:1] == ("US",)
             and phonenumbers.PhoneMetadata.metadata_for_region("US").leading_digits is None)


def fast_normalize_phone(raw: str) -> str:
    """Same result (and errors) as normalize_phone, faster for +1 numbers. Raises InvalidContact."""
    m = _NANP_E164.fullmatch(raw.strip())
    if m:
        digits = "".join(m.groups())
        num = phonenumbers.PhoneNumber(country_code=1, national_number=int(digits))
        if (_US_FIRST and phonenumbers.is_valid_number_for_region(num, "US")) or phonenumbers.is_valid_number(num):
            return "+1" + digits
    return normalize_phone(raw)


class RowError(ValueError):
    """This row cannot be imported; the message names the column and the problem."""


def unneutralise(text: str) -> str:
    """Undo the apostrophe our exports put before formula triggers ("'=x" -> "=x")."""
    if len(text) > 1 and text[0] == "'" and text.lstrip("'")[:1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


_SEPARATORS = re.compile(r"[\s,;|]+")
_NOT_NUMBER = re.compile(r"[^0-9.\-]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
CENT = Decimal("0.01")


def _split(text: str) -> list[str]:
    return [t for t in _SEPARATORS.split(text.lower()) if t]


def parse_value(text: str) -> Decimal | None:
    """'$1,200.50' -> Decimal('1200.50'); '' -> None."""
    cleaned = _NOT_NUMBER.sub("", text.replace(",", ""))
    if not cleaned:
        if text.strip():
            raise RowError(f"value: {text[:40]!r} is not a number.")
        return None
    try:
        value = Decimal(cleaned).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise RowError(f"value: {text[:40]!r} is not a number.") from None
    if not (0 <= value <= MAX_VALUE):
        raise RowError(f"value: {text[:40]!r} is out of range (0 to {MAX_VALUE:,}).")
    return value


def parse_when(text: str) -> datetime:
    """An enquiry date in any common spelling; naive times are taken as UTC."""
    try:
        when = dateparser.parse(text)
    except (ValueError, OverflowError, TypeError):
        raise RowError(f"created_at: {text[:40]!r} is not a date.") from None
    if when is None:
        raise RowError(f"created_at: {text[:40]!r} is not a date.")
    if timezone.is_naive(when):
        when = when.replace(tzinfo=UTC)
    if when.year < 1970 or when > timezone.now() + timezone.timedelta(days=1):
        raise RowError(f"created_at: {text[:40]!r} is not a plausible enquiry date.")
    return when


def first_phone(text: str) -> str:
    # Google Contacts joins several numbers with " ::: "; "tel:" comes from our calendar links.
    text = text.split(":::")[0].strip()
    return text[4:] if text.lower().startswith("tel:") else text


def parse_row(cells: list[str], mapping: list[str], default_source: str) -> dict:
    """The lead fields in this row (only those present). Raises RowError."""
    raw: dict[str, str] = {}
    for fname, cell in zip(mapping, cells, strict=False):
        if fname and not raw.get(fname, "").strip():  # first non-empty column wins
            raw[fname] = unneutralise(cell)
    got = {k: v.strip() for k, v in raw.items() if k != "notes"}
    out: dict = {}
    try:
        out["email"] = fast_normalize_email(got.get("email", "").split(":::")[0])
    except InvalidContact as exc:
        raise RowError(f"email: {exc}") from None
    try:
        out["phone"] = fast_normalize_phone(first_phone(got.get("phone", "")))
    except InvalidContact as exc:
        raise RowError(f"phone: {exc}") from None
    name = got.get("name") or " ".join(p for p in (got.get("first_name"), got.get("last_name")) if p)
    name = " ".join(name.split())
    if not name:
        name = out["email"] or out["phone"]
    if not name:
        raise RowError("No name, email or phone: nothing to identify the lead by.")
    out["name"] = name
    if got.get("company"):
        out["company"] = " ".join(got["company"].split())
    if got.get("source"):
        out["source"] = _NOT_SLUG.sub("_", got["source"].lower()).strip("_") or default_source
    if got.get("value"):
        out["value"] = parse_value(got["value"])
    if got.get("timezone"):
        try:
            out["timezone"] = normalize_timezone(got["timezone"])
        except InvalidContact as exc:
            raise RowError(f"timezone: {exc}") from None
    if got.get("created_at"):
        out["created_at"] = parse_when(got["created_at"])
    if raw.get("notes", "").strip():
        out["notes"] = raw["notes"]
    if got.get("consents"):
        out["consents"] = sorted(set(_split(got["consents"])) & KNOWN_CONSENTS)
    if got.get("signals"):
        out["signals"] = sorted(set(_split(got["signals"])) & KNOWN_SIGNALS)
    for fname, limit in LIMITS.items():
        if len(out.get(fname, "")) > limit:
            raise RowError(f"{fname}: longer than {limit} characters.")
    if not out["email"]:
        del out["email"]
    if not out["phone"]:
        del out["phone"]
    return out
