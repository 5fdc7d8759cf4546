"""Reading replies, on the labelled corpus: every intent in every language we read, from
every common client, dates within a day, no refusal ever read as interest or later, and
`fairchase read` printing what it read. (Quoted history: test_reply_quotes.py; refusals:
test_reply_refusals.py; dates: test_reply_dates.py.)

The labelled corpus is tests/outreach/corpus (tuning/, heldout/, fresh/ and unseen/,
built from source/*.txt by build.py); the older English corpus is tests/outreach/replies."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from fairchase.outreach import replies
from fairchase.outreach.reading.files import as_json, read_file

CORPUS = Path(__file__).parent / "corpus"
OLD = Path(__file__).parent / "replies"
LANGUAGES = ("en", "de", "fr", "es", "pt", "nl")
PERSON_KINDS = (
    "auto_reply",
    "opt_out",
    "not_interested",
    "later",
    "call_back",
    "interested",
    "unclear",
)


def _rows(split: str) -> list[dict]:
    with open(CORPUS / split / "labels.csv", newline="") as fh:
        return [dict(row, path=CORPUS / split / row["file"]) for row in csv.DictReader(fh)]


ROWS = _rows("tuning") + _rows("heldout") + _rows("fresh")
UNSEEN = _rows("unseen")


def _read(row: dict) -> dict:
    return as_json(
        row["path"], read_file(row["path"], row["zone"], datetime.fromisoformat(row["now"]))
    )


def test_the_corpus_has_200_replies_with_every_intent_in_every_language_and_client_style():
    assert len(ROWS) >= 200
    have = {(r["language"], r["kind"]) for r in ROWS}
    assert {(lang, kind) for lang in LANGUAGES for kind in PERSON_KINDS} <= have
    assert {
        "gmail",
        "outlook",
        "outlook-noline",
        "outlookweb",
        "exchange",
        "apple",
        "yahoo",
        "mobile",
        "text",
        "html",
        "bounce-postfix",
        "bounce-exim",
        "bounce-exchange",
    } <= {r["style"] for r in ROWS}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PERSON_KINDS)
def test_each_intent_is_read_in_each_language(lang, kind):
    cases = [r for r in ROWS if r["language"] == lang and r["kind"] == kind]
    wrong = [
        (r["file"], got["kind"], got["evidence"])
        for r in cases
        if (got := _read(r))["kind"] != kind
    ]
    assert cases and not wrong


@pytest.mark.parametrize("row", [r for r in ROWS if r["date"]], ids=lambda r: r["file"])
def test_dates_are_read_within_a_day(row):
    got = _read(row)
    assert got["date"], got
    assert (
        abs((date.fromisoformat(got["date"][:10]) - date.fromisoformat(row["date"])).days) <= 1
    ), got


def test_bounces_from_postfix_exim_and_exchange_are_bounces():
    for row in (r for r in ROWS if r["kind"] == "bounce"):
        assert _read(row)["kind"] == "bounce"


def test_the_language_is_recognised():
    right = sum(_read(r)["language"] == r["language"] for r in ROWS if r["kind"] != "bounce")
    assert right / sum(r["kind"] != "bounce" for r in ROWS) >= 0.97


def test_no_refusal_is_ever_read_as_interest_or_later():
    for row in (r for r in ROWS + UNSEEN if r["kind"] in replies.REFUSALS):
        assert _read(row)["kind"] in (*replies.REFUSALS, "unclear"), row["file"]


# The unseen batches the reader has since been changed for (by general means); the latest
# batch is kept as it was read at first sight, so it is not held to this.
WORKED_THROUGH = ("b1-", "b2-", "b3-", "b4-")


def test_at_least_95_percent_of_the_worked_through_unseen_batches_are_read_right():
    # unseen/ holds batches labelled before the reader saw them (their first-sight scores
    # are in bench/replies.py); this is the figure after the changes they caused.
    rows = [row for row in UNSEEN if row["file"].startswith(WORKED_THROUGH)]
    right = sum(_read(row)["kind"] == row["kind"] for row in rows)
    assert len(rows) >= 500 and right / len(rows) >= 0.95, (right, len(rows))


def test_the_older_english_corpus_is_still_read_right():
    expected = json.loads((OLD / "expected.json").read_text())
    for name, case in expected.items():
        reading = replies.read_message(
            (OLD / f"{name}.eml").read_bytes(), case["zone"], datetime(2025, 1, 14, 23, tzinfo=UTC)
        )
        assert reading.kind == case["kind"], (name, reading)
        got = (
            reading.until.astimezone(ZoneInfo(case["zone"])).strftime("%Y-%m-%d %H:%M")
            if reading.until
            else None
        )
        assert got == case["until"], (name, reading)


def test_the_read_command_prints_one_json_line_per_file(tmp_path):
    sms = tmp_path / "text.txt"
    sms.write_text("Bel me morgen om 10 uur\n")
    files = [
        str(CORPUS / "heldout" / "h-de-05.eml"),
        str(sms),
        str(CORPUS / "tuning" / "t-en-11.eml"),
    ]
    out = io.StringIO()
    call_command(
        "read", *files, "--zone", "Europe/Amsterdam", "--now", "2026-03-10T10:00", stdout=out
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [set(x) for x in lines] == [{"file", "kind", "date", "language", "evidence"}] * 3
    assert lines[0] | {"evidence": ""} == {
        "file": files[0],
        "kind": "auto_reply",
        "date": "2026-03-23",
        "language": "de",
        "evidence": "",
    }
    assert (
        lines[1]["kind"] == "call_back"
        and lines[1]["date"] == "2026-03-11T10:00+01:00"
        and lines[1]["language"] == "nl"
    )
    assert "Bel me" in lines[1]["evidence"] and "morgen" in lines[1]["evidence"]
    assert lines[2]["kind"] == "bounce" and lines[2]["date"] is None
