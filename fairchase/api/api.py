"""The REST API (django-ninja): one Router per resource, OpenAPI at /api/openapi.json,
docs at /api/docs (both for a logged-in user or a token: `for_users`). Every lead goes through `leads.people` (another user's lead is
404) and every change through `leads.actions`."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from fairchase.leads.actions import ActionError
from fairchase.leads.normalize import InvalidContact

from . import errors
from .auth import TokenAuth
from .routers import agenda, attempts, commitments, leads


def for_users(view):
    """The docs and the OpenAPI schema for the team only (eval36 #6: both answered anyone):
    a logged-in person, or a program with a personal token (`TokenAuth`, as every call
    needs). Anyone else: the docs page sends a browser to the login page, the schema
    answers 401 in the API's error shape."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.user.is_authenticated or TokenAuth()(request) is not None:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            said = errors.said("Log in, or send your token: `Authorization: Bearer fc_...`.")
            return JsonResponse(said, status=401)
        return redirect_to_login(request.get_full_path())

    return checked


api = NinjaAPI(
    title="Fairchase API",
    version="1",
    description="Leads, attempts, commitments, the agenda and each lead's plan. "
    "Authenticate with a personal token: `Authorization: Bearer fc_...`. Create one on the "
    "**API** page of the app's menu (`/api/tokens/`), then press **Authorize** here and paste "
    "it to try any call from this page.\n\n" + errors.SHAPE,
    auth=TokenAuth(),
    urls_namespace="api",
    docs_decorator=for_users,
)
api.add_router("/leads", leads.router)
api.add_router("/leads", attempts.router)
api.add_router("/", commitments.router)
api.add_router("/agenda", agenda.router)


@api.exception_handler(NinjaValidationError)
def _does_not_fit(request, exc: NinjaValidationError):
    return api.create_response(request, errors.of_validation(exc.errors), status=422)


@api.exception_handler(ActionError)
def _refused(request, exc: ActionError):
    return api.create_response(request, errors.said(str(exc)), status=400)


@api.exception_handler(InvalidContact)
def _invalid_contact(request, exc: InvalidContact):
    return api.create_response(request, errors.said(str(exc)), status=422)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    """A model's check (`full_clean`): its field errors named, when it has them."""
    fields = exc.message_dict.items() if hasattr(exc, "error_dict") else []
    problems = [
        errors.problem(["body", "payload", f], m)
        for f, ms in fields
        if f != NON_FIELD_ERRORS
        for m in ms
    ]
    return api.create_response(request, errors.said("; ".join(exc.messages), *problems), status=422)


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return api.create_response(request, errors.said(str(exc) or "Not Found"), status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    """django-ninja's own refusals: 401 (no valid token), a body it cannot parse."""
    return api.create_response(request, errors.said(str(exc)), status=exc.status_code)
