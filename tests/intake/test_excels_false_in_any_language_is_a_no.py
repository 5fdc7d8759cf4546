"""A yes/no column of who said no holds TRUE and FALSE as Excel writes them in the sheet's
language: a German sheet says FALSCH in every row it means no. FALSCH, Dutch ONWAAR and nee,
Portuguese não, Russian ЛОЖЬ were read as a yes ("anything but a plain no counts"), so one
CSV from a German Excel opted a business's existing customers out for good (eval24 finding
18). Every FALSE and no of those languages is a no; their TRUE and yes a plain yes; a word
nobody can place still counts as a yes, said on its line."""

from __future__ import annotations

import io

import pytest

from fairchase.intake.importer import import_file
from fairchase.intake.said_no import plain_yes, says_yes
from fairchase.leads.models import Status, Suppression

NO = ["FALSCH", "nein", "FAUX", "FALSO", "ONWAAR", "nee", "não", "FALSKT", "ЛОЖЬ", "нет", "FAŁSZ"]
NO += ["NEPRAVDA", "HAMIS", "nei", "ei", "ne", "hayır"]
YES = ["WAHR", "VRAI", "VERDADERO", "VERDADEIRO", "WAAR", "ИСТИНА", "PRAWDA", "sim"]


@pytest.mark.parametrize("cell", NO)
def test_false_and_no_are_a_no(cell):
    assert not says_yes(cell)


@pytest.mark.parametrize("cell", YES)
def test_true_and_yes_are_a_plain_yes(cell):
    assert says_yes(cell) and plain_yes(cell)


def test_a_word_nobody_can_place_is_still_a_yes_said_on_its_line():
    assert says_yes("vielleicht") and not plain_yes("vielleicht")


def test_a_german_sheet_opts_out_only_whom_it_says(alice, make_lead):
    kept = make_lead(alice, name="Dora Eins", email="d1@example.de")
    rows = "Name;E-Mail;Nicht kontaktieren\nDora Eins;d1@example.de;FALSCH\n"
    rows += "Emil Zwei;e2@example.de;WAHR\n"
    import_file(io.BytesIO(rows.encode()), alice, filename="b.csv", user=alice)
    kept.refresh_from_db()
    assert kept.status == Status.OPEN
    assert list(Suppression.objects.values_list("value", flat=True)) == ["e2@example.de"]
