"""The token page: create (the secret is shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fairchase.web.views.common import web_view

from .errors import said
from .models import ApiToken


def no_such_endpoint(request):
    """A 404 in the API's one error shape for an address it does not have."""
    detail = f"No such endpoint: {request.path[:100]} (the endpoints are listed at /api/docs)."
    return JsonResponse(said(detail), status=404)


@require_http_methods(["GET", "POST"])
@web_view
def tokens(request):
    """Personal API tokens; a new one's secret appears on this response only."""
    secret = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:100] or "API token"
        token, secret = ApiToken.issue(request.user, name)
        messages.success(
            request, f"Token “{token.name}” created: copy it now, it will not be shown again."
        )
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=request.user),
            "secret": secret,
            "docs_url": request.build_absolute_uri("/api/docs"),
        },
    )


@require_POST
@web_view
def revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("api_tokens")
