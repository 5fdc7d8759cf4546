"""Normalised contact details: one spelling per person, so de-duplication and
suppression work however an address was typed."""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo, available_timezones

import phonenumbers
from email_validator import EmailNotValidError, validate_email

DEFAULT_REGION = os.environ.get("PHONE_REGION", "US")


class InvalidContact(ValueError):
    """A phone, email or time zone that cannot be used; the message says why."""


def normalize_email(raw: str | None) -> str:
    """Lower-cased, validated address ('' for empty). Raises InvalidContact."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        info = validate_email(raw, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidContact(str(exc)) from None
    return info.normalized.lower()


def normalize_phone(raw: str | None, region: str | None = None) -> str:
    """E.164 form ('' for empty). Raises InvalidContact."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    unreadable = "Not a phone number we can dial (give its country code, e.g. +1 555 123 4567)."
    try:
        num = phonenumbers.parse(raw, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise InvalidContact(unreadable) from None
    if not phonenumbers.is_valid_number(num):
        raise InvalidContact(unreadable)
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


_ZONES: set[str] | None = None


def normalize_timezone(raw: str | None) -> str:
    """A valid IANA zone name ('' for empty = the business's zone). Raises InvalidContact."""
    global _ZONES
    raw = (raw or "").strip()
    if not raw:
        return ""
    if _ZONES is None:
        _ZONES = available_timezones()
    if raw not in _ZONES:
        raise InvalidContact(f"Unknown time zone {raw!r}: use an IANA name like America/Chicago.")
    ZoneInfo(raw)
    return raw
