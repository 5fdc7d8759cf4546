"""A person's own request to stop is an opt-out even beside footer-like words, and even
after a negated stop (review25 H1, M3): a footer is a block below the person's text, never
a sentence of their message nor the whole of it; a negation blocks only the stop it
governs; a Precedence header alone does not outrank the words "remove me"."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from fairchase.outreach import replies

RECEIVED = datetime(2026, 12, 7, 10, tzinfo=UTC)


def mail(body: str, precedence: str = "") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Ann <ann@customer.example>"
    msg["To"] = "sales@acme-roofing.example"
    msg["Subject"] = "Re: Your roof quote from Acme Roofing"
    msg["Date"] = "Mon, 07 Dec 2026 09:53:44 -0000"
    msg["Message-ID"] = "<reply@customer.example>"
    if precedence:
        msg["Precedence"] = precedence
    msg.set_content(body)
    return bytes(msg)


def read(body: str, learner="shipped", precedence: str = "") -> replies.Reading:
    return replies.read_message(mail(body, precedence), "Europe/Berlin", RECEIVED, learner)


STOPS = [
    "I would like to unsubscribe from your emails.",
    "I want to unsubscribe.",
    "I wish to unsubscribe.",
    "I'd like to unsubscribe, thanks.",
    "Trying to unsubscribe from this.",
    "You can unsubscribe me now.",
    "You never stop emailing me! Remove me from your list.",
    "I don't want you to stop calling, but stop emailing me.",
]


@pytest.mark.parametrize("learner", [None, "shipped"])
@pytest.mark.parametrize("body", STOPS)
def test_a_first_person_request_to_stop_is_an_opt_out(body, learner):
    reading = read(body, learner)
    assert reading.kind == "opt_out", (reading.kind, reading.evidence)


@pytest.mark.parametrize(
    "body, kept",
    [
        ("Hi,\nI want to unsubscribe from these emails.\nThanks", "I want to unsubscribe"),
        (
            "Hi Tom,\nThis email is to ask you to remove me from your list.\nAnn",
            "remove me from your list",
        ),
        (
            "Hello,\nConfidential: we went with another supplier. Please stop emailing me.\nAnn",
            "Please stop emailing me",
        ),
        ("Hi,\nYou can unsubscribe me, I'm not interested.\nAnn", "unsubscribe me"),
    ],
)
def test_the_persons_request_is_never_cut_as_a_footer(body, kept):
    reading = read(body)
    assert reading.kind == "opt_out", (reading.kind, reading.evidence)
    assert kept in reading.text


def test_a_footer_block_below_the_answer_is_still_cut():
    body = (
        "Hi Tom,\nThanks, please send the quote for the roof.\n\nAnn Lee\nLee Holdings\n"
        "This email and any attachments are confidential.\n"
        "To unsubscribe from our newsletter, click here."
    )
    reading = read(body, None)
    assert reading.kind == "interested", (reading.kind, reading.evidence)
    assert "confidential" not in reading.text


@pytest.mark.parametrize("precedence", ["bulk", "junk", "list"])
def test_a_precedence_header_does_not_outrank_remove_me(precedence):
    reading = read("Please remove me from your list and stop emailing me.", None, precedence)
    assert reading.kind == "opt_out", (reading.kind, reading.evidence)


def test_a_precedence_header_with_out_of_office_words_is_still_automatic():
    body = "I am out of the office until 14 December with no access to email."
    reading = read(body, None, "bulk")
    assert reading.kind == "auto_reply", (reading.kind, reading.evidence)
