"""The template editor: list, edit with a live preview for a real lead."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from fairchase.leads.models import BusinessSettings
from fairchase.leads.people import visible_leads
from fairchase.params import an_id
from fairchase.web.views.common import web_view

from ..forms import TemplateForm
from ..models import MessageTemplate
from ..refusals import previewable
from ..rendering import PLACEHOLDERS, RenderError
from ..rendering import render as render_message


@require_GET
@web_view
def template_list(request):
    templates = MessageTemplate.objects.all()
    business = BusinessSettings.current()
    return render(
        request,
        "outreach/template_list.html",
        {
            "templates": templates,
            "can_edit": request.is_admin,
            # sales emails carry the postal address (US CAN-SPAM): say when there is none
            "no_address": not business.postal_address.strip(),
            "no_name": not business.business_name.strip(),
        },
    )


def _preview(request, subject: str, body: str, channel: str) -> dict:
    # previewed for people we may write to: never an opted-out, closed or suppressed lead
    leads = previewable(visible_leads(request.user), channel).order_by("-created_at")
    raw = request.GET.get("lead") or request.POST.get("preview_lead") or ""
    lead = leads.filter(pk=an_id(raw)).first() if an_id(raw) is not None else None
    lead = lead or leads.first()
    ctx = {"preview_leads": leads[:50], "preview_lead": lead}
    if lead is None:
        return ctx
    try:
        ctx["preview"] = render_message(subject, body, lead, channel)
    except RenderError as exc:
        ctx["preview_error"] = str(exc)
    return ctx


@require_http_methods(["GET", "POST"])
@web_view
def template_edit(request, pk=None):
    """Templates are shared (the worker sends them under every salesperson's name): only an
    admin creates or changes one; a salesperson sees it read-only with its preview."""
    template = get_object_or_404(MessageTemplate, pk=pk) if pk is not None else None
    if not request.is_admin and (request.method == "POST" or template is None):
        raise PermissionDenied("Only an owner/admin can change the shared templates.")
    form = TemplateForm(request.POST or None, instance=template)
    if not request.is_admin:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Template “{saved.name}” saved.")
        return redirect("outreach:template_edit", pk=saved.pk)
    source = (
        form.data
        if form.is_bound
        else {
            "subject": getattr(template, "subject", ""),
            "body": getattr(template, "body", ""),
            "channel": getattr(template, "channel", "email"),
        }
    )
    ctx = {
        "form": form,
        "template": template,
        "placeholders": PLACEHOLDERS,
        "can_edit": request.is_admin,
    }
    if not form.errors:
        ctx.update(
            _preview(
                request,
                source.get("subject", ""),
                source.get("body", ""),
                source.get("channel", "email"),
            )
        )
    return render(request, "outreach/template_edit.html", ctx)


@require_GET
@web_view
def template_preview(request, pk):
    """The rendered template for one lead (htmx fragment of the editor)."""
    template = get_object_or_404(MessageTemplate, pk=pk)
    # The editor sends what is typed so far: the preview shows the unsaved edits.
    subject = request.GET.get("subject", template.subject)
    body = request.GET.get("body", template.body)
    channel = (
        request.GET.get("channel")
        if request.GET.get("channel") in ("email", "text")
        else template.channel
    )
    ctx = {"template": template, **_preview(request, subject, body, channel)}
    return render(request, "outreach/_preview.html", ctx)
