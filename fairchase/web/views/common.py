"""What every page of the web UI shares: login, the business's time zone, htmx helpers."""

from __future__ import annotations

from contextlib import contextmanager
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import render
from django.utils import timezone

from fairchase.leads import home
from fairchase.leads.models import BusinessSettings
from fairchase.leads.people import is_admin


@contextmanager
def business_zone(request):
    """Times render and parse in the business's zone while inside (an unreadable zone falls
    back to UTC rather than take the app down)."""
    request.business = BusinessSettings.current()
    try:
        timezone.activate(request.business.business_timezone or "UTC")
    except Exception:
        timezone.activate("UTC")
    try:
        with home.held(request.business.home):  # its numbers and amounts read by this row
            yield
    finally:
        timezone.deactivate()


def web_view(view):
    """Login required; times render and parse in the business's zone for this request."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.is_admin = is_admin(request.user)
        with business_zone(request):
            return view(request, *args, **kwargs)

    return wrapper


def not_found(request, exception=None):
    """The 404 page, its zone note in the business's zone like every other page (Django's
    own handler renders it after the view's zone is gone: it said UTC)."""
    with business_zone(request):
        return render(request, "404.html", status=404)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_errors(form) -> str:
    """All of a form's errors as one line (for a flash message), each after its field's label
    as the form shows it ("When", "Revisit on"), never the field's name in the code."""
    return "; ".join(
        f"{'' if k == NON_FIELD_ERRORS or k not in form.fields else form[k].label + ': '}"
        f"{' '.join(v)}"
        for k, v in form.errors.items()
    )
