"""Where the sentences of a folded message begin and end, found once per message and looked
up by bisection: the steps of `decide.py` ask "which sentence is this date in?" for every
date and cue, and scanning the text from its start each time made a long message with many
dates cost (dates x length)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at ! ? ; or a full stop that does not close a number ("am 15. April").
END = re.compile(r"[!?;]|(?<!\d)\.")
# Any mark that parts two places of one message ("Vor September nicht. Im Oktober gern.").
_PART = re.compile(r"[.!?;\n]")
# A mark that ends a sentence before a space ("We sign off on the 28th. Call me").
_STOP = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Sentences:
    text: str
    ends: tuple[int, ...]  # where each END match starts
    ends_after: tuple[int, ...]  # where each END match ends
    parts: tuple[int, ...]  # where each _PART mark is
    stops: tuple[int, ...]  # where each _STOP mark is

    def around(self, at: int) -> tuple[int, int]:
        """The sentence the place `at` is in: from just after the last end that finishes
        by `at` to the next end that starts at or after it (else the text's end)."""
        i = bisect_right(self.ends_after, at)
        start = self.ends_after[i - 1] if i else 0
        j = bisect_left(self.ends, at)
        return start, self.ends[j] if j < len(self.ends) else len(self.text)

    def same(self, a: int, b: int) -> bool:
        """No mark that parts sentences (or a line break) between `a` and `b`."""
        lo, hi = min(a, b), max(a, b)
        return not _any_in(self.parts, lo, hi)

    def apart(self, a: int, b: int) -> bool:
        """A sentence ends between `a` and `b` (a full stop, ! or ? before a space, or
        as the last character before `b`)."""
        lo, hi = min(a, b), max(a, b)
        if hi > lo and self.text[hi - 1] in ".!?":
            return True
        return _any_in(self.stops, lo, hi - 1)


def _any_in(marks: tuple[int, ...], lo: int, hi: int) -> bool:
    """Is any of the sorted `marks` in [lo, hi)?"""
    i = bisect_left(marks, lo)
    return i < len(marks) and marks[i] < hi


def index(text: str) -> Sentences:
    ends = [(e.start(), e.end()) for e in END.finditer(text)]
    return Sentences(
        text,
        tuple(s for s, _ in ends),
        tuple(e for _, e in ends),
        tuple(m.start() for m in _PART.finditer(text)),
        tuple(m.start() for m in _STOP.finditer(text)),
    )


# The message being read, asked about many times.
of = lru_cache(maxsize=8)(index)
