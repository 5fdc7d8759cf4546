"""The lead list's search, reading names as matching does (`names`): accents and case
aside ("nunez" finds "Núñez"), and a name written family name first read both ways
("Stone, Ann" finds "Ann Stone", "Ann Stone" finds a stored "Stone, Ann").

The folding happens in the query, so the list stays one query and no stored column can
go stale (leads are written by save, bulk inserts and imports alike): on SQLite a
deterministic function `fairchase_fold` registered on each connection (the whole rule,
`folded`); on PostgreSQL `lower` and `translate` over the accented Latin letters, and a
"Family, Given" turned by a regular expression when the family name is one word (titles
and suffixes are not set aside there: "Stone, Dr. Ann" is found by "Stone", not by "Ann
Stone")."""

from __future__ import annotations

import re
import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func, Q, QuerySet
from django.dispatch import receiver

from .names import in_order, plain

FOLD = "fairchase_fold"


def folded(text: str | None) -> str:
    """A name as the search reads it: accents and case aside, and when written family name
    first, also in the usual order ("Núñez, José" -> "nunez, jose\\njose nunez")."""
    text = text or ""
    flat = plain(text)
    if "," not in text:
        return flat
    turned = plain(in_order(text))
    return flat if turned == flat else f"{flat}\n{turned}"


def _accent_table() -> tuple[str, str]:
    """(Accented letters, their plain letters) for PostgreSQL's `translate`: the Latin
    letters (U+00C0 to U+024F) that fold to one plain letter."""
    accented, bare = [], []
    for code in range(0xC0, 0x250):
        c = chr(code)
        flat = plain(c)
        if len(flat) == 1 and flat != c and flat.isascii() and unicodedata.category(c)[0] == "L":
            accented.append(c)
            bare.append(flat)
    return "".join(accented), "".join(bare)


class Folded(Func):
    """A text column folded as `folded` reads it (see the module's docstring per backend)."""

    function = FOLD
    arity = 1

    def as_postgresql(self, compiler, connection, **extra):
        """The column (a plain column: it is written twice) folded, then its "Family, Given"
        turned ("nunez, jose\njose nunez"), for a one-word family name and one comma."""
        accented, bare = _accent_table()
        flat = f"translate(lower(%(expressions)s), '{accented}', '{bare}')"
        turned = rf"regexp_replace({flat}, '^\s*([^,\s]+)\s*,\s*([^,]+?)\s*$', '\2 \1')"
        template = f"({flat} || chr(10) || {turned})"
        return self.as_sql(compiler, connection, template=template, **extra)


@receiver(connection_created)
def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD, 1, folded, deterministic=True)


def search(leads: QuerySet, q: str) -> QuerySet:
    """The leads whose name, company, email or phone holds `q`: the name as `folded` reads
    it (the query read the same way), the phone by its digits (stored as E.164: "(212)
    555-01" finds "+121255501..")."""
    wanted = {plain(q), plain(in_order(q))}
    match = Q(company__icontains=q) | Q(email__icontains=q)
    for text in wanted:
        match |= Q(search_name__contains=text)
    digits = re.sub(r"\D", "", q)
    if len(digits) >= 3:
        match |= Q(phone__contains=digits)
    return leads.annotate(search_name=Folded("name")).filter(match)
