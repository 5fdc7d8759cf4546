"""Saved messages read as the worker reads them: an `.eml` file is a mail, any other
file a text message. Used by `fairchase read`, the benchmark and the tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .. import replies


def read_file(
    path: str | Path, zone: str | None, now: datetime, learner="shipped"
) -> replies.Reading:
    """`now` is when the message arrived: a mail's own Date header is used when it has one.
    `learner` as for `replies.read_message`."""
    path = Path(path)
    raw = path.read_bytes()
    if path.suffix.lower() == ".eml":
        return replies.read_message(raw, zone, now, learner)
    return replies.read_text(raw.decode("utf-8", "replace"), now, zone, learner=learner)


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
