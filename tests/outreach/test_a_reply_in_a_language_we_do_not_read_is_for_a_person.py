"""A reply in a script none of our six languages use (Chinese, Japanese, Arabic, Hindi) is
read as unclear, for a person, saying it is in a language Fairchase does not read, with no
language named: "please don't contact me again" in Chinese was labelled Portuguese and its
evidence was whatever the rules or the learned reader made of it (eval24 finding 7)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fairchase.outreach import replies
from fairchase.outreach.reading.decide import NOT_OUR_LANGUAGE

SENT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "谢谢，我们不需要。请不要再联系我。",
        "お世話になっております。今後は連絡しないでください。",
        "شكراً، لست مهتماً. الرجاء عدم مراسلتي مرة أخرى.",
        "कृपया मुझसे दोबारा संपर्क न करें।",
    ],
)
def test_it_is_left_for_a_person_in_no_language_of_ours(text):
    reading = replies.read_text(text, SENT, "Europe/Berlin", channel="email")
    assert (reading.kind, reading.evidence, reading.language) == ("unclear", NOT_OUR_LANGUAGE, "")


def test_a_reply_in_our_letters_is_read_as_before():
    reading = replies.read_text("Bitte nicht mehr kontaktieren.", SENT, "Europe/Berlin")
    assert (reading.kind, reading.language) == ("opt_out", "de")
