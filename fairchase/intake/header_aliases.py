"""The headers Outlook writes in English, German, French and Spanish for a contact's email
and phones (folded as `mapping._key` folds them), and which of several phone columns a
lead's number comes from.

Outlook in German wrote nobody's phone ("Mobiltelefon", "Telefon geschäftlich"), in French
nobody's email ("Adresse de messagerie"), and in English only "Mobile Phone" of its eight.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# What may follow the comma in "E-Mail, privat" or "Phone, work" for a header to be read by
# its words before the comma (`mapping._before_the_comma`): a kind of address, nothing
# more (or, for "Name, Vorname", the name's parts). "Phone, do not call" or "E-Mail,
# Abmeldung" mean the opposite of a phone or an email.
KIND_OF_ADDRESS = {
    *"privat private personal home work business office main other mobile mobil cell".split(),
    *"geschaftlich geschaeftlich dienstlich buro festnetz handy arbeit zuhause".split(),
    *"prive professionnel travail domicile portable trabajo casa movil particular".split(),
    *"1 2 3 primary secondary alt alternative alternate zweite second".split(),
    *"vorname nachname first last surname given name prenom nombre apellido".split(),
}

OUTLOOK_ALIASES: dict[str, list[str]] = {
    "email": [
        "e mail 2 address",
        "e mail 3 address",
        "e mail 2 adresse",  # de: "E-Mail 2: Adresse"
        "e mail 3 adresse",
        "adresse de messagerie",  # fr
        "adresse de messagerie 2",
        "adresse de messagerie 3",
        "direccion de correo electronico",  # es
        "direccion de correo electronico 2",
        "direccion de correo electronico 3",
    ],
    "phone": [
        "business phone",
        "business phone 2",
        "home phone",
        "home phone 2",
        "primary phone",
        "company main phone",
        "other phone",
        "car phone",
        "mobiltelefon",  # de
        "telefon geschaftlich",
        "telefon geschaftlich 2",
        "telefon privat",
        "telefon privat 2",
        "haupttelefon",
        "telefon firma",
        "weiteres telefon",
        "autotelefon",
        "handynummer",
        "tel mobile",  # fr: "Tél. mobile"; "Téléphone (bureau)" folds to "telephone"
        "telephone mobile",
        "telephone 2",
        "telephone principal",
        "telephone professionnel",
        "telephone domicile",
        "autre telephone",
        "telefono movil",  # es
        "telefono del trabajo",
        "telefono del trabajo 2",
        "telefono de casa",
        "telefono de casa 2",
        "telefono particular",
        "telefono principal",
        "telefono de la compania",
        "otro telefono",
        "numero de movil",
    ],
}

# Of several phone columns, a lead's number is the first filled in this order: a plain
# "Phone" or "Primary Phone" (the number the tool calls theirs), a mobile (it also takes
# texts), a business line or any other, then home.
_MOBILE = {"mobil", "mobile", "handy", "handynummer", "cell", "movil", "celular", "portable"}
_MOBILE_WORDS = ("mobil", "handy")  # "Mobiltelefon", "Handynummer"
_OTHER = {"business", "work", "office", "bureau", "geschaftlich", "firma", "trabajo"}
_OTHER |= {"professionnel", "company", "other", "autre", "otro", "weiteres", "car", "auto"}
_HOME = {"home", "privat", "domicile", "casa", "particular"}


def _phone_rank(header: str) -> int:
    bare = "".join(  # accents aside, "(bureau)" kept (`mapping._key` drops it)
        c for c in unicodedata.normalize("NFKD", header.casefold()) if not unicodedata.combining(c)
    )
    words = set(re.sub(r"[^a-z0-9]+", " ", bare).split())
    if words & _MOBILE or any(w.startswith(_MOBILE_WORDS) for w in words):
        return 1
    if words & _HOME:
        return 3
    return 2 if words & _OTHER else 0


@lru_cache(maxsize=32)
def _order(mapping: tuple[str, ...], header: tuple[str, ...]) -> tuple[int, ...] | None:
    """The order to read a row's columns in (an index per column): the phone columns, where
    they stand, in order of preference (`_phone_rank`), the others as they are; None when
    that is the columns' own order."""
    phones = [i for i, fname in enumerate(mapping) if fname == "phone"]
    rank = {i: _phone_rank(header[i]) if i < len(header) else 0 for i in phones}
    order = list(range(len(mapping)))
    for at, i in zip(phones, sorted(phones, key=rank.__getitem__), strict=True):
        order[at] = i
    return None if order == sorted(order) else tuple(order)


def phone_first(cells: list[str], mapping: list[str], header) -> tuple[list[str], list[str]]:
    """A row's cells and its mapping with the phone column to read first moved ahead of the
    others: Outlook writes Home Phone and Business Phone before Mobile Phone, and the first
    filled phone column gives the lead's number."""
    order = _order(tuple(mapping), tuple(header))
    if order is None:
        return cells, mapping
    return [cells[i] if i < len(cells) else "" for i in order], [mapping[i] for i in order]
