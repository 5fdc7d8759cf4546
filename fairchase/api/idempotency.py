"""`Idempotency-Key` for the API's POSTs that add a row (an attempt, a commitment): a phone
system or a webhook relay retries after a timeout, and a call logged twice brings the stop
nearer and spends the weekly cap. The first answer is kept with the key, its caller and
endpoint and a hash of the body; the same key again answers it again, a different body
under the same key is a 422 (a client bug, never silently the first answer)."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Annotated

from django.db import IntegrityError, transaction
from django.utils import timezone
from ninja import Header, Status

from .errors import on_input
from .models import IdempotentRequest

KEPT = timedelta(hours=24)  # a retry comes within minutes; a day covers a queue's backlog
HEADER_HELP = (
    "Optional, up to 200 characters (a UUID, or the phone system's call id). The same key "
    "again within 24 hours, with the same body, is answered with the first answer (the same "
    "status and body) and adds nothing; with another "
    "body it is a 422. Send one on every retry-able POST."
)
# The header as an operation's parameter: documented in the OpenAPI schema, bounded.
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", min_length=1, max_length=200, description=HEADER_HELP),
]
OTHER_BODY = (
    "this key was used within the last 24 hours for a different request "
    "body; use a new key for a new request."
)


def _hash(payload) -> str:
    """The body as read (its fields, in a fixed order): a retry re-serialised by another
    library, with other spacing or key order, is the same request."""
    text = json.dumps(payload.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _replay(row: IdempotentRequest, body_hash: str):
    if row.body_hash != body_hash:
        return Status(422, on_input(["header", "Idempotency-Key"], OTHER_BODY))
    return Status(row.status, row.response)


def once(request, key: str | None, payload, schema, act):
    """Run `act()` -> (status, body) once per `key`: the answer of a key already used is
    given again (`schema` renders it as the API does, so the replay is byte for byte the
    same). Without a key, `act()` runs as always. The key's row is written in the same
    transaction as the action: a refusal (4xx raised) keeps no key, so a corrected retry
    may use it; a simultaneous twin waits on the unique key, then replays."""
    if key is None:
        status, body = act()
        return Status(status, body)
    endpoint = f"{request.method} {request.path}"[:200]
    body_hash = _hash(payload)
    now = timezone.now()
    IdempotentRequest.objects.filter(created_at__lt=now - KEPT).delete()
    found = IdempotentRequest.objects.filter(user=request.user, endpoint=endpoint, key=key)
    if (row := found.first()) is not None:
        return _replay(row, body_hash)
    try:
        with transaction.atomic():
            row = IdempotentRequest.objects.create(
                user=request.user, endpoint=endpoint, key=key, body_hash=body_hash,
                status=0, response={}, created_at=now,
            )  # fmt: skip
            status, body = act()
            row.status = status
            row.response = schema.model_validate(body).model_dump(mode="json")
            row.save(update_fields=["status", "response"])
    except IntegrityError:  # a twin sent at the same moment got there first
        return _replay(found.get(), body_hash)
    return Status(status, row.response)
