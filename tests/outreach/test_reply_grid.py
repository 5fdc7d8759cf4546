"""The grid: for every row of the README's dates table and every intent, short new
replies in each of the six languages (curt and polite, typos, no accents, lower case,
texts), under tests/outreach/corpus/grid/. Each is read as an email from a lead in Berlin
on Tuesday 10 March 2026, 10:00. Each file was labelled before the reader saw it (first
sight: grid.csv 257/269 intents, 183/197 dates; grid2.csv, written after the changes the
first caused, 187/195 and 118/123; grid3.csv, harder replies written after that, 107/120
and 33/36; grid4.csv, dated replies in conventions the others lacked, 70/79 and 59/79; grid5.csv,
call-backs within hours, ranges of absence, asking our availability, 60/84 and 29/42;
grid6.csv, opt-outs and refusals in new words, 63/78 and 17/18; grid7.csv,
out-of-offices with several dates, 23/30 and 26/30; grid8.csv, mixed replies, 34/36 and
6/6; grid9.csv and grid10.csv, what blind batches b9 and b10 missed in new words, 34/42 and
6/6, 11/18 and 0/2; grid11.csv, the season they are in then the one to write in, 6/6 and
1/6); what they missed was fixed by general means (date
conventions, each language's cue vocabulary), never by adding their phrases."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from fairchase.outreach import replies

GRID = Path(__file__).parent / "corpus" / "grid"
MOMENT = datetime(2026, 3, 10, 9, tzinfo=UTC)
ROWS = [
    row
    for path in sorted(GRID.glob("*.csv"))
    for row in csv.DictReader(open(path, newline="", encoding="utf-8"))
]
YES = ("interested", "later", "call_back")


def _read(text: str):
    return replies.read_text(text, MOMENT, "Europe/Berlin", channel="email")


def test_the_grid_covers_every_convention_and_intent_in_six_languages():
    cells = {(r["convention"], r["language"]) for r in ROWS}
    conventions = {r["convention"] for r in ROWS}
    assert {r["language"] for r in ROWS} == {"en", "de", "fr", "es", "pt", "nl"}
    assert set(replies.KINDS) - {"bounce"} <= {r["kind"] for r in ROWS}
    assert len(conventions) >= 20
    # every convention in two languages at least, every language with 18 conventions
    for c in conventions:
        assert sum((c, lang) in cells for lang in ("en", "de", "fr", "es", "pt", "nl")) >= 2, c
    for lang in ("en", "de", "fr", "es", "pt", "nl"):
        assert sum((c, lang) in cells for c in conventions) >= 18, lang


# Read wrong now, on the safe side (left unclear for a person): the classifier vetoes the
# rules' interest as a refusal ("alstublieft" weighs for opt-outs). Strict: when it is read
# right, this list must shrink.
KNOWN_MISSES = {"Bevestig alstublieft de boeking voor de 2e verdieping."}


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(r, marks=pytest.mark.xfail(strict=True, reason="known miss"))
        if r["text"] in KNOWN_MISSES
        else r
        for r in ROWS
    ],
    ids=[f"{r['convention']}-{r['language']}-{i}" for i, r in enumerate(ROWS)],
)
def test_each_grid_reply_is_read_with_its_intent_and_date(row):
    reading = _read(row["text"])
    assert reading.kind == row["kind"], reading.evidence
    if row["date"]:
        assert reading.until is not None, reading.evidence
        assert abs((reading.until.date() - date.fromisoformat(row["date"])).days) <= 1


def test_no_refusal_in_the_grid_is_read_as_interest_later_or_a_call_back():
    refusals = [r for r in ROWS if r["kind"] in ("opt_out", "not_interested")]
    assert len(refusals) >= 36
    assert [r["text"] for r in refusals if _read(r["text"]).kind in YES] == []
