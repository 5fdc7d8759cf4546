"""A greeting names the person: German degrees ("Dr. med.", "Dr. rer. nat.", "Dipl.-Ing."),
a French "M." or any initial before two names, a family name written first in capitals or
with its little words ("DE LA CRUZ, Juan"), and names whose letters carry marks (Hindi's
vowel signs, a Mac's decomposed "Zoë"). The evaluator's emails said "Hello med.,", "Hello
M.,", "Hello DE," and "Hello," (eval24 finding 6)."""

from __future__ import annotations

import unicodedata

import pytest

from fairchase.leads.names import first_name, key


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Dr. med. Hans Müller", "Hans"),
        ("Dr. rer. nat. Eva Lang", "Eva"),
        ("Dipl.-Ing. Klaus Weber", "Klaus"),
        # a degree is a title only after one: Nat and Mag are first names (review23 #7)
        ("Nat Turner", "Nat"),
        ("Turner, Nat", "Nat"),
        ("Nat King Cole", "Nat"),
        ("Mag Ruffman", "Mag"),
        ("M. François Lefèvre", "François"),
        ("J. Robert Smith", "Robert"),
        ("DE LA CRUZ, Juan", "Juan"),
        ("van der Berg, Anna", "Anna"),
        ("प्रिया शर्मा", "प्रिया"),
        (unicodedata.normalize("NFD", "Zoë Smith"), unicodedata.normalize("NFD", "Zoë")),
        # as before
        ("Mrs. Olga Lopez", "Olga"),
        ("Mrs. Lopez", "Mrs. Lopez"),
        ("M. Lopez", "M."),  # an initial and a family name: nothing better to say
        ("Stone, Bob", "Bob"),
        ("Bob Stone, Acme Corp", "Bob"),
        ("https://evil.example/x", ""),
    ],
)
def test_the_greeting_is_the_persons_first_name(name, first):
    assert first_name(name) == first


def test_a_macs_decomposed_zoe_is_the_same_name():
    typed_on_a_mac = unicodedata.normalize("NFD", "Zoë Jäger")
    assert key(typed_on_a_mac) == key("Zoë Jäger")


def test_a_degree_alone_never_makes_two_people_one():
    from fairchase.leads.same_person import _names_match

    assert not _names_match("Nat Lee Smith", "Lee Smith")
    assert _names_match("Dr. med. Hans Müller", "Hans Muller")
