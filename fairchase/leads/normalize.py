"""Normalised contact details: one spelling per person, so de-duplication and
suppression work however an address was typed."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import geocoder as pn_geocoder
from phonenumbers import timezone as pn_timezone

from .home import home_region
from .zone_names import ABBREVIATIONS, read_zone_name


class InvalidContact(ValueError):
    """A phone, email or time zone that cannot be used; the message says why."""


# What no XML file (an .xlsx, an email) may hold: C0 controls other than tab, newline and
# carriage return, unpaired surrogates, and the noncharacters U+FFFE and U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Also never meant as text: DEL, the C1 controls and the other Unicode noncharacters.
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
    + "]"
)


# The explicit direction controls (embeddings, overrides, isolates: U+202A-U+202E,
# U+2066-U+2069). Letters carry their own direction (an Arabic or Hebrew name shows right to
# left without them), and one left open in a name turns the text after it around wherever
# the name is shown: "just sent an enquiry ((312) 555-0130)" read backwards in an alert.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(raw: str | None) -> str:
    """Typed text as stored: without control characters (tab and line breaks kept),
    noncharacters or direction controls, which nobody types on purpose and which would break
    a later export or turn around the text shown after them. Not normalised otherwise: NFC
    would rewrite some CJK characters (U+F900 is stored as U+8C48), and text comes back
    from an export as it was typed; names are compared composed or not (`names.plain`)."""
    if raw is None or (raw.isascii() and raw.isprintable()):  # most text: nothing to take out
        return raw or ""
    return DIRECTION_CONTROLS.sub("", NOT_TEXT.sub("", raw))


# What shows nothing on a page: spaces of every kind (Zs, Zl, Zp), format characters (Cf:
# zero-width spaces and joiners, direction marks, a soft hyphen) and controls.
_INVISIBLE = {"Cf", "Cc", "Zs", "Zl", "Zp"}


def strip_invisible(text: str) -> str:
    """`text` without the invisible characters at either end (`str.strip` keeps a zero-width
    space): a name of only those ("\u200b\u200b") is blank, as one of only spaces is.
    Those between visible characters stay (a joiner inside a name or an emoji is meant)."""
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]) in _INVISIBLE:
        start += 1
    while end > start and unicodedata.category(text[end - 1]) in _INVISIBLE:
        end -= 1
    return text[start:end]


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


def email_or_blank(raw: str | None) -> str:
    """`normalize_email`, or "" for what is no address (a mail's sender, only compared)."""
    try:
        return normalize_email(raw)
    except InvalidContact:
        return ""


def outside_ascii_before_the_at(address: str) -> bool:
    """jürgen@müller.de: such an address can be written only in SMTPUTF8 (RFC 6531), which
    not every mail server offers; a domain outside ASCII alone (info@bücher.de) is punycoded
    for any server, so it is no trouble."""
    return not address.rpartition("@")[0].isascii()


def email_warning(address: str) -> str:
    """What to tell whoever stores this address ("" when nothing): every door that stores
    one (Add lead, the API, an import line) says it, so nobody learns it from a failed send."""
    if not address or not outside_ascii_before_the_at(address):
        return ""
    return (
        f"Email to {address} may not arrive: it has letters outside ASCII before the @, "
        "which only mail servers offering SMTPUTF8 take. If a message to it fails, ask them "
        "for another address."
    )


# A valid example (a hint must itself pass): 555-0100 to 0199 are fictional but valid numbers.
PHONE_EXAMPLE = "+1 312 555 0100"


@cache
def phone_example(region: str) -> str:
    """A number of `region` as a hint writes it, with its country code: the US's fictional
    one, another country's phonenumbers' example ("+49 30 123456")."""
    num = phonenumbers.example_number(region) if region != "US" else None
    if num is None:
        return PHONE_EXAMPLE
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@cache
def country_name(region: str) -> str:
    """'Germany' for DE (phonenumbers' English name), the code itself when it has none."""
    named = getattr(pn_geocoder, "_region_display_name", None)
    example = phonenumbers.example_number(region)
    name = named(region, "en") if named else ""
    if not name and example is not None:
        name = pn_geocoder.country_name_for_number(example, "en")
    return name or region


_Why = phonenumbers.ValidationResult
_LENGTH = {
    _Why.TOO_SHORT: "too few digits",
    _Why.TOO_LONG: "too many digits",
    _Why.INVALID_LENGTH: "the wrong number of digits",
}


def _phone_problem(raw: str, num: phonenumbers.PhoneNumber | None, region: str) -> str:
    """What is actually wrong with a number, in words: never "give its country code" to a
    number that has one. `region`: the country a number without one was read in."""
    explicit = raw.lstrip().startswith("+")
    if num is None:
        if explicit:
            return "Not a phone number: no known country code after the +."
        return "Not a phone number."
    why = phonenumbers.is_possible_number_with_reason(num)
    where = f"a +{num.country_code} number" if explicit else f"a number in {region}"
    if why in _LENGTH:
        problem = f"Not a valid phone number: {_LENGTH[why]} for {where}"
    elif num.country_code == 1:
        area = str(num.national_number)[:3]
        problem = f"Not a valid phone number: {area} is not an area code in use for {where}"
    else:
        problem = f"Not a valid phone number: no such area code or range for {where}"
    if explicit:
        return problem + "."
    return problem + f" (a number abroad needs its country code, e.g. {phone_example(region)})."


def normalize_phone(raw: str | None, region: str | None = None) -> str:
    """E.164 form ('' for empty); a number without +country is read as one of `region`,
    by default the business's home (`home.home_region`: Settings, else its time zone's
    country, PHONE_REGION over both). Raises InvalidContact saying what is wrong."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    region = region or home_region()
    try:
        num = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidContact(_phone_problem(raw, None, region)) from None
    if not phonenumbers.is_valid_number(num):
        raise InvalidContact(_phone_problem(raw, num, region))
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def _region(stored: str, home: str) -> str | None:
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(stored, home))
    except phonenumbers.NumberParseException:
        return None


_PREFIX_REGION: dict[str, str] = {}  # a home number's first digits -> their region


def _abroad(stored: str) -> phonenumbers.PhoneNumber | None:
    """A stored number of another country than the business's (`home.home_region`), parsed;
    None for a home number (told by its prefix, no parse: an import reads 100,000 of them)
    and for one that does not parse."""
    region = home_region()
    home = f"+{phonenumbers.country_code_for_region(region)}"
    # a prefix whose region is known: +1 and its area code (Canada and the Caribbean share
    # +1 with the US, each area code one region's), a few more digits for other codes
    prefix = stored[: len(home) + (3 if home == "+1" else 4)]
    if not stored or _PREFIX_REGION.get(prefix) == region:
        return None
    try:
        num = phonenumbers.parse(stored, region)
    except phonenumbers.NumberParseException:
        return None
    its = phonenumbers.region_code_for_number(num)
    if its and stored.startswith(home) and len(_PREFIX_REGION) < 100_000:
        _PREFIX_REGION[prefix] = its
    return num if its != region else None


def _zones(num: phonenumbers.PhoneNumber) -> list[str]:
    """Its zones (phonenumbers' per prefix) that this machine knows ('Etc/Unknown' is none)."""
    return [z for z in pn_timezone.time_zones_for_number(num) if z in _known_zones()]


@cache
def _known_zones() -> set[str]:
    return available_timezones()


def zone_for_phone(stored: str | None) -> str:
    """The time zone of a number abroad when its number says exactly one (+33 1 ...:
    Europe/Paris), else "". A home number says nothing: the business's own zone is the
    better guess for a local lead (a mobile keeps its area code when its owner moves)."""
    num = _abroad((stored or "").strip())
    zones = _zones(num) if num is not None else []
    return zones[0] if len(zones) == 1 else ""


def country_without_zone(stored: str | None) -> str:
    """The country of a number abroad whose zone cannot be told from it (several zones
    share its prefix): "Russia", for the lead page's hint; "" otherwise."""
    num = _abroad((stored or "").strip())
    if num is None or len(_zones(num)) == 1:
        return ""
    # a number valid in several regions of one code (+61: Australia, Christmas Island) has no
    # country name of its own: its first region's
    region = phonenumbers.region_code_for_number(num)
    named = getattr(pn_geocoder, "_region_display_name", lambda *_: "")
    return (
        pn_geocoder.country_name_for_number(num, "en") or named(region, "en") or "another country"
    )


def display_phone(stored: str | None, reader: str = "") -> str:
    """A stored E.164 number as people write it: "(312) 555-0100" at home, "+44 20 7946 0958"
    abroad (phonenumbers' national and international formats); home is the business's
    region, or that of `reader`'s number (who will read it: a lead abroad is given our
    number with its country code). Links (tel:) and storage keep E.164; anything that does
    not parse is shown as stored. Remembered: parsing costs ~30 µs and Today shows a number
    on every row (a function of its two strings and the home region only)."""
    stored = (stored or "").strip()
    return _display_phone(stored, reader, home_region()) if stored else ""


@lru_cache(maxsize=4096)
def _display_phone(stored: str, reader: str, region: str) -> str:
    try:
        num = phonenumbers.parse(stored, region)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(num):
        return stored
    home = (_region(reader, region) if reader else None) or region
    at_home = phonenumbers.region_code_for_number(num) == home
    style = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(num, style.NATIONAL if at_home else style.INTERNATIONAL)


_ZONES: set[str] | None = None
_AREAS = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/")
_AREAS += ("Indian/", "Pacific/")


@cache
def zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country code from zone.tab (the system's or the tzdata package's):
    the canonical Area/City zones, one reading shared by the zone menus and the importer."""
    candidates = [Path("/usr/share/zoneinfo/zone.tab")]
    try:
        candidates.append(Path(str(resources.files("tzdata") / "zoneinfo" / "zone.tab")))
    except ModuleNotFoundError:
        pass
    for path in candidates:
        if path.exists():
            rows = (line.split("\t") for line in path.read_text().splitlines())
            return {r[2]: r[0] for r in rows if len(r) >= 3 and not r[0].startswith("#")}
    return {}


@cache
def canonical_zones() -> list[str]:
    """The zones a person picks from: canonical Area/City names (zone.tab) plus UTC, sorted.
    Legacy aliases ("GB-Eire", "W-SU", "Japan") and oddities ("Factory") stay valid to
    store, they are just not offered."""
    known = available_timezones()
    # no zone.tab: the Area/City names, which still hold a few old spellings
    names = set(zone_countries()) or {z for z in known if z.startswith(_AREAS)}
    return sorted((names & known) | {"UTC"})


# The one rule for zone names people and other tools write. US CRMs export "EST", "PST":
# IANA keeps EST, MST and HST as fixed offsets (and EST5EDT as an old rule), so "EST" would
# be an hour off all summer for a New York contact. Each is read as the region it means,
# with a note. MST is Denver, which keeps summer time; Arizona, which does not, is Phoenix.
# (HST is Honolulu's own clock, so it is only renamed, below.)
US_ZONES = {
    "America/New_York": ("EST", "EDT", "EST5EDT"),
    "America/Chicago": ("CST", "CDT", "CST6CDT"),
    "America/Denver": ("MST", "MDT", "MST7MDT"),
    "America/Los_Angeles": ("PST", "PDT", "PST8PDT"),
    "America/Anchorage": ("AKST", "AKDT"),
}
US_ABBREVIATIONS = {name: zone for zone, names in US_ZONES.items() for name in names}
# Old names of the same clock, stored under the name the zone menus offer.
RENAMED = {
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "US/Arizona": "America/Phoenix",
    "US/Alaska": "America/Anchorage",
    "US/Hawaii": "Pacific/Honolulu",
    "HST": "Pacific/Honolulu",  # Hawaii keeps standard time all year: the same clock
    "Europe/Kiev": "Europe/Kyiv",
    "Europe/Uzhgorod": "Europe/Kyiv",
    "Europe/Zaporozhye": "Europe/Kyiv",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "America/Godthab": "America/Nuuk",
    "Atlantic/Faeroe": "Atlantic/Faroe",
}
_FIXED_OFFSET = re.compile(r"Etc/GMT[+-]0*[1-9]\d*")


def valid_zone(name: str) -> None:
    """The model's check on a stored zone ('' or a zone `ZoneInfo` loads): every editor, the
    admin's included, refuses a name that would make each message to its reader fail
    (review24 F25: one in /admin/ stopped the worker's automatic messages). Reading "EST" or
    a Windows name as its region is `normalize_timezone`'s, at the doors and the actions."""
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    if name and name not in _ZONES:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            "Unknown time zone %(name)r: use an IANA name like America/Chicago.",
            params={"name": name},
        )


def normalize_timezone(raw: str | None, notes: list[str] | None = None) -> str:
    """A valid IANA zone name ('' for empty = the business's zone). A US abbreviation
    (EST, PST, EST5EDT) is read as its region, with a line in `notes` saying so, as are a
    Windows name, a "(GMT+05:30) Kolkata" label and an abbreviation elsewhere (IST, AEST,
    CET: `zone_names`); an old city name as today's; a fixed offset (Etc/GMT+5) is refused.
    Raises InvalidContact."""
    global _ZONES
    raw = (raw or "").strip()
    if not raw:
        return ""
    if _ZONES is None:
        _ZONES = available_timezones()
    region = US_ABBREVIATIONS.get(raw.upper())
    if region and region in _ZONES:
        if notes is not None:
            notes.append(_read_as(raw, region))
        return region
    if RENAMED.get(raw) in _ZONES:
        return RENAMED[raw]
    if raw not in _ZONES or raw.upper() in ABBREVIATIONS:  # IANA's own CET is Brussels' rule
        read = read_zone_name(raw, frozenset(_ZONES), RENAMED)
        if read and not _FIXED_OFFSET.fullmatch(read[0]):  # Windows' "UTC-02" is Etc/GMT+2
            if notes is not None:
                notes.append(f"timezone: {read[1]}")
            return read[0]
    if raw not in _ZONES:
        raise InvalidContact(f"Unknown time zone {raw!r}: use an IANA name like America/Chicago.")
    if _FIXED_OFFSET.fullmatch(raw):
        raise InvalidContact(
            f"Time zone {raw!r} is a fixed offset without summer time (and its sign is "
            "inverted: Etc/GMT+5 is UTC-5): use the place's name, like America/Chicago."
        )
    ZoneInfo(raw)
    return raw


def _read_as(raw: str, region: str) -> str:
    note = f"timezone: {raw!r} read as {region}, the US region it names, with its summer time"
    if region == "America/Denver":
        note += "; Arizona, which keeps standard time all year, is America/Phoenix: check it"
    return note + "."
