"""The "Capture & import" page, capture-form management and the public endpoints."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import JsonResponse
from django.http.request import RawPostDataException
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from fairchase.leads.people import display_name, profile_of, team
from fairchase.params import an_id
from fairchase.web.middleware import declared_charset, json_body
from fairchase.web.throttle import client_ip
from fairchase.web.views.common import web_view

from ..calendar import calendar_secret
from ..capture import (
    HONEYPOT,
    MAX_FIELD,
    CaptureError,
    capture,
    person_or_form_limited,
    rate_limited,
    receiver_of,
    snippet_html,
)
from ..models import CaptureForm, ImportJob

# A submission is a few short fields: anything bigger is refused before it is read.
MAX_BODY = 64 * 1024
# Every field a submission may carry, with its longest allowed value.
FIELDS = {
    **MAX_FIELD,
    "first_name": 100,
    "last_name": 100,
    HONEYPOT: 500,
    "mailing_list": 10,
    "sms": 10,
}
JSON_TYPES = {
    dict: "an object",
    list: "a list",
    bool: "true or false",
    int: "a number",
    float: "a number",
}
# Fields that are yes or no (a checkbox, or true/1 from a webhook); the honeypot's any value
# is a bot's. Every other field is text (a phone may come as a whole number, as tools send
# one): a name of 123 is a mistake, said with a 400.
SWITCHES = {"mailing_list", "sms", HONEYPOT}
# Fields that end up in email subjects and headers: one line, no control characters.
ONE_LINE = {"name", "first_name", "last_name", "company", "email", "phone"}


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@web_view
def home(request):
    """Capture forms with their snippets, import, export and the calendar feed."""
    base = _base_url(request)
    forms = (
        CaptureForm.objects.filter(owner=request.user)
        if not request.is_admin
        else CaptureForm.objects.select_related("owner")
    )
    rows = [
        {
            "form": f,
            "snippet": snippet_html(f, base),
            "webhook": base + reverse("intake:webhook", args=[f.webhook_key]),
            "receiver": receiver_of(f),
        }
        for f in forms
    ]
    feed = base + reverse("intake:calendar", args=[calendar_secret(profile_of(request.user))])
    return render(
        request,
        "intake/home.html",
        {
            "forms": rows,
            "feed_url": feed,
            "team": team(request.user),
            # an owner/admin sees the team's latest imports, a salesperson their own
            "jobs": (
                ImportJob.objects.select_related("user")
                if request.is_admin
                else ImportJob.objects.filter(user=request.user)
            )[:5],
        },
    )


def _own_form(request, pk) -> CaptureForm:
    qs = (
        CaptureForm.objects.all()
        if request.is_admin
        else CaptureForm.objects.filter(owner=request.user)
    )
    return get_object_or_404(qs, pk=pk)


@require_POST
@web_view
def form_create(request):
    name = request.POST.get("name", "").strip()[:100] or "Website enquiry form"
    owner = request.user
    owner_id = an_id(request.POST.get("owner"))
    if owner_id is not None:
        owner = team(request.user).filter(pk=owner_id).first() or request.user
    CaptureForm.objects.create(
        name=name, owner=owner, acknowledge=bool(request.POST.get("acknowledge"))
    )
    messages.success(
        request, f"Capture form “{name}” created: paste its snippet into your website."
    )
    return redirect("intake:home")


@require_POST
@web_view
def form_update(request, pk):
    form = _own_form(request, pk)
    action = request.POST.get("action")
    if action == "rotate":
        form.rotate_key()
        messages.success(request, f"New key for “{form.name}”: update the snippet on your website.")
    elif action == "rotate_webhook":
        form.rotate_webhook_key()
        messages.success(
            request,
            f"New webhook address for “{form.name}”: update it where your tools post to it.",
        )
    elif action == "delete":
        form.delete()
        messages.success(request, f"Capture form “{form.name}” deleted.")
    else:
        form.acknowledge = bool(request.POST.get("acknowledge"))
        form.thanks_url = request.POST.get("thanks_url", "").strip()[:200]
        if form.thanks_url and not form.thanks_url.startswith(("https://", "http://")):
            form.thanks_url = ""
        owner_id = an_id(request.POST.get("owner"))
        if owner_id is not None:  # someone still here, among those this user may give leads to
            form.owner = team(request.user).filter(pk=owner_id).first() or form.owner
        form.save(update_fields=["acknowledge", "thanks_url", "owner"])
        messages.success(
            request, f"“{form.name}” saved: its enquiries go to {display_name(form.owner)}."
        )
    return redirect("intake:home")


def payload_problem(data) -> str | None:
    """Why this submission cannot be taken as sent (a wrong type or an over-long field), or None.
    (NUL characters, broken Unicode and deep nesting are refused before: web/middleware.py.)"""
    for key, limit in FIELDS.items():
        value = data.get(key)
        if value is None or (key in SWITCHES and isinstance(value, bool | int | float)):
            continue  # a consent may come as true or 1; the honeypot catches anything
        if key == "phone" and type(value) is int:
            continue
        if not isinstance(value, str):
            kind = JSON_TYPES.get(type(value), type(value).__name__)
            return f"The field {key!r} must be text, not {kind}."
        if len(value) > limit:
            return f"The field {key!r} is too long (at most {limit} characters)."
        if key in ONE_LINE and any(ord(c) < 32 or ord(c) == 127 for c in value):
            return f"The field {key!r} must be on one line, without control characters."
    return None


def caller_ip(request) -> str:
    """The sender's address for the rate limit: REMOTE_ADDR, or through TRUSTED_PROXIES."""
    return client_ip(request) or "0.0.0.0"


def _too_big(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY
    except ValueError:
        return True


class Refused(Exception):
    """A submission refused before it is read: (status, message, seconds to wait)."""

    def __init__(self, status: int, message: str, retry_after: int = 0):
        super().__init__(message)
        self.status, self.message, self.retry_after = status, message, retry_after


def _too_many(wait: int, whose: str) -> Refused:
    minutes = max(1, -(-wait // 60))
    return Refused(
        429,
        f"Too many submissions {whose}: please try again in {minutes} minute"
        f"{'' if minutes == 1 else 's'}.",
        wait,
    )


def _submit(request, key: str, data, *, webhook: bool = False):
    """(status, message, lead, form) for one submission to the form with this key (the
    webhook: this webhook secret; the form's public key does not open it). Both paths are
    limited per person and per form (`capture.person_or_form_limited`), the web form also
    per sender address first (a flood from one address takes no slot of the form's).
    Raises Refused."""
    problem = payload_problem(data)
    if problem:
        raise Refused(400, problem)
    found = {"webhook_key" if webhook else "key": key}
    form = CaptureForm.objects.select_related("owner").filter(**found).first()
    if form is None or receiver_of(form) is None:  # its owner left: the business owner's
        raise Refused(404, "This form is no longer active.")
    if not webhook and (wait := rate_limited(caller_ip(request))):
        raise _too_many(wait, "from your address")
    if wait := person_or_form_limited(form, data):
        raise _too_many(wait, "for this person or this form")
    try:
        lead, new = capture(form, data, caller_ip(request))
    except CaptureError as exc:
        return 400, str(exc), None, form
    return 201 if new else 202, "Thank you: we will be in touch shortly.", lead, form


@csrf_exempt
@require_http_methods(["GET", "POST"])
def capture_view(request, key):
    """Public: the HTML form posts here (GET shows a bare page with the form, for testing)."""
    if request.method == "GET":
        form = get_object_or_404(CaptureForm, key=key)
        return render(
            request,
            "intake/capture_page.html",
            {"form": form, "snippet": snippet_html(form, _base_url(request), inline_style=False)},
        )
    if _too_big(request):
        status, message, form = (
            413,
            f"The submission is too large (at most {MAX_BODY // 1024} kB).",
            None,
        )
    else:
        try:
            status, message, _lead, form = _submit(request, key, request.POST)
        except Refused as exc:
            status, message, form = exc.status, exc.message, None
            wait = exc.retry_after
    ok = status in (201, 202)
    if ok and form is not None and form.thanks_url:
        return redirect(form.thanks_url)
    response = render(
        request,
        "intake/capture_done.html",
        {"message": message, "ok": ok, "back_url": request.path},
        status=200 if ok else status,
    )
    if status == 429:
        response["Retry-After"] = str(wait)
    return response


def _not_text(request) -> str:
    """Why a webhook body is not text: not in the charset it names, or (naming none) not
    UTF-8, JSON's own encoding."""
    charset = declared_charset(request)
    if charset:
        return f"The body is neither UTF-8 (JSON's encoding) nor {charset}, the charset its Content-Type names."
    return "The body must be JSON in UTF-8 (or its Content-Type must name its charset)."


@csrf_exempt
@require_POST
def webhook_view(request, key):
    """Public JSON webhook (Zapier-style): {"name", "email", "phone", "company", "message"}."""
    if _too_big(request):
        return JsonResponse(
            {"error": f"The body is too large (at most {MAX_BODY // 1024} kB)."}, status=413
        )
    try:
        data = json.loads(json_body(request) or b"{}")  # in the charset its Content-Type names
    except UnicodeDecodeError:
        return JsonResponse({"error": _not_text(request)}, status=400)
    except (ValueError, RecursionError, RawPostDataException):  # the last: a multipart body
        return JsonResponse({"error": "The body must be a JSON object."}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "The body must be a JSON object."}, status=400)
    try:
        status, message, _lead, _form = _submit(request, key, data, webhook=True)
    except Refused as exc:
        response = JsonResponse({"error": exc.message}, status=exc.status)
        if exc.retry_after:
            response["Retry-After"] = str(exc.retry_after)
        return response
    if status not in (201, 202):
        return JsonResponse({"error": message}, status=status)
    # One answer for every valid submission (a new person, someone already in the book, a
    # bot caught by the honeypot): a public key tells nobody who is in the book.
    return JsonResponse({"status": "received"}, status=202)
