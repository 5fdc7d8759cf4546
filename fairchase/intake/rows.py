"""One spreadsheet row -> the fields of a lead, or a RowError saying why not."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from email.utils import getaddresses
from functools import partial

import phonenumbers
from dateutil import parser as dateparser
from django.conf import settings
from django.utils import timezone

from fairchase import currency
from fairchase.leads.home import home
from fairchase.leads.models import CONSENTS, GOOD_SIGNALS, POOR_SIGNALS
from fairchase.leads.normalize import (
    InvalidContact,
    clean_text,
    email_warning,
    normalize_timezone,
    strip_invisible,
    zone_countries,
)

from .date_cells import (
    NOON,
    bare_date,
    gives_day_and_month,
    most_recent,
    other_date,
    without_year,
)
from .fast_contacts import fast_normalize_email, fast_normalize_phone
from .name_cell import address_in_name
from .reading import FORMULA_TRIGGERS
from .said_no import SAYS_NO, said_no_cells, says_more
from .sources import map_source

MAX_VALUE = Decimal("9999999999")
LIMITS = {"name": 200, "company": 200, "source": 64}


# The lines an import adds to a lead's notes (below): never the enquirer's own words.
IMPORT_NOTE = re.compile(
    r"(?:Source|Value|Phone extension) in the imported file: |Unreadable \w+ in the imported file: "
    r"|Other (?:email|phone): "
)


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


_LIST_SEPARATORS = re.compile(r"[,;|]+")


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("_", text.lower()).strip("_")


def codes_named(text: str, choices: list[tuple[str, str]]) -> list[str]:
    """The codes a cell names, each by its code or its label, separated by , ; or |
    ("Asked about price; Kept a promise", as we export them); codes may also be separated
    by spaces ("asked_price kept_promise"). Anything else in the cell is left out."""
    known = {_slug(code): code for code, _ in choices} | {
        _slug(label): code for code, label in choices
    }
    found = set()
    for piece in _LIST_SEPARATORS.split(text):
        if _slug(piece) in known:
            found.add(known[_slug(piece)])
        else:
            found.update(known[word] for word in _split(piece) if word in known)
    return sorted(found)


# A value in another currency than the business's (Settings) is kept in the notes as
# written, never silently counted as the business's own.
_SIGNS = "$€£¥₹₩₺₴₪₦₱฿₫"
_CURRENCY = re.compile(
    rf"^(?P<code>[A-Za-z]{{3}}\s*)?(?P<sym>[{_SIGNS}])?\s*|\s*(?P<code2>[A-Za-z]{{3}}|[{_SIGNS}])$"
)
_SUFFIX = {"k": Decimal(1000), "m": Decimal(1000000)}


class OtherCurrency(RowError):
    """A value in a currency other than the business's: kept in the notes, not converted."""


def _currency_of(text: str, ours: str) -> str:
    """The currency a value cell names ("USD", "EUR"), or "" when it names none. A bare "$"
    is the business's own dollar when it keeps its books in one (CA$, A$: a Toronto file
    writes "$"), else the US dollar."""
    found, signs = "", currency.signs()
    for m in _CURRENCY.finditer(text):
        for part in (m.group("code"), m.group("sym"), m.group("code2")):
            part = (part or "").strip()
            if part == "$" and currency.sign(ours).endswith("$"):
                found = ours
            elif part:
                found = signs.get(part, part.upper())
    return found


# A number as written: "1,200.50" (a comma grouping thousands, a dot before the decimals)
# or, where a comma is the decimal mark, "1.200,50". A separator that does not group three
# digits is not a grouping one: "1,5" is not fifteen.
_DOT_DECIMAL = re.compile(r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<dec>\.[0-9]+)?")
_COMMA_DECIMAL = re.compile(r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?P<dec>,[0-9]+)?")


def _readings(text: str, comma_decimal: bool) -> set[Decimal]:
    """The numbers `text` may write: none, one, or two (with `comma_decimal`, "1.200" is
    1200 or 1.2)."""
    readings = set()
    patterns = [(_DOT_DECIMAL, ",")] + ([(_COMMA_DECIMAL, ".")] if comma_decimal else [])
    for pattern, group in patterns:
        if m := pattern.fullmatch(text):
            whole, decimals = m.group("int").replace(group, ""), m.group("dec") or ""
            readings.add(Decimal(whole + decimals.replace(",", ".")))
    return readings


def parse_value(text: str, comma_decimal: bool = False) -> Decimal | None:
    """'$1,200.50' -> Decimal('1200.50'); 'USD 900', '900 $' -> 900; '$1.2k' -> 1200,
    '3k' -> 3000, '2m' -> 2,000,000; '' -> None. With `comma_decimal` (a business that
    writes dates day first, as most that write "1.200,50" do) '1.200,50' -> 1200.50 too,
    and a value both ways could read ('1.200') is refused. A value in another currency
    (not Settings' currency: '€800' for a dollar business) raises OtherCurrency; anything else (a formula, a range, words, '1,5k' where
    a comma groups thousands) is refused: a guessed value would mislead."""
    stripped = text.strip()
    if not stripped:
        return None
    ours = home().currency
    written_in = _currency_of(stripped, ours)
    cleaned = _CURRENCY.sub("", stripped).replace(" ", "").replace("\u00a0", "")
    factor = Decimal(1)
    if cleaned[-1:].lower() in _SUFFIX:
        factor, cleaned = _SUFFIX[cleaned[-1].lower()], cleaned[:-1]
    if cleaned[:1] in ("-", "\u2212") and _readings(cleaned[1:], comma_decimal):
        raise RowError(f"value: {text[:40]!r} must not be negative.")
    readings = _readings(cleaned, comma_decimal)
    if len(readings) > 1:
        a, b = sorted(readings)
        raise RowError(
            f"value: {text[:40]!r} could be {a.normalize():f} or {b.normalize():f}: write it without a thousands mark."
        )
    if not readings:
        hint = " (a comma there groups thousands, as in 1,200.50)" if "," in cleaned else ""
        raise RowError(f"value: {text[:40]!r} is not a number{hint}.")
    [number] = readings
    if written_in and written_in != ours:
        raise OtherCurrency(
            f"value: {text[:40]!r} is in {written_in}, not {ours}: kept in the notes, "
            f"not converted."
        )
    try:
        value = (Decimal(number) * factor).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise RowError(f"value: {text[:40]!r} is not a number.") from None
    if not (0 <= value <= MAX_VALUE):
        raise RowError(f"value: {text[:40]!r} is out of range (0 to {MAX_VALUE:,}).")
    return value


# Dotted dates ("03.12.2026") are day first wherever they are written; a slashed or dashed
# one ("03/12/2026") is ambiguous when both numbers could be the month: it follows the
# business's convention (month first where that is the custom) and the report says so.
_DOTTED = re.compile(r"\s*\d{1,2}\.\d{1,2}\.\d{2,4}(?![\d.])")
_SLASHED = re.compile(r"\s*(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}(?![\d/-])")
MONTH_FIRST = {"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW", "BZ", "CA"}


def month_first(zone) -> bool:
    """Whether the business writes dates month first: the custom of its time zone's country
    (America/Chicago: yes; Europe/Berlin: no), else of the site's language ("en-us")."""
    country = zone_countries().get(getattr(zone, "key", str(zone)), "")
    if not country:
        country = settings.LANGUAGE_CODE.partition("-")[2].upper()
    return country in MONTH_FIRST


def _day_month(when: datetime) -> str:
    return f"{when.day} {when:%B}"


def parse_when(text: str, zone=UTC, doubts: list[str] | None = None) -> datetime:
    """An enquiry date in any common spelling; a time without a zone is read in `zone`
    (the business's: what a spreadsheet of local times means). A date without a time is
    noon that day, or now for today (we do not know the hour: never "waiting 18 h").
    Dotted dates are day first; an ambiguous slashed one follows the business's convention,
    with a line in `doubts` saying how it was read."""
    dayfirst = False
    slashed = _SLASHED.match(text)
    if _DOTTED.match(text):
        dayfirst = True
    elif slashed:
        dayfirst = not month_first(zone)
    bare = None  # dateutil's reading: whether it gave no time is asked only for today
    try:
        when = dateparser.parse(text, default=NOON, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        # an Excel serial, a month named in German, French, Spanish...
        if (other := other_date(text)) is None:
            raise RowError(f"enquiry date: {text[:40]!r} is not a date.") from None
        when, bare, said = other
        when = when.replace(hour=12, minute=0) if bare else when
        if said and doubts is not None:
            doubts.append(said)
    if timezone.is_naive(when):
        when = when.replace(tzinfo=zone)
    now = timezone.now()
    if without_year(text, when, dayfirst):  # "4/11": the latest such day, not year 2000
        if not gives_day_and_month(text, dayfirst):  # "Monday", "14:30", "5", "May"
            raise RowError(f"enquiry date: {text[:40]!r} is not a date.")
        timed = not (bare if bare is not None else bare_date(text, when, dayfirst))
        when = most_recent(when, now, timed)
        if doubts is not None:
            doubts.append(
                f"enquiry date: {text[:40]!r} has no year: read as {_day_month(when)} "
                f"{when.year}, the latest such day before the import."
            )
    if when.date() == now.astimezone(when.tzinfo).date() and (
        bare if bare is not None else bare_date(text, when, dayfirst)
    ):
        when = now
    if when.year < 1970 or when > now + timezone.timedelta(days=1):
        raise RowError(f"enquiry date: {text[:40]!r} is not a plausible enquiry date.")
    if slashed and doubts is not None:
        a, b = (int(g) for g in slashed.groups())
        if a != b and a <= 12 and b <= 12:
            other = when.replace(month=when.day, day=when.month)
            order = "day first" if dayfirst else "month first"
            doubts.append(
                f"enquiry date: {text[:40]!r} could be {_day_month(when)} or "
                f"{_day_month(other)}; read as {_day_month(when)} {when.year} "
                f"({order}, the business's convention): check it."
            )
    return when


# Several values in one cell: Google Contacts joins them with " ::: "; people type "; " (and,
# between email addresses, which never hold one, ", ").
_SPLIT = {"email": re.compile(r":::|[;,]"), "phone": re.compile(r":::|;")}


def _values(text: str, what: str = "") -> list[str]:
    """The values of a cell ("a@x ::: b@y", "jose@x; jnunez@y")."""
    out = []
    for part in _SPLIT[what].split(text) if what in _SPLIT else text.split(":::"):
        part = part.strip()
        if part.lower().startswith(("tel:", "mailto:")):
            part = part.split(":", 1)[1].strip()
        if part:
            out.append(part)
    return out


def _first_valid(
    values: list[str], normalize, what: str, problems: list[str], extra: list[str]
) -> str:
    """The first of a (possibly multi-value) cell's values that normalises; the rest that do
    go to `extra` ("Other phone: ..."), the ones that do not to `problems` and, as written,
    to `extra` too (a typo in the only address is still there to fix by hand), as does a
    phone number's extension, which no stored number holds."""
    found = ""
    for raw in values:
        try:
            value = normalize(raw)
        except InvalidContact as exc:
            problems.append(f"{what} {raw[:60]!r} left out: {exc}")
            extra.append(f"Unreadable {what} in the imported file: {raw[:200]}")
            continue
        if what == "phone" and (extension := phone_extension(raw)):
            problems.append(
                f"phone {raw[:60]!r}: the extension ({extension}) is not part of a stored "
                "number: kept in the notes."
            )
            extra.append(f"Phone extension in the imported file: {raw[:200]}")
        if not found:
            found = value
        elif value != found:
            extra.append(f"Other {what}: {value}")
    return found


def _email_values(text: str) -> list[tuple[str, str]]:
    """(Name, address) of each address of an email cell; an address written as a mail
    program writes it ("Ann Stone <ann@example.com>", '"Stone, Ann" <ann@example.com>')
    is read by `email.utils.getaddresses`, with the name written beside it."""
    if "<" not in text:
        return [("", value) for value in _values(text, "email")]
    parts = [p for p in re.split(r":::|;", text) if p.strip()]
    found = getaddresses(parts)
    if not found or not all(address for _, address in found):  # not such a list: as written
        return [("", value) for value in _values(text, "email")]
    return [(" ".join(name.split()), address) for name, address in found]


def phone_extension(raw: str) -> str:
    """The extension a phone number is written with ("312-555-0199 ext 4": "4"), read by
    phonenumbers; "" without one (a number of digits and punctuation has none)."""
    if not any(c.isalpha() or c in "#," for c in raw):
        return ""
    try:
        return phonenumbers.parse(raw, home().region).extension or ""
    except phonenumbers.NumberParseException:
        return ""


def row_name(cells: list[str], mapping: list[str]) -> str:
    """The person a row is about, as well as the cells say (for reporting a bad row)."""
    got: dict[str, str] = {}
    for fname, cell in zip(mapping, cells, strict=False):
        if fname and not got.get(fname):
            got[fname] = " ".join(unneutralise(clean_text(cell)).split())
    name = got.get("name") or " ".join(
        p for p in (got.get("first_name"), got.get("last_name")) if p
    )
    return (name or got.get("email") or got.get("phone") or "")[:80]


def parse_row(
    cells: list[str],
    mapping: list[str],
    default_source: str,
    problems: list[str] | None = None,
    zone=UTC,
) -> dict:
    """The lead fields in this row (only those present).

    With `problems` (a list), a bad cell is left out and its problem appended there, so
    the person still comes in; only a row with nothing to know the person by raises
    RowError. Without it, the first problem raises RowError. Cells are read as every other
    door stores typed text (`normalize.clean_text`: no control character or noncharacter),
    so a row's name is the name a lead keeps, and importing it again changes nothing."""
    strict = problems is None
    problems = [] if problems is None else problems
    raw: dict[str, str] = {}
    for fname, cell in zip(mapping, cells, strict=False):
        # the first non-empty column wins; of said-no columns, the first saying the most
        earlier = raw.get(fname, "")
        if fname and (not earlier.strip() or fname in SAYS_NO and says_more(fname, cell, earlier)):
            raw[fname] = unneutralise(clean_text(cell))
    got = {k: v.strip() for k, v in raw.items() if k != "notes"}
    extra: list[str] = []  # lines added to the notes: a second address, the CRM's source
    doubts: list[str] = []  # read, but worth a look: an ambiguous date
    out = _who(got, problems, extra)
    if said := email_warning(out["email"]):  # stored, but every email to it may fail
        doubts.append(said)
    out.update(_details(got, default_source, zone, problems, extra, doubts))
    notes = "\n".join(
        line for line in [raw.get("notes", "").strip() and raw["notes"], *extra] if line
    )
    if notes:
        out["notes"] = notes
    if got.get("owner"):  # a user's username or email: the importer finds who (or refuses the row)
        out["owner"] = " ".join(got["owner"].split())[:254]
    out.update(said_no_cells(got, problems))
    for fname, limit in LIMITS.items():
        if len(out.get(fname, "")) > limit:
            problems.append(f"{fname}: longer than {limit} characters; cut to {limit}.")
            out[fname] = out[fname][:limit]
    if strict and problems:
        raise RowError(problems[0])
    problems.extend(doubts)
    return {k: v for k, v in out.items() if k not in ("email", "phone") or v}


def _who(got: dict[str, str], problems: list[str], extra: list[str]) -> dict:
    """Who the row is: email, phone (the first valid of several), name and company; a row
    without a name is named as its address was written ("Ann Stone <ann@example.com>"); an
    address typed in the Name cell is the email (`name_cell.address_in_name`).
    Raises RowError when nothing names the person."""
    emails = _email_values(got.get("email", ""))
    phones = _values(got.get("phone", ""), "phone")
    out: dict = {
        "email": _first_valid(
            [a for _, a in emails], fast_normalize_email, "email", problems, extra
        ),
        "phone": _first_valid(phones, fast_normalize_phone, "phone", problems, extra),
    }
    # an address typed in the Name cell ("Nora Ash <nora@example.com>") is the row's email
    named, out["email"] = address_in_name(got.get("name", ""), out["email"], problems, extra)
    name = (
        named
        or " ".join(p for p in (got.get("first_name"), got.get("last_name")) if p)
        or next((n for n, a in emails if n and a.strip().lower() == out["email"]), "")
    )
    # a name of only invisible characters (zero-width spaces) is no name, as in the app
    out["name"] = strip_invisible(" ".join(name.split())) or out["email"] or out["phone"]
    if not out["name"]:
        problems.append("No name, email or phone: nothing to identify the lead by.")
        raise RowError("; ".join(problems))
    if got.get("company"):
        out["company"] = " ".join(" ".join(_values(got["company"])[:1]).split())
    return out


# A cell that cannot be read is left out with this problem; the person still comes in.
_LEFT_OUT = {
    "value": "{exc} The value was left out.",
    "timezone": "timezone: {exc} The time zone was left out.",
    "created_at": "{exc} The enquiry date was left out.",
}


def _details(
    got: dict[str, str], default_source: str, zone, problems: list[str], extra, doubts: list[str]
) -> dict:
    """What else the row says: source, value, time zone, enquiry date, our id, consents, signals."""
    out: dict = {}
    if got.get("source"):
        source, translated = map_source(got["source"])
        out["source"] = source or default_source
        if translated:
            extra.append(f"Source in the imported file: {' '.join(got['source'].split())[:80]}")
    readers = {
        "value": partial(parse_value, comma_decimal=not month_first(zone)),
        "timezone": partial(normalize_timezone, notes=doubts),
        "created_at": partial(parse_when, zone=zone, doubts=doubts),
    }
    for fname, read in readers.items():
        if got.get(fname):
            try:
                out[fname] = read(got[fname])
            except OtherCurrency as exc:
                problems.append(str(exc))
                extra.append(f"Value in the imported file: {' '.join(got[fname].split())[:80]}")
            except (RowError, InvalidContact) as exc:
                problems.append(_LEFT_OUT[fname].format(exc=exc))
    if got.get("id"):
        try:
            out["id"] = int(got["id"])
        except ValueError:
            pass  # not one of our ids: ignored
    if got.get("consents"):
        out["consents"] = codes_named(got["consents"], CONSENTS)
    if got.get("signals"):
        out["signals"] = codes_named(got["signals"], GOOD_SIGNALS + POOR_SIGNALS)
    return out
