"""What the paraphrase tests share: tables of {kind: {language: [texts]}} flattened into
cases, and one reading of a text at a fixed moment in a fixed zone."""

from __future__ import annotations

from datetime import UTC, datetime

from fairchase.outreach import replies

MOMENT = datetime(2026, 3, 10, 9, tzinfo=UTC)  # a Tuesday morning


def cases(*tables: dict) -> list[tuple[str, str, str]]:
    """(kind, language, text) for every text of every table."""
    return [
        (kind, lang, text)
        for table in tables
        for kind, langs in table.items()
        for lang, texts in langs.items()
        for text in texts
    ]


def case_ids(rows: list[tuple]) -> list[str]:
    return [f"{row[0]}-{row[1]}-{i}" for i, row in enumerate(rows)]


def read(text: str):
    """The reading of an email saying `text`, received at MOMENT by a lead in Berlin."""
    return replies.read_text(text, MOMENT, "Europe/Berlin", channel="email")
