"""`fairchase log "Zoe O'Brien"` found nobody while the web search finds "Zoë O'Brien"
(eval24 #20): a salesperson on a US/UK keyboard types "Zoe" and "Jurgen". The command reads
a name as the lead list's search does (accents and case aside); an exact email still names
its lead alone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_a_name_typed_without_its_accents_finds_the_lead(cli, alice, make_lead):
    zoe = make_lead(alice, name="Zoë O'Brien")
    code, out, err = cli("log", "zoe o'brien", "--call", "--no-answer")
    assert code == 0, err
    assert f"Zoë O'Brien (#{zoe.pk})" in out and zoe.attempts.count() == 1


def test_two_jurgens_are_listed_to_pick_by_id(cli, alice, make_lead):
    first = make_lead(alice, name="Jürgen Groß")
    second = make_lead(alice, name="Jürgen Weiß")
    code, _out, err = cli("log", "Jurgen", "--call", "--no-answer")
    assert code != 0
    assert f"#{first.pk} Jürgen Groß" in err and f"#{second.pk} Jürgen Weiß" in err


def test_an_exact_email_names_its_lead_among_names_that_hold_it(cli, alice, make_lead):
    make_lead(alice, name="Ann Lee", email="ann.lee@example.com")
    ann = make_lead(alice, name="Ann", email="ann@example.com")
    code, out, err = cli("log", "ann@example.com", "--call", "--no-answer")
    assert code == 0, err
    assert f"(#{ann.pk})" in out
