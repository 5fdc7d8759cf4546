"""Today: the agenda page, its htmx fragment, and the one-click outcome buttons."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fairchase import clock
from fairchase.leads import actions
from fairchase.leads.actions import ActionError
from fairchase.leads.models import SOURCES, Outcome, Status
from fairchase.leads.people import lead_or_404, team

from .. import panels
from ..agenda import OUTCOME_BUTTONS, agenda_for
from ..forms import CommitmentForm
from .common import is_htmx, web_view

log = logging.getLogger("fairchase.web")

ATTEMPT_OUTCOMES = {Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE, Outcome.TALKED, Outcome.REPLIED}
# A stop into "revisit" needs a date; when the plan gives none, look again in three months.
DEFAULT_REVISIT = timedelta(days=90)


def _owner_filter(request):
    """An admin may narrow Today to one owner (?owner=<id>); others always see their own."""
    raw = request.GET.get("owner") or request.POST.get("owner") or ""
    if not (request.is_admin and raw.isdigit()):
        return None
    return team(request.user).filter(pk=int(raw)).first()


def _context(request, pin_lead=None) -> dict:
    owner = _owner_filter(request)
    agenda = agenda_for(request.user, timezone.now(), owner=owner, business=request.business)
    try:
        panels.prepare_today(request, agenda.leads())
    except Exception:  # an extension's bug must not take Today down
        log.exception("preparing Today extras failed")
    ctx = {
        "agenda": agenda,
        "owner": owner,
        "owners": team(request.user) if request.is_admin else None,
        "outcome_buttons": OUTCOME_BUTTONS,
        "sources": dict(SOURCES),
        "pin_lead": pin_lead,
    }
    if pin_lead is not None:
        default_due = (timezone.localtime() + timedelta(days=2)).replace(hour=10, minute=0, second=0,
                                                                        microsecond=0)
        ctx["pin_form"] = CommitmentForm(initial={"due_at": default_due})
    return ctx


@require_GET
@web_view
def today(request):
    """The page a person opens each morning."""
    return render(request, "web/today.html", _context(request))


@require_GET
@web_view
def agenda_fragment(request):
    """Just the agenda (htmx refresh and the owner filter)."""
    return render(request, "web/_agenda.html", _context(request))


def apply_outcome(request, lead, outcome: str, channel: str | None = None) -> str:
    """Carry out one outcome button through the actions; returns the message to show."""
    user = request.user
    if outcome in ATTEMPT_OUTCOMES:
        channel = channel or lead.next_channel or ("call" if lead.phone else "email")
        actions.log_attempt(lead, channel, outcome, user=user)
        lead.refresh_from_db()
        said = {Outcome.NO_ANSWER: f"No answer from {lead.name}", Outcome.LEFT_MESSAGE: f"Left {lead.name} a message",
                Outcome.TALKED: f"Talked with {lead.name}", Outcome.REPLIED: f"{lead.name} replied"}[outcome]
        return f"{said} ({channel}): logged. {_next_step(lead)}".strip()
    if outcome == "won":
        actions.mark_won(lead, user=user)
        return f"{lead.name}: won. Well done!"
    if outcome == "lost":
        actions.mark_lost(lead, "Marked lost on Today", user=user)
        return f"{lead.name}: marked lost."
    if outcome == "stop":
        state = lead.next_state or Status.CLOSED
        if state == Status.NURTURE and "mailing_list" not in (lead.consents or []):
            state = Status.CLOSED
        revisit = lead.plan_revisit_at or (timezone.now() + DEFAULT_REVISIT if state == Status.REVISIT else None)
        actions.stop_chasing(lead, state, user=user, revisit_at=revisit,
                             reason=lead.plan_reason[:200] if lead.plan_reason else "")
        return f"Stopped chasing {lead.name}: {Status(state).label.lower()}."
    raise ActionError(f"Unknown outcome {outcome!r}.")


def _next_step(lead) -> str:
    if lead.next_action == "contact" and lead.next_due:
        when = clock.for_lead(lead.next_due, timezone.get_current_timezone(), lead)
        return f"Next: {lead.next_channel or 'contact'} {when}."
    if lead.next_action == "stop":
        return "The plan now says: let go."
    return ""


@require_POST
@web_view
def lead_outcome(request, pk):
    """One click on Today (or the lead page): log it, re-plan, re-render without a reload."""
    lead = lead_or_404(request.user, pk)
    outcome = request.POST.get("outcome", "")
    pin_lead = None
    try:
        messages.success(request, apply_outcome(request, lead, outcome, request.POST.get("channel")))
        if outcome in (Outcome.TALKED, Outcome.REPLIED):
            pin_lead = lead  # seed 002: every conversation ends with a specific next time
            if not is_htmx(request):
                messages.info(request, "Now pin the next step: who contacts whom, about what, and when.")
    except ActionError as exc:
        messages.error(request, str(exc))
    if is_htmx(request):
        return render(request, "web/_agenda.html", _context(request, pin_lead=pin_lead))
    if request.POST.get("next") == "lead":
        return redirect("lead_detail", pk=lead.pk)
    return redirect(reverse("today"))
