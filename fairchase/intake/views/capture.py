"""The "Capture & import" page, capture-form management and the public endpoints."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from fairchase.leads.people import profile_of, team
from fairchase.web.views.common import web_view

from ..calendar import calendar_secret
from ..capture import CaptureError, capture, client_ip, rate_limited, snippet_html
from ..models import CaptureForm, ImportJob


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@web_view
def home(request):
    """Capture forms with their snippets, import, export and the calendar feed."""
    base = _base_url(request)
    forms = CaptureForm.objects.filter(owner=request.user) if not request.is_admin else \
        CaptureForm.objects.select_related("owner")
    rows = [{"form": f, "snippet": snippet_html(f, base),
             "webhook": base + reverse("intake:webhook", args=[f.key])} for f in forms]
    feed = base + reverse("intake:calendar", args=[calendar_secret(profile_of(request.user))])
    return render(request, "intake/home.html", {
        "forms": rows, "feed_url": feed, "team": team(request.user),
        "jobs": ImportJob.objects.filter(user=request.user)[:5],
    })


def _own_form(request, pk) -> CaptureForm:
    qs = CaptureForm.objects.all() if request.is_admin else CaptureForm.objects.filter(owner=request.user)
    return get_object_or_404(qs, pk=pk)


@require_POST
@web_view
def form_create(request):
    name = request.POST.get("name", "").strip()[:100] or "Website enquiry form"
    owner = request.user
    owner_id = request.POST.get("owner")
    if owner_id:
        owner = team(request.user).filter(pk=owner_id).first() or request.user
    CaptureForm.objects.create(name=name, owner=owner, acknowledge=bool(request.POST.get("acknowledge")))
    messages.success(request, f"Capture form “{name}” created: paste its snippet into your website.")
    return redirect("intake:home")


@require_POST
@web_view
def form_update(request, pk):
    form = _own_form(request, pk)
    action = request.POST.get("action")
    if action == "rotate":
        form.rotate_key()
        messages.success(request, f"New key for “{form.name}”: update the snippet on your website.")
    elif action == "delete":
        form.delete()
        messages.success(request, f"Capture form “{form.name}” deleted.")
    else:
        form.acknowledge = bool(request.POST.get("acknowledge"))
        form.thanks_url = request.POST.get("thanks_url", "").strip()[:200]
        if form.thanks_url and not form.thanks_url.startswith(("https://", "http://")):
            form.thanks_url = ""
        form.save(update_fields=["acknowledge", "thanks_url"])
        messages.success(request, f"“{form.name}” saved.")
    return redirect("intake:home")


def _submit(request, key: str, data):
    """(status, message, lead, form) for one submission to the form with this key."""
    form = CaptureForm.objects.select_related("owner").filter(key=key).first()
    if form is None or not form.owner.is_active:
        return 404, "This form is no longer active.", None, None
    if rate_limited(client_ip(request)):
        return 429, "Too many submissions from your address: please try again in a few minutes.", None, form
    try:
        lead = capture(form, data, client_ip(request))
    except CaptureError as exc:
        return 400, str(exc), None, form
    return 201, "Thank you: we will be in touch shortly.", lead, form


@csrf_exempt
@require_http_methods(["GET", "POST"])
def capture_view(request, key):
    """Public: the HTML form posts here (GET shows a bare page with the form, for testing)."""
    if request.method == "GET":
        form = get_object_or_404(CaptureForm, key=key)
        return render(request, "intake/capture_page.html",
                      {"form": form, "snippet": snippet_html(form, _base_url(request), inline_style=False)})
    status, message, _lead, form = _submit(request, key, request.POST)
    if status == 201 and form is not None and form.thanks_url:
        return redirect(form.thanks_url)
    return render(request, "intake/capture_done.html", {"message": message, "ok": status == 201, "back_url": request.path},
                  status=200 if status == 201 else status)


@csrf_exempt
@require_POST
def webhook_view(request, key):
    """Public JSON webhook (Zapier-style): {"name", "email", "phone", "company", "message"}."""
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "The body must be a JSON object."}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "The body must be a JSON object."}, status=400)
    status, message, lead, _form = _submit(request, key, data)
    if status != 201:
        return JsonResponse({"error": message}, status=status)
    if lead is None:  # honeypot: look like success, store nothing
        return JsonResponse({"status": "received"}, status=202)
    return JsonResponse({"status": "created", "id": lead.pk}, status=201)
