"""The lead list's search, reading names as matching does (`names`): accents and case
aside ("nunez" finds "Núñez"), a name written family name first read both ways ("Stone,
Ann" finds "Ann Stone", "Ann Stone" finds a stored "Stone, Ann"), punctuation, titles and
suffixes aside ("dr olga lopez" and "olga lopez" find "Dr. Olga Lopez", "jose nunez jr"
finds "Núñez, José, Jr.").

The folding happens in the query, so the list stays one query and no stored column can
go stale (leads are written by save, bulk inserts and imports alike): on SQLite a
deterministic function `fairchase_fold` registered on each connection (`folded`, which is
`names` itself); on PostgreSQL `lower` and `translate` over the accented Latin letters,
then regular expressions built from `names.TITLES` and `names.SUFFIXES` that read the name
as `names.in_order` and `names.key` do (`_Pg`). Both give the same three lines: the name
as written, its loose words in the usual order, and those without titles (a known
difference: a title in brackets, "(Dr)", or a word of only punctuation in a "Family,
Given" name, which PostgreSQL may leave unturned)."""

from __future__ import annotations

import re
import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func, Q, QuerySet
from django.dispatch import receiver

from .names import AFTER_A_TITLE, PARTICLES, SUFFIXES, TITLES, key, loose, plain

FOLD = "fairchase_fold"


def folded(text: str | None) -> str:
    """A name as the search reads it, in up to three lines: as written, accents and case
    aside; its loose words in the usual order; and those without titles ("Dr. Núñez,
    José" -> "dr. nunez, jose\\ndr jose nunez\\njose nunez")."""
    text = text or ""
    lines = [plain(text), loose(text), key(text)]
    return "\n".join(dict.fromkeys(line for line in lines if line))


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


def _punctuation() -> str:
    """A bracket expression of the characters `names` reads as a space between words (not
    a letter, digit, space or dot), in ASCII, Latin-1 and the general punctuation block,
    as \\u escapes so that no quote or percent sign reaches the SQL."""
    codes = [
        code
        for block in (range(0x21, 0x7F), range(0xA1, 0xC0), range(0x2010, 0x2050))
        for code in block
        if re.fullmatch(r"[^\w\s.]", chr(code))
    ]
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(rf"\u{a:04x}-\u{b:04x}" if a < b else rf"\u{a:04x}" for a, b in runs) + "]"


def _either(words: frozenset[str], *, dotted: bool) -> str:
    """Any of `words` as a regular expression; `dotted` allows dots between and after its
    letters ("Ph.D.", "Dr."), as `names` reads a title or a suffix."""
    if not dotted:
        return "(?:" + "|".join(sorted(words)) + ")"
    return "(?:" + "|".join(r"\.*".join(w) + r"\.*" for w in sorted(words)) + ")"


class _Pg:
    """The regular expressions PostgreSQL folds a name with, built from `names`' lists."""

    def __init__(self) -> None:
        t, s = _either(TITLES, dotted=True), _either(SUFFIXES, dotted=True)
        p = _either(PARTICLES, dotted=False)
        t = rf"{t}(?:\s+{_either(AFTER_A_TITLE, dotted=True)})*"  # "Dr. med."
        end = r"(?=[\s,]|$)"
        # names.in_order: [titles] Family [suffixes], Given [suffixes] [, suffixes]..., where
        # the family name is no title, nor a suffix after a title ("Mrs Jr., Ann" stays), and
        # may start with its little words ("de la Cruz, Juan")
        self.in_order = (
            rf"^[\s,]*((?:{t}\s+)+(?!{s}{end})|)(?!{t}{end})((?:{p}\s+)*[^\s,]+)((?:\s+{s})*)"
            rf"\s*,[\s,]*"
            rf"(?!{s}(?:\s+{s})*\s*(?:,|$))([^\s,][^,]*?)((?:\s+{s})*)"
            rf"((?:\s*,[\s,]*{s}(?:\s+{s})*)*)[\s,]*$"
        )
        # names._words: the dots inside a title or a suffix join it ("ph.d" -> "phd").
        letters = r"\.*".join(["([a-z])"] + ["([a-z]?)"] * (max(map(len, TITLES | SUFFIXES)) - 1))
        self.joins = (
            rf"(^|\s)(?={_either(TITLES | SUFFIXES, dotted=True)}(?:\s|$)){letters}\.*(?=\s|$)"
        )
        groups = letters.count("(") + 1
        assert groups <= 9, "a title or suffix too long for PostgreSQL's \\1 to \\9"
        self.joined = "".join(rf"\{i}" for i in range(1, groups + 1))
        self.punctuation = _punctuation()
        # names.key: leading titles go when two words that are not suffixes stay.
        t, s = _either(TITLES, dotted=False), _either(SUFFIXES, dotted=False)
        t = rf"{t}(?: {_either(AFTER_A_TITLE, dotted=False)})*"
        self.untitled = (
            rf"\n(?:{t} )+(?!{t}(?: |$))([^ ]+ (?:[^ ]+ )*(?!{s}(?: |$))[^ ]+(?: [^ ]+)*)$"
        )

    def template(self) -> str:
        """The SQL of the three lines, `%(expressions)s` the column (written eight times)."""
        accented, bare = _accent_table()
        column = "%(expressions)s"
        # `translate` reads its whole table for each letter: only names that need it.
        flat = (
            f"(CASE WHEN octet_length({column}) = length({column}) THEN lower({column})"
            f" ELSE translate(lower({column}), '{accented}', '{bare}') END)"
        )
        turned = rf"regexp_replace({flat}, '{self.in_order}', '\1\4 \2\3\5\6')"
        spaced = f"regexp_replace({turned}, '{self.punctuation}', ' ', 'g')"
        joined = f"regexp_replace({spaced}, '{self.joins}', '{self.joined}', 'g')"
        loose = rf"btrim(regexp_replace({joined}, '[\s.]+', ' ', 'g'))"
        twice = rf"regexp_replace({loose}, '^(.*)$', '\1' || chr(10) || '\1')"
        lines = rf"regexp_replace({twice}, '{self.untitled}', chr(10) || '\1')"
        return f"({flat} || chr(10) || {lines})"


class Folded(Func):
    """A text column folded as `folded` reads it (see the module's docstring per backend)."""

    function = FOLD
    arity = 1

    def as_postgresql(self, compiler, connection, **extra):
        """The column (a plain column: it is written several times) folded into `folded`'s
        lines."""
        return self.as_sql(compiler, connection, template=_PG_TEMPLATE, **extra)


_PG_TEMPLATE = _Pg().template()


@receiver(connection_created)
def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD, 1, folded, deterministic=True)


def search(leads: QuerySet, q: str) -> QuerySet:
    """The leads whose name, company, email or phone holds `q`: the name as `folded` reads
    it (the query read the same way), the phone by its digits (stored as E.164: "(212)
    555-01" finds "+121255501..")."""
    wanted = {line for line in (plain(q), loose(q), key(q)) if line}
    match = Q(company__icontains=q) | Q(email__icontains=q)
    for text in wanted:
        match |= Q(search_name__contains=text)
    digits = re.sub(r"\D", "", q)
    if len(digits) >= 3:
        match |= Q(phone__contains=digits)
    return leads.annotate(search_name=Folded("name")).filter(match)
