"""One router per resource; `ERRORS` documents the 4xx answers every operation may give."""

from ..schemas import Error

# 413 (a body over 2.5 MB) and 415 (a body not sent as JSON) come from the middleware.
ERRORS = {400: Error, 401: Error, 404: Error, 413: Error, 415: Error, 422: Error}


def responses(ok_status: int, ok_schema) -> dict:
    return {ok_status: ok_schema, **ERRORS}
