"""What every page of the web UI shares: login, the business's time zone, htmx helpers."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from fairchase.leads.models import BusinessSettings
from fairchase.leads.people import is_admin


def web_view(view):
    """Login required; times render and parse in the business's zone for this request."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.business = BusinessSettings.current()
        request.is_admin = is_admin(request.user)
        try:
            timezone.activate(request.business.business_timezone or "UTC")
        except Exception:  # an unreadable zone must not take the app down
            timezone.activate("UTC")
        try:
            return view(request, *args, **kwargs)
        finally:
            timezone.deactivate()

    return wrapper


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_errors(form) -> str:
    """All of a form's errors as one line (for a flash message after a redirect)."""
    return "; ".join(
        f"{'' if k == '__all__' else k + ': '}{' '.join(v)}" for k, v in form.errors.items()
    )
