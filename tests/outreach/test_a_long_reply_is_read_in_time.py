"""A long reply never holds the worker: only the first `READ_CHARS` characters of what the
person wrote are read; a request to stop is still found anywhere in a long reply (leaving
someone alone is the safe side). How the reading time grows with the length (not its
square) is measured by `python -m bench replies` (bench/replies_long.py), not here."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from fairchase.outreach import replies

SENT = datetime(2026, 3, 2, 9, tzinfo=UTC)
# Many dates and no end of a sentence: each date used to scan the text before it again.
DATES = "next week on monday at 3pm or tuesday "
FILLER = "lorem ipsum dolor sit amet "


def _mail(body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "paul@example.com"
    msg["Subject"] = "Re: your quote"
    msg.set_content(body)
    return msg.as_bytes()


def test_a_reply_of_hundreds_of_kilobytes_is_read_as_its_first_part_is():
    body = DATES * 10_000  # 380 KB
    whole = replies.read_message(_mail(body), "Europe/Berlin", SENT)
    first = replies.read_text(replies.to_read(body), SENT, "Europe/Berlin", channel="email")
    assert (whole.kind, whole.until) == (first.kind, first.until)
    assert len(replies.to_read(body)) <= replies.READ_CHARS
    assert whole.text == body.strip()  # the person sees all of it


def test_the_reading_of_a_long_reply_is_given_its_first_part_only(monkeypatch):
    # What bounds the worker's time on any reply: the decision sees at most READ_CHARS
    # characters (the time per character is measured by the bench, not here).
    seen = []
    decide = replies.decide

    def spy(read, *args, **kwargs):
        seen.append(read)
        return decide(read, *args, **kwargs)

    monkeypatch.setattr(replies, "decide", spy)
    replies.read_message(_mail(DATES * 10_000), "Europe/Berlin", SENT)
    assert len(seen) == 1 and 0 < len(seen[0]) <= replies.READ_CHARS


def test_words_after_the_first_part_decide_nothing():
    body = FILLER * 500 + "Please call me tomorrow at 10."
    assert len(body) > replies.READ_CHARS
    assert replies.read_text(body, SENT, "Europe/Berlin").kind != replies.CALL_BACK
    assert replies.read_text(body[-40:], SENT, "Europe/Berlin").kind == replies.CALL_BACK


def test_a_request_to_stop_is_read_at_the_start_or_anywhere_after_it():
    early = "Stop emailing me. " + FILLER * 500
    late = FILLER * 500 + "Please stop emailing me, I am not interested. " + FILLER * 100
    for body in (early, late):
        assert replies.read_text(body, SENT, "Europe/Berlin").kind == replies.OPT_OUT, body[:40]
    # found in the grammar's words too ("no further mailings"), as in a short reply
    grammar = FILLER * 500 + "We want no further mailings from your company."
    assert replies.read_text(grammar, SENT, "Europe/Berlin").kind == replies.OPT_OUT
