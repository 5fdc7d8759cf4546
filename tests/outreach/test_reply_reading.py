"""Reading replies: a corpus of real-looking mail (tests/outreach/replies/*.eml) is
classified as expected, dates are read relative to the mail's date in the lead's
zone, and nothing ambiguous is acted on automatically."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fairchase.outreach import replies
from fairchase.outreach.dates import find_date

CORPUS = Path(__file__).parent / "replies"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


def test_the_corpus_has_at_least_30_replies_of_every_kind():
    assert len(EXPECTED) >= 30
    kinds = {case["kind"] for case in EXPECTED.values()}
    assert {"auto_reply", "opt_out", "not_interested", "later", "call_back", "interested", "reply"} <= kinds


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_reply_is_read_as_expected(name):
    case = EXPECTED[name]
    reading = replies.classify((CORPUS / f"{name}.eml").read_bytes(), case["zone"])
    assert reading.kind == case["kind"], reading
    if case["until"] is None:
        assert reading.until is None, reading
    else:
        local = reading.until.astimezone(ZoneInfo(case["zone"]))
        assert local.strftime("%Y-%m-%d %H:%M") == case["until"], reading


def test_ambiguous_replies_are_never_acted_on():
    for name, case in EXPECTED.items():
        if name.startswith(("mixed_", "unclear_")):
            assert replies.classify((CORPUS / f"{name}.eml").read_bytes(), case["zone"]).kind not in replies.ACTED_ON


def test_quoted_text_and_signatures_do_not_count():
    body = "Sounds good.\n\nOn Mon, Jan 13, 2025 at 4:05 PM Alice <a@x.test> wrote:\n> please remove me\n> unsubscribe\n"
    assert replies.new_text(body) == "Sounds good."
    assert replies.classify_text(body, datetime(2025, 1, 14, tzinfo=ZoneInfo("UTC"))).kind == replies.INTERESTED


def test_dates_are_read_in_the_leads_zone_relative_to_when_the_mail_was_written():
    written = datetime(2024, 12, 20, 23, 30, tzinfo=ZoneInfo("UTC"))  # already the 21st in Tokyo
    at, words = find_date("back on 3 January", written, "Asia/Tokyo")
    assert at.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M") == "2025-01-03 09:00"
    at, _ = find_date("tomorrow", written, "Asia/Tokyo")
    assert at.astimezone(ZoneInfo("Asia/Tokyo")).date().isoformat() == "2024-12-22"
    at, _ = find_date("tomorrow", written, "America/Los_Angeles")
    assert at.astimezone(ZoneInfo("America/Los_Angeles")).date().isoformat() == "2024-12-21"


def test_day_first_outside_the_americas_month_first_inside():
    written = datetime(2025, 1, 14, 12, tzinfo=ZoneInfo("UTC"))
    assert find_date("until 03/02", written, "Europe/London")[0].month == 2
    assert find_date("until 03/02", written, "America/Chicago")[0].month == 3


def test_numbers_that_are_not_dates_are_not_read_as_dates():
    written = datetime(2025, 1, 14, 12, tzinfo=ZoneInfo("UTC"))
    assert find_date("it costs 1.5 million and I may be free", written, "Europe/London") is None
