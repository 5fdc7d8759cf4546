"""One router per resource; `ERRORS` documents the 4xx answers every operation may give."""

from ..schemas import Error

ERRORS = {400: Error, 401: Error, 404: Error, 422: Error}


def responses(ok_status: int, ok_schema) -> dict:
    return {ok_status: ok_schema, **ERRORS}
