"""Pages of the lead list: by `offset`, or by an opaque `cursor`, a keyset on the order's
own columns with the id as the tie-break. An offset counts rows, so a lead that leaves the
filter (closed by a teammate) or arrives between two pages shifts the next page: a sync
walking `status=open` by offset skips people. A cursor names where the last page ended
(the last lead's key): the next page starts after it, whatever changed before it.

Each order is its columns, best first: `newest` the id, descending; `priority` the stored
priority (a NOT NULL float: 0.0 for a lead with nothing planned, so ties are many), then
the id ascending. The cursor carries its order's name, so a cursor of one order sent with
another is refused, never read as a key it is not."""

from __future__ import annotations

import base64
import binascii

from django.db.models import Q

from ..schemas import ListOrder

# (column, descending) of each order, the id last: the rows' one total order.
ORDERS = {
    ListOrder.newest: (("pk", True),),
    ListOrder.priority: (("priority", True), ("pk", False)),
}
OLD_PREFIX = "id<"  # the cursors given before every order had one: newest first
MAX_ID = 2**62
CURSOR_HELP = (
    "The `next_cursor` of the previous page, with the same filters and `order` and no "
    "`offset`: the leads after the last one given, in that order. Leads added or leaving "
    "the filter meanwhile shift nobody: every lead there throughout is given once (one "
    "whose own priority changes mid-walk, with `order=priority`, may move across the page's "
    "edge). A cursor of another order is a 400."
)
UPDATED_SINCE_HELP = (
    "Only leads changed (details, status, attempts, plan inputs) at or after this time: "
    "a sync's second run asks for what changed since its first. A date alone is 00:00 that "
    "day in the business's time zone."
)


NOT_OURS = "not a cursor this list gave (send `next_cursor` as it came)."


class BadCursor(ValueError):
    """A cursor this list did not give: a 422 on the `cursor` field."""


class CursorMisused(ValueError):
    """A cursor sent with what it cannot go with (an offset, another order): a 400."""


def encode(order: ListOrder, lead) -> str:
    """The cursor after `lead` in `order`: its name and the lead's values of its columns."""
    values = [
        repr(float(lead.priority)) if col == "priority" else str(lead.pk)
        for col, _ in ORDERS[order]
    ]
    text = ":".join([order.value, *values])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _text(cursor: str) -> str:
    cursor = cursor.strip()
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadCursor from None


def _key(column: str, value: str):
    if column != "pk":
        return float(value)  # repr of a float: read back to the same double
    pk = int(value)
    if not 1 <= pk <= MAX_ID:
        raise ValueError(value)
    return pk


def decode(cursor: str) -> tuple[ListOrder, tuple]:
    """(the cursor's order, its key: one value per column of the order)."""
    text = _text(cursor)
    if text.startswith(OLD_PREFIX):
        text = f"{ListOrder.newest.value}:{text.removeprefix(OLD_PREFIX)}"
    name, _, rest = text.partition(":")
    try:
        order = ListOrder(name)
        columns = ORDERS[order]
        parts = rest.split(":")  # one per column: zip(strict) refuses more or fewer
        return order, tuple(_key(col, part) for (col, _), part in zip(columns, parts, strict=True))
    except ValueError:
        raise BadCursor from None


def after(key: tuple, columns) -> Q:
    """The rows after `key` in the order `columns`: beyond it on the first column, or equal
    there and beyond on the next, and so on (the columns are NOT NULL: no NULL to place).
    A NaN priority (PostgreSQL keeps one, above every number) compares as the order sorts."""

    def beyond(i: int) -> Q:
        col, desc = columns[i]
        return Q(**{f"{col}__{'lt' if desc else 'gt'}": key[i]})

    q = beyond(len(columns) - 1)
    for i in range(len(columns) - 2, -1, -1):
        q = beyond(i) | (Q(**{columns[i][0]: key[i]}) & q)
    return q


def _checked(cursor: str, order: ListOrder, offset: int) -> tuple:
    if offset:
        raise CursorMisused(
            "a cursor goes on from where the last page ended: send it without `offset`."
        )
    given, key = decode(cursor)
    if given != order:
        raise CursorMisused(
            f"this cursor walks `order={given.value}`, not `order={order.value}`: "
            f"send it with `order={given.value}`, or start again without a cursor."
        )
    return key


def page_of(qs, order: ListOrder, limit: int, offset: int, cursor: str | None):
    """(the leads of this page, the cursor of the next page or None), in `order`. Raises
    BadCursor for a cursor this list did not give, CursorMisused for one sent with an offset
    or with another order than its own."""
    columns = ORDERS[order]
    if cursor is not None:
        qs = qs.filter(after(_checked(cursor, order, offset), columns))
    ordering = [f"-{col}" if desc else col for col, desc in columns]
    rows = list(qs.order_by(*ordering)[offset : offset + limit + 1])
    more = len(rows) > limit
    return rows[:limit], encode(order, rows[limit - 1]) if more else None
