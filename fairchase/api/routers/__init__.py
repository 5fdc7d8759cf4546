"""One router per resource; `ERRORS` documents the 4xx answers every operation may give;
`known_params` refuses a list's query parameter it does not take."""

from __future__ import annotations

import functools
import inspect

from ninja import Status

from ..errors import Error, problem, said

# 413 (a body over 2.5 MB) and 415 (a body not sent as JSON) come from the middleware.
ERRORS = {400: Error, 401: Error, 404: Error, 413: Error, 415: Error, 422: Error}


def responses(ok_status: int, ok_schema) -> dict:
    return {ok_status: ok_schema, **ERRORS}


def known_params(view):
    """A list endpoint that answers 400 to a query parameter it does not take, naming it and
    the ones it does: `/api/leads?staus=won` would otherwise list every lead, as if the
    filter had found them. Its parameters are the view's own (`request` and the path's
    aside), read once from its signature, which django-ninja still reads."""
    taken = [n for n in inspect.signature(view).parameters if n != "request"]

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        path = request.resolver_match.kwargs if request.resolver_match else {}
        accepted = [n for n in taken if n not in path]
        unknown = [n for n in request.GET if n not in accepted]
        if unknown:
            named = ", ".join(f"'{n[:40]}'" for n in unknown[:5])
            takes = ", ".join(accepted) if accepted else "none"
            word = "parameter" if len(unknown) == 1 else "parameters"
            detail = f"Unknown query {word} {named}: this takes {takes}."
            wrong = [
                problem(["query", n[:40]], "unknown query parameter", "unknown")
                for n in unknown[:20]
            ]
            return Status(400, said(detail, *wrong))
        return view(request, *args, **kwargs)

    # resolved here: django-ninja reads string annotations in the wrapper's module, not the view's
    checked.__signature__ = inspect.signature(view, eval_str=True)
    return checked
