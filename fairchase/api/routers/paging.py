"""Pages of the lead list: by `offset`, or by an opaque `cursor` (keyset on the id, newest
first). An offset counts rows, so a lead that leaves the filter (closed by a teammate) or
arrives between two pages shifts the next page: a sync walking `status=open` by offset
skips people. A cursor names the last lead given: the next page starts below it, whatever
changed above."""

from __future__ import annotations

import base64
import binascii

from ..schemas import ListOrder

PREFIX = "id<"
CURSOR_HELP = (
    "The `next_cursor` of the previous page: the next leads after it, newest first (by id), "
    "none skipped or repeated while the team works. Only with `order=newest` and no `offset`."
)
UPDATED_SINCE_HELP = (
    "Only leads changed (details, status, attempts, plan inputs) at or after this time: "
    "a sync's second run asks for what changed since its first. A date alone is 00:00 that "
    "day in the business's time zone."
)


class BadCursor(ValueError):
    """A cursor this list did not give, or one it cannot follow (with an offset, or
    another order): a 422 saying so."""


def encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"{PREFIX}{pk}".encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.strip() + "=" * (-len(cursor.strip()) % 4))
        pk = int(text.decode("ascii").removeprefix(PREFIX)) if text.startswith(b"id<") else 0
    except (binascii.Error, ValueError, UnicodeDecodeError):
        pk = 0
    if not 1 <= pk <= 2**62:
        raise BadCursor("cursor: not a cursor this list gave (send `next_cursor` as it came).")
    return pk


def page_of(qs, order: ListOrder, limit: int, offset: int, cursor: str | None):
    """(the leads of this page, the cursor of the next page or None). A cursor walks by
    id: with `order=priority` (which changes as the team works, so no key is stable) or
    an offset it is refused."""
    if cursor is not None and (order != ListOrder.newest or offset):
        raise BadCursor(
            "cursor: a cursor walks newest first from where the last page ended: send it "
            "without `offset` and with `order=newest`."
        )
    if order == ListOrder.priority:
        return list(qs.order_by("-priority", "pk")[offset : offset + limit]), None
    if cursor is not None:
        qs = qs.filter(pk__lt=decode(cursor))
    rows = list(qs.order_by("-pk")[offset : offset + limit + 1])
    more = len(rows) > limit
    return rows[:limit], encode(rows[limit - 1].pk) if more else None
