"""Which column holds what: detect the exports of HubSpot, Pipedrive, Google Contacts,
Mailchimp and a plain generic header, and map each column to a lead field.

A mapping is a list, one entry per column: a field name from FIELDS or "" (ignored).
The web UI shows it for adjustment before anything is imported.
"""

from __future__ import annotations

import re
import unicodedata

from .header_aliases import KIND_OF_ADDRESS, OUTLOOK_ALIASES
from .said_no_headers import SAYS_NO_ALIASES, SAYS_NO_FIELDS, speaks_of_saying_no

FIELDS = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "company": "Company",
    "email": "Email",
    "phone": "Phone",
    "source": "Source",
    "value": "Deal value",
    "timezone": "Time zone",
    "created_at": "Enquiry date",
    "notes": "Notes",
    "consents": "Consents",
    "signals": "Signals",
    "id": "Fairchase ID",
    "owner": "Owner (username or email)",
    "status": "Status (a new lead keeps Won, Lost, Closed...; Opted out: never contacted)",
    "not_to_contact": "Not to be contacted (Email; Phone)",
    "opted_out": "Opted out / do not contact (yes: never contacted)",
    "unsubscribed": "Unsubscribed from email (yes: never emailed)",
    "do_not_call": "Do not call (yes: never called or texted)",
    "email_status": "Email status (unsubscribed, cleaned, bounced...: never emailed)",
}
# Columns read only in our own export's header (its preset): another tool's "Status" means
# something else, and nobody else writes "Not to be contacted".
OUR_EXPORT_ONLY = {"status": "status", "not to be contacted": "not_to_contact"}


def _key(header: str) -> str:
    # "Enquiry date (Europe/London)": our exports name a time column's zone; the name is the field
    header = re.sub(r"\s*\([A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)*\)\s*$", "", header or "")
    # accents and case folded: "Téléphone", "TELEFONO" and "Straße" read as typed plainly
    bare = "".join(c for c in unicodedata.normalize("NFKD", header) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", bare.casefold()).strip()


def folded(text: str) -> str:
    """A cell or header as it is compared: accents, case and punctuation aside ("Sí" is "si")."""
    return _key(text)


# The English words that name a field, in one place (compared after _key()), as a pair:
# the words that are a whole header too, in ALIASES ("Phone", and "Customer phone" by its
# words: `header_words`), and the words read only among a header's words or as a guess
# after every alias has taken its column ("Ph", "Job value ($)"). A word added to the first
# set takes its column ahead of a guess; to the second, only when no header names the field.
FIELD_WORDS: dict[str, tuple[set[str], set[str]]] = {
    "name": ({"name"}, {"fullname"}),
    "first_name": ({"first", "firstname"}, {"given"}),
    "last_name": ({"last", "lastname", "surname"}, {"family"}),
    "company": ({"company", "business", "organisation", "organization"}, {"firm", "employer"}),
    "email": ({"email", "mail"}, {"emails"}),
    "phone": ({"phone", "tel", "telephone", "mobile", "cell"}, {"ph", "cellphone", "phones"}),
    "value": (
        {"value", "amount"},
        {"budget", "money", "estimate", "price", "revenue", "worth"},
    ),
    # "Enquiry" alone is the message (ALIASES' notes), beside "date" it is when ("Enquiry date")
    "created_at": ({"date", "created"}, {"received", "enquiry", "inquiry", "enquired"}),
    "source": ({"source", "channel", "origin"}, {"heard", "hear", "found"}),
    "notes": ({"notes", "note", "comments", "comment"}, {"remarks", "remark", "details", "memo"}),
}

# Header aliases per field, compared after _key(); the first column to match a field wins.
# Each list: English (its single words in FIELD_WORDS), then German (de), French (fr) and
# Spanish (es), accents folded.
ALIASES: dict[str, list[str]] = {
    "name": [
        "full name",
        "contact name",
        "person name",
        "person",
        "lead name",
        "display name",
        # de, fr, es: "Name", "Nom" and "Nombre" alone are a full name, unless a first or a
        # last name column stands beside them (`_name_parts`)
        "vollstandiger name",
        "ansprechpartner",
        "nom",
        "nom complet",
        "nombre",
        "nombre completo",
    ],
    "first_name": [
        "first name",
        "given name",
        "vorname",
        "prenom",
        "nombre de pila",
    ],
    "last_name": [
        "last name",
        "family name",
        "nachname",
        "familienname",
        "nom de famille",
        "apellido",
        "apellidos",
    ],
    "company": [
        "company name",
        "organization name",
        "organization 1 name",
        "org",
        "account",
        "firma",
        "firmenname",
        "unternehmen",
        "societe",
        "entreprise",
        "raison sociale",
        "empresa",
        "compania",
        "organizacion",
    ],
    "email": [
        "e mail",
        "email address",
        "e mail address",
        "email 1",
        "e mail 1 value",
        "email work",
        "email home",
        "email other",
        "work email",
        "email adresse",
        "e mail adresse",
        "courriel",
        "adresse email",
        "adresse e mail",
        "adresse electronique",
        "correo",
        "correo electronico",
    ],
    "phone": [
        "phone number",
        "mobile phone",
        "mobile phone number",
        "phone 1 value",
        "phone work",
        "phone mobile",
        "phone home",
        "phone other",
        "work phone",
        "telefon",
        "telefonnummer",
        "handy",
        "mobil",
        "mobilnummer",
        "numero de telephone",
        "portable",
        "telefono",
        "movil",
        "celular",
        "numero de telefono",
    ],
    "source": [
        "lead source",
        "original source",
        "quelle",
        "herkunft",
        "origine",
        "fuente",
        "origen",
    ],
    "value": [
        "deal value",
        "deal amount",
        "estimated value",
        "annual revenue",
        "expected revenue",
        "wert",
        "betrag",
        "auftragswert",
        "valeur",
        "montant",
        "valor",
        "importe",
        "monto",
    ],
    "timezone": [
        "timezone",
        "time zone",
        "tz",
        "ip timezone",
        "zeitzone",
        "fuseau horaire",
        "zona horaria",
    ],
    "created_at": [
        "created at",
        "create date",
        "date created",
        "created date",
        "created time",  # Zoho
        "enquiry date",
        "inquiry date",
        "person created",
        "added",
        "add time",
        "datum",
        "erstellt",
        "erstellt am",
        "anfragedatum",
        "erstkontakt",
        "erster kontakt",
        "date de creation",
        "cree le",
        "premier contact",
        "fecha",
        "fecha de creacion",
        "creado",
        "primer contacto",
    ],
    "notes": [
        "message",
        "description",
        "enquiry",
        "inquiry",
        "notiz",
        "notizen",
        "bemerkung",
        "bemerkungen",
        "kommentar",
        "nachricht",
        "anfrage",
        "commentaire",
        "commentaires",
        "remarque",
        "remarques",
        "demande",
        "notas",
        "nota",
        "comentario",
        "comentarios",
        "observaciones",
        "mensaje",
        "consulta",
    ],
    "consents": ["consents", "consent"],
    "signals": ["signals"],
    "id": ["fairchase id"],
    **SAYS_NO_ALIASES,
    # No "owner": an owner column names people in the tool that wrote it (HubSpot's "Contact
    # owner", Salesforce's "Lead owner", Pipedrive's "Person - Owner"), not our users. Only our
    # own export's Owner column is mapped by itself (`_our_export`); any other is the
    # choice of the person mapping the columns.
}

for _fname, (_alone, _) in FIELD_WORDS.items():  # "Phone": a word, and a header alone
    ALIASES[_fname] = sorted(_alone) + ALIASES[_fname]
for _fname, _names in OUTLOOK_ALIASES.items():  # Outlook's, in each language: after ours
    ALIASES[_fname] = ALIASES[_fname] + _names

# Pipedrive prefixes every column with its object ("Person - Email - Work").
_PIPEDRIVE_PREFIX = re.compile(r"^(person|organization|deal|lead)\s+")
PIPEDRIVE_EXTRA = {
    "deal value": "value",
    "deal title": "notes",
    "organization name": "company",
    "person organization": "company",
    "person name": "name",
    "person email": "email",
    "person phone": "phone",
    "person email work": "email",
    "person phone work": "phone",
    "person phone mobile": "phone",
    "person add time": "created_at",
    "deal add time": "created_at",
    "lead created": "created_at",
    "lead title": "notes",
    "deal source channel": "source",
    "lead source": "source",
}

# Fields later columns may fill too: email and phone (a fallback when the first is blank),
# and a yes/no said-no field (any of its columns saying yes is read: `rows.parse_row`).
FALLBACK_FIELDS = {"email", "phone", *SAYS_NO_FIELDS}
# Mailchimp's columns of who said no. Its bare Status is the email's there only (elsewhere a
# deal's or a lead's). Its unsubscribed and cleaned exports have no Status: their people are
# marked by the time Mailchimp unsubscribed or cleaned them (a date is a yes, a blank a no:
# `said_no.says_yes`). Left unread, the whole file came in to be emailed.
MAILCHIMP_SAID_NO = {
    "status": "email_status",
    "unsub time": "unsubscribed",
    "clean time": "email_status",  # the address is dead (bounced): "its email status says no"
}
PRESETS = ("hubspot", "pipedrive", "google", "mailchimp", "fairchase", "generic")
PRESET_LABELS = {
    "hubspot": "HubSpot contacts export",
    "pipedrive": "Pipedrive export",
    "google": "Google Contacts export",
    "mailchimp": "Mailchimp audience export",
    "fairchase": "Fairchase export",
    "generic": "Generic header",
    # not a tool: the mapping the user chose for the same header at their last finished
    # import (the web import remembers it: `views.imports.last_chosen`)
    "remembered": "Your mapping of these columns at your last import of them",
}


def detect_preset(header: list[str]) -> str:
    """Name the tool that wrote this header (a preset), or "generic"."""
    keys = {_key(h) for h in header}
    if {"record id", "lifecycle stage"} & keys or (
        {"first name", "last name", "phone number"} <= keys and "create date" in keys
    ):
        return "hubspot"
    if any(k.startswith(("e mail 1", "phone 1", "given name")) for k in keys):
        return "google"
    if (
        any(k.startswith(("person ", "deal ", "organization ")) for k in keys)
        or {"email work", "phone work"} & keys
    ):
        return "pipedrive"
    if {"member rating", "leid", "euid", "optin time"} & keys:
        return "mailchimp"
    if {"fairchase id", "status", "next action"} <= keys:
        return "fairchase"
    return "generic"


def _field_for(key: str, preset: str) -> str:
    if preset == "fairchase" and key in OUR_EXPORT_ONLY:
        return OUR_EXPORT_ONLY[key]
    if preset == "pipedrive":
        if key in PIPEDRIVE_EXTRA:
            return PIPEDRIVE_EXTRA[key]
        key = _PIPEDRIVE_PREFIX.sub("", key)
    if preset == "hubspot" and key == "phone number":
        return "phone"
    if preset == "mailchimp" and key in MAILCHIMP_SAID_NO:
        return MAILCHIMP_SAID_NO[key]
    for fname, aliases in ALIASES.items():
        if key in aliases:
            return fname
    return ""


def _our_export(keys: set[str]) -> bool:
    """Whether this header is our own leads export's, column for column (in any order):
    only then does its Owner column name our users."""
    from .exporting import LEAD_COLUMNS

    return keys == {_key(c.header) for c in LEAD_COLUMNS}


def detect_mapping(header: list[str]) -> tuple[str, list[str]]:
    """(preset, mapping): one field name or "" per column. A field is used once, except
    email and phone: later columns are fallbacks (a mobile number when the phone is blank),
    and the said-no fields ("Email Opt Out" and "Unsubscribed": either saying yes counts).
    An Owner column is mapped only in our own export's header (`_our_export`)."""
    from .header_words import field_by_words

    preset = detect_preset(header)
    ours = _our_export({_key(h) for h in header})
    used: set[str] = set()
    mapping = []
    for h in header:
        fname = "owner" if ours and _key(h) == "owner" else _field_for(_key(h), preset)
        if not fname and "," in h:
            fname = _before_the_comma(h, preset)
        if fname and (fname not in used or fname in FALLBACK_FIELDS):
            used.add(fname)
            mapping.append(fname)
        else:
            mapping.append("")
    # "Customer Name", "Ph#": the columns no header named exactly, read by their words; a
    # guess never takes a field a header named ("Contact number" beside "Name"), nor one
    # a guess took already (a said-no field excepted: either column saying yes counts)
    for i, h in enumerate(header):
        if mapping[i] or preset == "fairchase" or (guess := field_by_words(h)) == "":
            continue
        if guess not in used or guess in SAYS_NO_FIELDS:
            used.add(guess)
            mapping[i] = guess
    return preset, _name_parts(mapping, [_key(h) for h in header])


def _before_the_comma(header: str, preset: str) -> str:
    """The field named by a header's words before its comma ("E-Mail, privat" is email),
    only when the words after it are a kind of address (`header_aliases.KIND_OF_ADDRESS`):
    "Phone, do not call" stays unread, so the report says it is a said-no column."""
    before, _, after = header.partition(",")
    words = _key(after).split()
    if speaks_of_saying_no(_key(header)) or not words or not set(words) <= KIND_OF_ADDRESS:
        return ""
    return _field_for(_key(before), preset)


# A bare "Name" (German), "Nom" (French) or "Nombre" (Spanish) beside a first-name column is
# the surname ("Name, Vorname"; "Nom, Prénom"); beside a last-name column, the first name
# ("Nombre, Apellido"; "Name, Surname"). Alone, it is the whole name.
_BARE_NAME = {"name", "nom", "nombre"}


def _name_parts(mapping: list[str], keys: list[str]) -> list[str]:
    """The mapping with a bare name column read as the part of the name its neighbours
    leave out, so first and last name are joined as English headers' are."""
    fields = set(mapping)
    if "name" not in fields or ({"first_name", "last_name"} <= fields):
        return mapping
    part = "last_name" if "first_name" in fields else "first_name" if "last_name" in fields else ""
    if not part:
        return mapping
    return [
        part if fname == "name" and key in _BARE_NAME else fname
        for fname, key in zip(mapping, keys, strict=True)
    ]


def clean_mapping(raw: list[str], width: int) -> list[str]:
    """A mapping from the UI: unknown fields dropped, padded to width (for a field chosen
    twice, the first non-empty column wins)."""
    out = [fname if fname in FIELDS else "" for fname in list(raw)[:width]]
    return out + [""] * (width - len(out))


def with_columns(header: list[str], mapping: list[str], columns: dict[str, str]) -> list[str]:
    """The mapping with the columns a person named mapped as they said (`fairchase import
    --map "Ph#=phone"`): a header as written or with case and punctuation aside; a field
    "" (or "ignore") leaves the column unread. Raises ValueError naming a header the file
    lacks."""
    out = list(mapping) + [""] * (len(header) - len(mapping))
    for named, fname in columns.items():
        at = [i for i, h in enumerate(header) if h.strip() == named.strip()] or [
            i for i, h in enumerate(header) if _key(h) == _key(named)
        ]
        if not at:
            shown = ", ".join(f"“{h.strip()[:40]}”" for h in header[:12] if h.strip())
            raise ValueError(f"--map: no column “{named[:60]}” in the file (its columns: {shown}).")
        out[at[0]] = "" if fname == "ignore" else fname
    return out
