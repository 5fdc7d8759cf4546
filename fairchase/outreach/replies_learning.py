"""The reader's classifier as this business has taught it: the shipped labelled examples
plus every correction a person made (`ReadingCorrection`), the latest per message.

The reader (`replies.read_message`, `replies.read_text`) stays pure: the worker asks
`learner()` here for the classifier and passes it in. Fitting takes a fraction of a
second and is kept per set of corrections (`reading.learned.learner`), so a process
refits only after a correction; asking costs one query."""

from __future__ import annotations

from .models import ReadingCorrection
from .reading import learned


def corrections() -> tuple[learned.Example, ...]:
    """Every correction as a labelled example; a message corrected twice counts once, as
    last corrected."""
    latest: dict[object, learned.Example] = {}
    rows = ReadingCorrection.objects.order_by("pk").values_list(
        "pk", "inbound_id", "text", "right_kind", "language"
    )
    for pk, inbound, text, kind, language in rows:
        if kind in learned.LEARNED and text.strip():
            latest[inbound if inbound is not None else ("row", pk)] = learned.Example(
                text, kind, language, "correction"
            )
    return tuple(latest.values())


def learner() -> learned.Learner:
    return learned.learner(corrections())
