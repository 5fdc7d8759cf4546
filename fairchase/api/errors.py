"""The API's one error shape, whatever refused the request (the middleware, the schema, a
view, an action): `{"detail": "<one sentence>", "errors": [...]}`. `detail` is always a
string a person can read; `errors` lists the problems tied to one input, each with
`field` (its name: `email`, `signals.1`, `limit`, `Idempotency-Key`; null for the body as
a whole), `message`, `loc` (where it was: `["body", "payload", "email"]`,
`["query", "limit"]`) and `type` (a code: `missing`, `literal_error`, ...); it is empty
for a refusal of the request as a whole (a state the lead is in, a body too large)."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

SHOWN = 5  # problems named in `detail`; `errors` lists them all
SHAPE = (
    'Every error (4xx) answers `{"detail": "<one sentence>", "errors": [{"field": '
    '"email", "message": "...", "loc": ["body", "payload", "email"], "type": "..."}]}`: '
    "`detail` is always a string; `errors` lists the problems tied to one input (empty "
    "when the request is refused as a whole). 400: the request cannot be taken as sent "
    "(not JSON, an unknown query parameter, a cursor with another order, an action the "
    "lead's state refuses); 401: no valid token; 404: no such record of yours (or no such "
    "address); 405: a method the address does not take (`Allow` names those it does); 409: it "
    "conflicts with what is there (someone else's lead, a commitment already resolved); "
    "413: the body is over 2.5 MB; 415: the body is not `application/json`; 422: a value "
    "does not fit (a wrong type, a field missing or unknown, a bound, an unreadable "
    "address or cursor, an `Idempotency-Key` reused with another body)."
)


class FieldError(Schema):
    field: str | None = Field(description="The input's name; null: the body as a whole")
    message: str
    loc: list[str | int] = Field(description="Where: body, query, path or header, then names")
    type: str


class Error(Schema):
    detail: str = Field(description="What is wrong, in one sentence")
    errors: list[FieldError] = Field(
        default_factory=list, description="The problems tied to one input each"
    )


def field_of(loc: list) -> str | None:
    """An input's name from its `loc`: a body's fields after `["body", "<param>"]`, a query's,
    path's or header's after its first part; None for the body as a whole."""
    parts = loc[2:] if loc[:1] == ["body"] else loc[1:]
    return ".".join(str(part) for part in parts) or None


def problem(loc: list, message: str, kind: str = "invalid") -> dict[str, Any]:
    return {"field": field_of(loc), "message": message, "loc": list(loc), "type": kind}


def said(detail: str, *problems: dict[str, Any]) -> dict[str, Any]:
    """An error body: `detail` and the problems tied to an input (`problem(...)`)."""
    return {"detail": detail, "errors": list(problems)}


def on_input(loc: list, message: str, kind: str = "invalid") -> dict[str, Any]:
    """An error body about one input: `detail` names it ("owner: ..."), `errors` holds it."""
    name = field_of(loc)
    return said(f"{name}: {message}" if name else message, problem(loc, message, kind))


def of_validation(errors: list[dict]) -> dict[str, Any]:
    """An error body from pydantic's (or django-ninja's) list of problems, each with `loc`,
    `msg` and `type`: `detail` names the first few ("email: ...; name: Field required")."""
    problems = [
        problem(list(e.get("loc") or []), str(e.get("msg", "")), str(e.get("type", "invalid")))
        for e in errors
    ]
    named = [f"{p['field']}: {p['message']}" if p["field"] else p["message"] for p in problems]
    more = len(named) - SHOWN
    detail = "; ".join(named[:SHOWN]) + (f"; and {more} more" if more > 0 else "")
    return said(detail or "The request does not fit.", *problems)
