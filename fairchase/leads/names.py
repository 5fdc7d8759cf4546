"""How a person's name is read: compared loosely (case, accents, punctuation, a title or a
generational suffix aside) when records are matched (`same_person`), and its first name
for a greeting (`Lead.first_name`). One list of titles for both, kept small on purpose:

- titles before a name: Dr, Mr, Mrs, Ms, Miss, Mx, Prof, Sir, Madam, Dame, Rev, and a
  few non-English ones (Herr, Frau, Mme, Mlle, Sr, Sra, Srta, Dott, Dra), dotted or not;
  "M." (Monsieur) is left out, as it is as often a first initial ("M. Lopez");
- suffixes after a name: Jr, Sr, II, III, IV, PhD;
- before a greeting's first name, an initial is passed over when two names follow it
  ("M. François Lefèvre", "J. Robert Smith": Hello François, Hello Robert).

A title is dropped only when a first and a family name remain: "Mr Lopez" keeps its
title, as "Lopez" alone is a family name and "Mr Lopez" and "Mrs Lopez" are two people.

A name written family name first, as exported CSVs often do ("Stone, Bob"), is read in
the usual order ("Bob Stone"): `in_order`."""

from __future__ import annotations

import re
import unicodedata

TITLES = frozenset(
    "dr mr mrs ms miss mx prof sir madam dame rev herr frau mme mlle sr sra srta dott dra".split()
    # German and Austrian degrees that are no one's first name: "Dipl.-Ing. Klaus Weber"
    + "dipl ing".split()
)
# Degrees that stand after a title ("Dr. med.", "Dr. rer. nat.": "Hello med.," was the
# greeting), read as titles only there: Nat and Mag are first names too.
AFTER_A_TITLE = frozenset("med rer nat mag".split())
# The little words of a family name ("de la Cruz", "van der Berg"): "DE LA CRUZ, Juan" is
# written family name first, as "Cruz, Juan" is.
PARTICLES = frozenset("de la las los del van von der den da di du le dos das ten ter y".split())
SUFFIXES = frozenset("jr sr ii iii iv phd".split())


def plain(text: str) -> str:
    """Text case-folded without its accents ("José Núñez" -> "jose nunez"): a name typed
    on a keyboard without them is the same name."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def in_order(name: str) -> str:
    """The name with its first name first: "Stone, Bob" -> "Bob Stone", "Núñez, José, Jr."
    -> "José Núñez Jr.", "Dr. Stone, Bob" -> "Dr. Bob Stone". Read as "Family, Given" only
    when one comma is left once trailing suffixes are set aside and the part before it is
    one word, titles and suffixes aside ("Lopez, Mrs." -> "Mrs. Lopez", "Stone Jr., Bob"
    -> "Bob Stone Jr."): "Bob Stone, Acme Corp" or "Bob Stone, Office Manager" is a name
    and what follows it, and stays as written ("Garcia Lopez, Maria" too: a known limit,
    which `same_person` covers by reading a name both ways).
    Otherwise the name as written."""
    parts = [p.strip() for p in (name or "").split(",") if p.strip()]
    tail: list[str] = []
    while len(parts) > 1 and all(w in SUFFIXES for w in _words(parts[-1]) or ["?"]):
        tail.insert(0, parts.pop())
    if len(parts) != 2:
        return name
    family, given = parts[0].split(), parts[1].split()
    loose_family = ["".join(_words(w)) for w in family]
    named = loose_family[_titles_in(loose_family) : _suffixes_from(loose_family)]
    if len(named) != 1 and not (named and all(w in PARTICLES for w in named[:-1])):
        return name
    loose_given = ["".join(_words(w)) for w in given]
    end = _suffixes_from(loose_given)  # "Stone, Bob Jr." -> "Bob Stone Jr."
    given, tail = given[:end], [*given[end:], *tail]
    titles = _titles_in(loose_family)
    return " ".join([*family[:titles], *given, *family[titles:], *tail])


def name_parts(name: str, *, turned: bool = True) -> tuple[list[str], list[str]]:
    """(The name's words without titles and suffixes, its suffixes), compared loosely:
    "Dr. José Núñez, Jr." -> (["jose", "nunez"], ["jr"]); "Stone, Bob" -> (["bob",
    "stone"], []), or with `turned=False` as written (["stone", "bob"], [])."""
    words = _words(in_order(name) if turned else name)
    end = _suffixes_from(words)
    return words[_titles(words[:end]) : end], words[end:]


def loose(name: str) -> str:
    """The name's loose words in the usual order, titles and suffixes kept: "Dr. Stone,
    Bob" -> "dr bob stone", "Núñez, José, Jr." -> "jose nunez jr" (what the list's
    search reads, with `key`)."""
    return " ".join(_words(in_order(name)))


def key(name: str) -> str:
    """A name as a key where the name alone tells people apart (an imported row with no email
    or phone): its loose words in the usual order (`in_order`: "Lee, Ann" is "Ann Lee"),
    then its suffixes, titles, accents and case aside ("Dr. José Núñez" and "jose nunez"
    -> "jose nunez"). In order, not sorted: "Ann Lee" and "Lee Ann" are two people. A
    name of no words ("???") is its plain text."""
    words, suffixes = name_parts(name)
    if not words:
        return " ".join(plain(name).split())
    return " ".join([*words, *suffixes])


def is_a_name(name: str) -> bool:
    """Whether `name` is a person's name, not an address standing in for one (a form sent
    with only an email or a phone number stores the lead under it)."""
    name = (name or "").strip()
    return bool(name) and "@" not in name and any(c.isalpha() for c in name)


def greeting(name: str) -> str:
    """The greeting of a message: "Hello Olga," for "Mrs. Olga Lopez", "Hello," when no
    name is known (never "Hello noname@example.com,")."""
    first = first_name(name)
    return f"Hello {first}," if first else "Hello,"


# A greeting's name: words of letters, joined by an apostrophe or a hyphen, each maybe
# ending in a dot ("Mrs.", "J."); at most this long. Anything else is typed text, not a
# name: a receipt to a typed address must not begin "Hello https://evil.example/x,".
GREETABLE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?(?: [^\W\d_]+(?:['’-][^\W\d_]+)*\.?)*")
GREETABLE_LENGTH = 40


def first_name(name: str) -> str:
    """The name to greet a person by, as written: its first word after any title ("Mrs.
    Olga Lopez" -> "Olga", "Stone, Bob" -> "Bob"), or the title with the family name when
    that is all there is ("Mrs. Lopez"); "" when the name is an address (`is_a_name`) or
    that word does not look like a name (`GREETABLE`: a link, a pitch, digits)."""
    if not is_a_name(name):
        return ""
    written = [w for w in in_order(name or "").split() if _words(w)]  # no stray ","
    loose = [_loose_word(w) for w in written]
    end = _suffixes_from(loose)
    start = _titles(loose[:end])
    if end - start >= 3 and len(loose[start]) == 1:  # an initial, or "M." (Monsieur)
        start += 1
    if start == 0 and end > 1 and loose[0] in TITLES:
        first = " ".join(written[:end])
    else:
        first = written[start].rstrip(",") if written else ""
    marks_aside = "".join(c for c in first if not unicodedata.category(c).startswith("M"))
    greetable = len(first) <= GREETABLE_LENGTH and GREETABLE.fullmatch(marks_aside)
    return first if greetable else ""


def _loose_word(word: str) -> str:
    """A written word as one loose word: "O'Brien" -> "obrien"; a word of titles joined by
    a hyphen is a title ("Dipl.-Ing." -> "dipl")."""
    parts = _words(word)
    return parts[0] if parts and all(p in TITLES for p in parts) else "".join(parts)


def _words(text: str) -> list[str]:
    """A text's loose words: punctuation splits words, except the dots of a title or a
    suffix ("Ph.D.", "Dr.")."""
    out: list[str] = []
    for word in re.sub(r"[^\w\s.]", " ", plain(text)).split():
        joined = word.replace(".", "")
        out += [joined] if joined in TITLES | SUFFIXES else word.replace(".", " ").split()
    return out


def _titles_in(loose: list[str]) -> int:
    """How many loose words at the start are titles (a degree after a title counts)."""
    count = 0
    while count < len(loose) and _a_title(loose, count):
        count += 1
    return count


def _a_title(words: list[str], i: int) -> bool:
    """Whether the i-th of the leading words is a title: one of TITLES, or a degree right
    after one ("Dr. med.", "Dr. rer. nat.")."""
    return words[i] in TITLES or (i > 0 and words[i] in AFTER_A_TITLE and _a_title(words, i - 1))


def _suffixes_from(words: list[str]) -> int:
    """Where the trailing suffixes start (a word is kept before them)."""
    end = len(words)
    while end > 1 and words[end - 1] in SUFFIXES:
        end -= 1
    return end


def _titles(words: list[str]) -> int:
    """How many leading words are titles to drop: none unless two words remain after."""
    count = _titles_in(words)
    return count if len(words) - count >= 2 else 0
