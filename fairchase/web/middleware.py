"""Malformed input is refused at the door with 400 and a message, never a 500 deeper in.

Every request's path, query string and form fields, and every JSON body, are checked
before any view runs:
- NUL characters (PostgreSQL cannot store them; SQLite would keep them silently),
- lone UTF-16 surrogates such as `\\ud800` in JSON (no UTF-8 encoding exists for them),
- JSON nested deeper than MAX_JSON_DEPTH (Python's parser would hit its recursion limit),
- bodies over DATA_UPLOAD_MAX_MEMORY_SIZE and more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields.
A form body whose Content-Type names its charset (`; charset=ISO-8859-1`, valid HTTP that
hand-written forms on older sites send) is read in that charset, where Django refuses it.
Field lengths and types are each view's business (forms, API schemas, capture).
A person's form upload Django cannot read (a file name too long) goes back to its page with
an error (`_upload_unread`), not a bare 400.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import (
    BadRequest,
    DisallowedHost,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme

MAX_JSON_DEPTH = 32


class Malformed(ValueError):
    """The request cannot be read as sent; the message says why, for the sender."""


def text_problem(value: str) -> str | None:
    """Why this text cannot be stored, or None."""
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired UTF-16 surrogate (not valid Unicode)"
    return None


def _check_text(where: str, value: str) -> None:
    problem = text_problem(value)
    if problem:
        raise Malformed(f"{where} {problem}.")


def _check_json(value, where: str = "The body", depth: int = 0) -> None:
    if depth > MAX_JSON_DEPTH:
        raise Malformed(f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.")
    if isinstance(value, str):
        _check_text(where, value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text("A field name", k)
            _check_json(v, f"The field {k[:40]!r}", depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_json(v, where, depth + 1)


def declared_charset(request) -> str | None:
    """The charset the Content-Type names when it is a known codec (Django keeps only those
    in `request.encoding`) other than "utf-8" as Django spells it, else None: UTF-8."""
    charset = request.encoding
    return charset if charset and charset.lower() != "utf-8" else None


def json_body(request) -> str | bytes:
    """The body to give `json.loads`: its bytes (which json.loads reads as UTF-8, JSON's
    own encoding, or UTF-16/32 by their BOM), or, when they are not UTF-8 and the
    Content-Type names another charset, the body decoded in it. Raises UnicodeDecodeError
    when the body is text in neither."""
    charset = declared_charset(request)
    if charset:
        try:
            request.body.decode("utf-8")
        except UnicodeDecodeError:  # a charset on JSON means nothing to a reader of UTF-8
            return request.body.decode(charset)
    return request.body


def _read_form_in(request, charset: str) -> None:
    """Parse a urlencoded form body in its declared `charset`, which Django refuses
    (BadRequest) in `request.POST`: the fields, raw or %-escaped, are read as sent."""
    if "name=a&b".encode(charset, errors="replace") != b"name=a&b":  # UTF-16 and the like
        raise Malformed(f"A form body in {charset} cannot be read: send it in UTF-8.")
    # decoded in the charset, its %-escapes too (and the field count bounded, as Django's)
    fields = QueryDict(request.body, encoding=charset)
    # What request.POST returns from now on (Django's own cache of the parsed body).
    request._post, request._files = fields, MultiValueDict()


def check_request(request) -> None:
    """Raise Malformed when the request carries input no view can store."""
    _check_text("The address", request.path)
    for key, values in request.GET.lists():
        _check_text("A query parameter name", key)
        for v in values:
            _check_text(f"The query parameter {key[:40]!r}", v)
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    content_type = request.content_type or ""
    if _api_call(request):
        # A call without a token is answered 401 by the API, whatever its body: the body's
        # shape is said only to someone allowed to send one.
        if request.headers.get("Authorization"):
            _check_api_body(request, content_type)
        return
    charset = declared_charset(request)
    if content_type == "application/x-www-form-urlencoded" and charset and request.method == "POST":
        _read_form_in(request, charset)
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            _check_text("A field name", key)
            for v in values:
                _check_text(f"The field {key[:40]!r}", v)
    # The capture webhook (/json/) reads its body as JSON whatever the Content-Type says.
    elif (content_type.endswith("json") or request.path.endswith("/json/")) and request.body:
        try:
            data = json.loads(json_body(request))
        except RecursionError:
            raise Malformed(
                f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
            ) from None
        except ValueError:
            return  # not JSON at all: the view says so in its own words
        _check_json(data)


class NotJson(Malformed):
    """A body the token API cannot take as JSON: a 415 (the wrong Content-Type)."""


def _api_call(request) -> bool:
    """The token API (django-ninja), not its token pages (web forms behind a login)."""
    return request.path.startswith("/api/") and not request.path.startswith("/api/tokens/")


def _check_api_body(request, content_type: str) -> None:
    """The API takes JSON only, said in words: another Content-Type is a 415 (a form or a
    text body was read as JSON before), a body that is not UTF-8 or not JSON a 400 saying
    which, never ninja's "Cannot parse request body"."""
    if not request.body:
        return
    if not content_type.endswith("json"):
        raise NotJson(
            "The body must be JSON with `Content-Type: application/json`"
            f" (got {content_type or 'no Content-Type'})."
        )
    try:
        data = json.loads(json_body(request))
    except UnicodeDecodeError:
        raise Malformed("The body must be JSON in UTF-8.") from None
    except RecursionError:
        raise Malformed(
            f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
        ) from None
    except ValueError as exc:
        raise Malformed(f"The body is not valid JSON ({exc}).") from None
    _check_json(data)


def _machine(request) -> bool:
    """Whether a program, not a person's browser, sent the request (it is answered JSON)."""
    return (
        request.path.startswith("/api/")
        or request.path.endswith("/json/")
        or "json" in (request.content_type or "")
        or "json" in request.headers.get("Accept", "")
    )


def _refusal(request, message: str, status: int = 400) -> HttpResponse:
    if _api_call(request):  # the API's one error shape (`api.errors`): nothing tied to a field
        return JsonResponse({"detail": message, "errors": []}, status=status)
    if _machine(request):
        return JsonResponse({"detail": message, "error": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


# Django reads at most 1,024 bytes of an uploaded part's headers: a longer file name fails so.
HEADERS_TOO_LONG = "Request max total header size exceeded."
NAME_TOO_LONG = "That file's name is too long: rename it and upload again."
UPLOAD_UNREAD = "The upload could not be read: choose the file and upload again."


def _upload_unread(request, exc: MultiPartParserError) -> HttpResponse:
    """A form upload Django cannot read (a file name of 1,000 characters, eval36 #5): a
    person is sent back to the page the form was on (its `Referer`, on this site; else
    Today) with an error saying what to do, as the import's own refusals are, instead of a
    bare text 400; a program gets its 400. Read before the session is: the error goes in
    the messages cookie, which the next page shows."""
    said = NAME_TOO_LONG if str(exc) == HEADERS_TOO_LONG else UPLOAD_UNREAD
    if _api_call(request) or _machine(request):
        return _refusal(request, said)
    back = request.headers.get("Referer", "")
    try:
        here = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    except DisallowedHost:
        here = False
    parts = urlsplit(back)
    response = HttpResponseRedirect(
        # one leading slash: "//evil.example/x" would leave the site (review31 #8)
        urlunsplit(("", "", "/" + parts.path.lstrip("/"), parts.query, "")) if here else "/",
        status=303,
    )
    storage = CookieStorage(request)  # the session is not read yet
    storage.add(messages.ERROR, said)
    storage.update(response)
    return response


class MalformedInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_request(request)
        except Malformed as exc:
            return _refusal(request, str(exc), status=415 if isinstance(exc, NotJson) else 400)
        except RequestDataTooBig:
            return _refusal(request, "The request body is too large.", status=413)
        except TooManyFieldsSent:
            return _refusal(request, "The request has too many fields.")
        except MultiPartParserError as exc:
            return _upload_unread(request, exc)
        except (
            BadRequest,
            SuspiciousOperation,
            UnicodeDecodeError,
        ) as exc:
            return _refusal(request, f"The request body cannot be read ({type(exc).__name__}).")
        return _method_said(request, self.get_response(request))


def _method_said(request, response):
    """django-ninja answers a method an API address does not take with a bare text 405: in
    the API's error shape instead, naming the methods it takes (its `Allow` header kept)."""
    if response.status_code != 405 or not _api_call(request):
        return response
    allowed = response.get("Allow", "")
    said = _refusal(request, f"{request.method[:10]} is not allowed here: use {allowed}.", 405)
    said["Allow"] = allowed
    return said
