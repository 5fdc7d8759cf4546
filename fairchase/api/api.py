"""The REST API (django-ninja): one Router per resource, OpenAPI at /api/openapi.json,
docs at /api/docs. Every lead goes through `leads.people` (another user's lead is
404) and every change through `leads.actions`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import NinjaAPI

from fairchase.leads.actions import ActionError
from fairchase.leads.normalize import InvalidContact

from .auth import TokenAuth
from .routers import agenda, attempts, commitments, leads

api = NinjaAPI(
    title="Fairchase API",
    version="1",
    description="Leads, attempts, commitments, the agenda and each lead's plan. "
    "Authenticate with a personal token: `Authorization: Bearer fc_...`. Create one on the "
    "**API** page of the app's menu (`/api/tokens/`), then press **Authorize** here and paste "
    "it to try any call from this page.",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/leads", leads.router)
api.add_router("/leads", attempts.router)
api.add_router("/", commitments.router)
api.add_router("/agenda", agenda.router)


@api.exception_handler(ActionError)
def _refused(request, exc: ActionError):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(InvalidContact)
def _invalid_contact(request, exc: InvalidContact):
    return api.create_response(request, {"detail": str(exc)}, status=422)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    return api.create_response(request, {"detail": "; ".join(exc.messages)}, status=422)
