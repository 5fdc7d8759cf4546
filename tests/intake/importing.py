"""Importing a file written out in a test: the one setup the intake tests share, so each
test reads as the text it imports and what it expects of it."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.leads.models import Suppression


def import_text(
    owner, text: str, *, encoding: str = "utf-8", filename: str = "list.csv", **options
):
    """Import `text` as the bytes a spreadsheet would save (`encoding`, cp1252 for an old
    Excel) into `owner`'s book; other keywords go to import_file as they are."""
    return import_file(io.BytesIO(text.encode(encoding)), owner, filename=filename, **options)


def suppressed() -> dict[str, str]:
    """Every suppressed address with its reason, to compare with what an import should do."""
    return dict(Suppression.objects.values_list("value", "reason"))
