"""Saved messages read as the worker reads them: an `.eml` file is a mail, any other
file a text message. Used by `fairchase read`, the benchmark and the tests."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from .. import replies


def read_file(
    path: str | Path, zone: str | None, now: datetime, learner="shipped"
) -> replies.Reading:
    """`now` is when the message arrived: a mail's own Date header is used when it has one.
    `learner` as for `replies.read_message`."""
    path = Path(path)
    return read_raw(path.read_bytes(), path.suffix.lower() == ".eml", zone, now, learner)


def read_raw(
    raw: bytes, mail: bool, zone: str | None, now: datetime, learner="shipped"
) -> replies.Reading:
    """A saved message's bytes read as a mail (`mail`) or a text message, as `read_file`."""
    if mail:
        return replies.read_message(raw, zone, now, learner)
    return replies.read_text(raw.decode("utf-8", "replace"), now, zone, learner=learner)


# Headers a saved mail starts with (an .eml, `formail`, a mailbox's raw source)
MAIL_START = re.compile(
    rb"(?i)^(from |return-path|received|delivered-to|from|to|subject|date|message-id|"
    rb"mime-version|x-[a-z0-9-]+|arc-[a-z-]+|dkim-signature|authentication-results):"
)


def looks_like_mail(raw: bytes) -> bool:
    """Whether bytes with no file name (standard input) are a saved mail, not a text
    message: they start with a mail header ("Received:", "From:", mbox's "From ")."""
    return bool(MAIL_START.match(raw.lstrip()[:200])) or raw.startswith(b"From ")


def as_json(path: str | Path, reading: replies.Reading) -> dict:
    """The line `fairchase read` prints: kind, date (ISO, in the lead's zone), language, evidence."""
    when = reading.until
    if when is not None and reading.kind != replies.CALL_BACK:
        date = when.date().isoformat()
    else:
        date = when.isoformat(timespec="minutes") if when else None
    return {
        "file": str(path),
        "kind": reading.kind,
        "date": date,
        "language": reading.language,
        "evidence": reading.evidence,
    }
