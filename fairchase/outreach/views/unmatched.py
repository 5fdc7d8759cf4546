"""Mail from someone not in the book (read as `unmatched`): listed in the Outbox for an
owner, who adds the sender as a lead (a new enquiry by email) or dismisses it. A
salesperson sees none: the sender is nobody's lead yet."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from fairchase.leads.actions import ActionError
from fairchase.leads.models import OUTBOUND_SOURCES, SOURCES
from fairchase.leads.normalize import InvalidContact
from fairchase.leads.people import team
from fairchase.params import an_id
from fairchase.web.views.common import web_view

from .. import strangers

# An email in is someone enquiring: never a cold-list source.
ENQUIRY_SOURCES = [(code, label) for code, label in SOURCES if code not in OUTBOUND_SOURCES]
LIMIT = 50


def unmatched_context(request) -> dict:
    """The Outbox's "Unmatched emails" block: for an owner/admin only."""
    if not request.is_admin:
        return {}
    waiting = strangers.unmatched()
    return {
        "unmatched": list(waiting[:LIMIT]),
        "unmatched_total": waiting.count(),
        "unmatched_newest": waiting.order_by("-pk").values_list("pk", flat=True).first(),
        "owners": list(team(request.user)),
        "enquiry_sources": ENQUIRY_SOURCES,
    }


def _item(request, pk):
    if not request.is_admin:
        raise Http404("No such message")
    item = strangers.unmatched().filter(pk=pk).first()
    if item is None:
        raise Http404("No such message")
    return item


@require_POST
@web_view
def add_as_lead(request, pk):
    item = _item(request, pk)
    owner = team(request.user).filter(pk=an_id(request.POST.get("owner"))).first()
    source = request.POST.get("source", "")
    if owner is None or source not in dict(ENQUIRY_SOURCES):
        messages.error(request, "Choose who takes it on and where it came from.")
        return redirect("outreach:outbox")
    try:
        lead = strangers.add_as_lead(
            item, owner, request.user, name=request.POST.get("name", "")[:200], source=source
        )
    except (ActionError, InvalidContact) as exc:
        messages.error(request, f"Not added: {exc}")
        return redirect("outreach:outbox")
    messages.success(request, f"{lead.name} is a lead now.")
    return redirect("lead_detail", pk=lead.pk)


@require_POST
@web_view
def dismiss(request, pk):
    item = _item(request, pk)
    strangers.dismiss(item, request.user)
    messages.success(request, f"Dismissed the email from {item.sender}.")
    return redirect("outreach:outbox")


@require_POST
@web_view
def dismiss_all(request):
    if not request.is_admin:
        raise Http404("No such message")
    done = strangers.dismiss_all(request.user, an_id(request.POST.get("up_to")) or 0)
    messages.success(
        request, f"Dismissed {done} email{pluralize(done)} from people not in your book."
    )
    return redirect("outreach:outbox")
