"""POST-only actions on one lead. Each validates a small form, calls exactly one
function of fairchase.leads.actions, and goes back to the lead page (or, for htmx
requests, re-renders the fragment that changed)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fairchase.leads import actions
from fairchase.leads.actions import ActionError
from fairchase.leads.models import ANSWERS, Commitment, Outcome, Status
from fairchase.leads.people import display_name, lead_or_404, leaver_or_404, team

from ..forms import (
    AskRenewalForm,
    AttemptForm,
    CommitmentForm,
    DeclineRenewalForm,
    LostForm,
    MistakeForm,
    ReassignForm,
    RenewConsentForm,
    SignalsForm,
    StopForm,
    WonForm,
)
from ..once import once_per_key
from ..words import opted_out_said, sentence
from . import today
from .common import form_errors, is_htmx, web_view
from .leads import lead_page


def _back(lead):
    return redirect("lead_detail", pk=lead.pk)


def _run(request, lead, fn, success: str):
    """Run one action; an ActionError becomes a message instead of a 500."""
    try:
        fn()
    except ActionError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


def _run_form(request, form, fn, success: str) -> bool:
    """Run one action for a valid form; a refusal (ActionError) becomes the form's error, so
    the page can show the form again as it was typed."""
    try:
        fn()
    except ActionError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, success)
    return True


def _refused(request, lead, said: str, **form):
    """A lead-page form the server turned down: the page again (no redirect), the form as it
    was typed with each error beside its field, and a line at the top in its labels' words."""
    messages.error(request, f"{said}: {form_errors(next(iter(form.values())))}")
    return lead_page(request, lead, **form)


@require_POST
@web_view
@once_per_key
def lead_log(request, pk):
    """The full attempt form: channel, outcome, minutes, notes, progress."""
    lead = lead_or_404(request.user, pk)
    form = AttemptForm(request.POST)
    d = form.cleaned_data if form.is_valid() else {}
    if d.get("outcome") == Outcome.OPTED_OUT and lead.status in (Status.WON, Status.LOST):
        return _opted_out_when_finished(request, lead, d["channel"])
    if d and _run_form(
        request,
        form,
        lambda: actions.log_attempt(
            lead,
            d["channel"],
            d["outcome"],
            user=request.user,
            minutes=d["minutes"],
            notes=d["notes"],
            progress=d["progress"],
        ),
        f"Logged: {d['channel']}, {d['outcome'].replace('_', ' ')}.",
    ):
        return today.lead_page_after(lead, d["outcome"] in ANSWERS)
    return _refused(request, lead, "Not logged", attempt_form=form)


def _opted_out_when_finished(request, lead, channel: str):
    """'Never contact me again', taken on a won or lost lead (no attempt is logged on one):
    recorded as Record opt-out records it (`actions.opt_out`: the status stays, every
    address is suppressed), rather than asking to reopen the lead first."""
    said = {"call": "on a call", "visit": "on a visit"}.get(channel, f"by {channel}")
    _run(
        request,
        lead,
        lambda: actions.opt_out(
            lead, user=request.user, reason=f"Opted out (said {said}, entered by hand)"
        ),
        opted_out_said(lead),
    )
    return _back(lead)


@require_POST
@web_view
@once_per_key
def lead_commit(request, pk):
    """Pin the next step. From Today (htmx) it re-renders the agenda."""
    lead = lead_or_404(request.user, pk)
    from_today = request.POST.get("next") == "today"
    # the form asked for after a talk (Today's card, the lead page's top) has the lead's own
    # ids: shown again with its errors, it keeps them and its place
    after_talk = from_today or request.POST.get("next") == "pin"
    form = (
        CommitmentForm.after_talk(lead, request.POST)
        if after_talk
        else CommitmentForm(request.POST)
    )
    if form.is_valid():
        d = form.cleaned_data
        try:
            c = actions.add_commitment(
                lead,
                by=d["by"],
                what=d["what"],
                due_at=d["due_at"],
                channel=d["channel"],
                user=request.user,
            )
        except ActionError as exc:  # an opted-out person
            form.add_error(None, str(exc))
        else:
            if from_today and is_htmx(request):
                return today.pinned_row(request, lead, c)  # the card it came from, not the page
            messages.success(request, f"Pinned for {lead.name}: {d['what']}.")
    if form.errors and from_today and is_htmx(request):
        return today.pin_errors(request, lead, form)  # the errors next to the fields
    if form.errors and not from_today:
        shown = {"pin_form" if after_talk else "commitment_form": form}
        return _refused(request, lead, "Not pinned", **shown)
    if form.errors:
        messages.error(request, f"Not pinned: {form_errors(form)}")
    if from_today:
        return redirect("today")
    return _back(lead)


@require_POST
@web_view
@once_per_key
def commitment_resolve(request, commitment_pk):
    """Mark a commitment done, missed or cancelled (the lead must be visible)."""
    try:
        c = Commitment.objects.select_related("lead").get(pk=int(commitment_pk))
    except (Commitment.DoesNotExist, ValueError, OverflowError):
        raise Http404("No such commitment") from None
    lead = lead_or_404(request.user, c.lead_id)
    state = request.POST.get("state", "")
    if state not in (Commitment.State.DONE, Commitment.State.MISSED, Commitment.State.CANCELLED):
        said, level = "Choose done, missed or cancelled.", messages.ERROR
    elif c.state != Commitment.State.PENDING:
        said, level = f"That commitment was already {c.get_state_display().lower()}.", messages.INFO
    else:
        actions.resolve_commitment(c, state, user=request.user)
        said, level = f"Commitment {state}: {c.what}.", messages.SUCCESS
    if request.POST.get("next") == "today" and is_htmx(request):
        return today.resolved_row(request, lead, said)  # the card it came from, not the page
    messages.add_message(request, level, said)
    if request.POST.get("next") == "today":  # the list it came from (?owner=, as the form says)
        return redirect(today._today_url(request))
    return _back(lead)


@require_POST
@web_view
def lead_signals(request, pk):
    """Save the signals checklist; htmx gets the refreshed plan and checklist back."""
    lead = lead_or_404(request.user, pk)
    form = SignalsForm(request.POST)
    if form.is_valid():
        actions.set_signals(lead, form.signals(lead), user=request.user)
        lead.refresh_from_db()
    if is_htmx(request):
        return render(
            request,
            "web/_lead_plan.html",
            {"lead": lead, "signals_form": SignalsForm.for_lead(lead), "saved": form.is_valid()},
        )
    if form.is_valid():
        messages.success(request, "Signals saved; the plan is updated.")
    else:
        messages.error(request, f"Not saved: {form_errors(form)}")
    return _back(lead)


@require_POST
@web_view
@once_per_key
def lead_stop(request, pk):
    lead = lead_or_404(request.user, pk)
    form = StopForm(request.POST, lead=lead)
    d = form.cleaned_data if form.is_valid() else {}
    if d and _run_form(
        request,
        form,
        lambda: actions.stop_chasing(
            lead,
            d["next_state"],
            user=request.user,
            revisit_at=d.get("revisit_at"),
            reason=d.get("reason", ""),
        ),
        f"Stopped chasing {lead.name}: {Status(d['next_state']).label.lower()}.",
    ):
        return _back(lead)
    return _refused(request, lead, "Not stopped", stop_form=form)


@require_POST
@web_view
@once_per_key
def lead_reopen(request, pk):
    lead = lead_or_404(request.user, pk)
    _run(
        request,
        lead,
        lambda: actions.reopen(lead, user=request.user),
        sentence(f"Reopened {lead.name}"),
    )
    return _back(lead)


@require_POST
@web_view
@once_per_key
def lead_won(request, pk):
    lead = lead_or_404(request.user, pk)
    form = WonForm(request.POST)
    if form.is_valid() and _run_form(
        request,
        form,
        lambda: actions.mark_won(lead, form.cleaned_data["value"], user=request.user),
        f"{lead.name}: won.",
    ):
        return _back(lead)
    return _refused(request, lead, "Not saved", won_form=form)


@require_POST
@web_view
@once_per_key
def lead_lost(request, pk):
    lead = lead_or_404(request.user, pk)
    form = LostForm(request.POST)
    if form.is_valid() and _run_form(
        request,
        form,
        lambda: actions.mark_lost(lead, form.cleaned_data["reason"], user=request.user),
        f"{lead.name}: lost.",
    ):
        return _back(lead)
    return _refused(request, lead, "Not saved", lost_form=form)


@require_POST
@web_view
@once_per_key
def lead_opt_out(request, pk):
    """The person asked us to stop: every address is suppressed."""
    lead = lead_or_404(request.user, pk)
    _run(
        request,
        lead,
        lambda: actions.opt_out(lead, user=request.user, reason=actions.BY_HAND),
        opted_out_said(lead),
    )
    return _back(lead)


@require_POST
@web_view
@once_per_key
def lead_renew_consent(request, pk):
    """ "They asked to hear from us again": a person of ours records how they asked and on
    which channels (`actions.renew_consent`); a bounce or a complaint stays blocked."""
    lead = lead_or_404(request.user, pk)
    form = RenewConsentForm(request.POST, lead=lead)
    if form.is_valid() and _run_form(
        request,
        form,
        lambda: actions.renew_consent(
            lead,
            note=form.cleaned_data["note"],
            channels=form.cleaned_data["channels"],
            user=request.user,
        ),
        f"{lead.name} asked to hear from us again: recorded, and the lead is open.",
    ):
        return _back(lead)
    return _refused(request, lead, "Not recorded", renew_form=form)


@require_POST
@web_view
@once_per_key
def lead_ask_renewal(request, pk):
    """ "Ask the owner to renew consent": a salesperson passes on what an opted-out customer
    said (`actions.ask_owner_to_renew`); no consent changes, nobody is contacted."""
    lead = lead_or_404(request.user, pk)
    form = AskRenewalForm(request.POST)
    if form.is_valid() and _run_form(
        request,
        form,
        lambda: actions.ask_owner_to_renew(lead, note=form.cleaned_data["note"], user=request.user),
        f"The owner is asked to renew the consent of {lead.name}: it shows on their Today.",
    ):
        return _back(lead)
    return _refused(request, lead, "Not asked", ask_form=form)


@require_POST
@web_view
@once_per_key
def lead_decline_renewal(request, pk):
    """The owner declines an ask to renew consent (`actions.decline_renewal`): the lead stays
    opted out, the asker reads the answer on the lead page."""
    lead = lead_or_404(request.user, pk)
    form = DeclineRenewalForm(request.POST)
    if form.is_valid() and _run_form(
        request,
        form,
        lambda: actions.decline_renewal(lead, note=form.cleaned_data["note"], user=request.user),
        f"Declined: {lead.name} stays opted out.",
    ):
        return _back(lead)
    return _refused(request, lead, "Not declined", decline_form=form)


@require_POST
@web_view
@once_per_key
def lead_restore_opt_out(request, pk):
    """ "This opt-out was our mistake": the owner takes back an opt-out one of our users
    entered by hand (`actions.restore_mistaken_opt_out`), never one from the person."""
    lead = lead_or_404(request.user, pk)
    form = MistakeForm(request.POST)
    if form.is_valid() and _run_form(
        request,
        form,
        lambda: actions.restore_mistaken_opt_out(
            lead, why=form.cleaned_data["why"], user=request.user
        ),
        f"The opt-out of {lead.name} is taken back as our mistake.",
    ):
        return _back(lead)
    return _refused(request, lead, "Not taken back", restore_form=form)


@require_POST
@web_view
@once_per_key
def lead_confirm_address(request, pk):
    """ "It is theirs": the owner vouches that an address a public post typed is the
    person's (`actions.confirm_address`), so their opt-out reaches it."""
    lead = lead_or_404(request.user, pk)
    field = request.POST.get("field", "")
    _run(
        request,
        lead,
        lambda: actions.confirm_address(lead, field, user=request.user),
        f"{lead.name}: the {field} is confirmed as theirs.",
    )
    return _back(lead)


@require_POST
@web_view
@once_per_key
def lead_reassign(request, pk):
    """Admins only: give the lead to someone else on the team."""
    lead = lead_or_404(request.user, pk)
    if not request.is_admin:
        raise Http404("No such lead")  # not 403: non-admins learn nothing
    form = ReassignForm(request.POST, owners=team(request.user))
    if form.is_valid():
        new = form.cleaned_data["owner"]
        _run(
            request,
            lead,
            lambda: actions.reassign(lead, new, user=request.user),
            f"{lead.name} now belongs to {display_name(new)}.",
        )
    else:
        messages.error(request, f"Not reassigned: {form_errors(form)}")
    return _back(lead)


@require_POST
@web_view
def leads_reassign_all(request):
    """Admins only: every lead someone still carries (a leaver's) to one person on the team,
    one recorded reassignment per lead."""
    if not request.is_admin:
        raise Http404("No such page")
    leaver = leaver_or_404(request.POST.get("leaver"))
    form = ReassignForm(request.POST, owners=team(request.user).exclude(pk=leaver.pk))
    if not form.is_valid():
        messages.error(request, f"Not reassigned: {form_errors(form)}")
        return redirect(f"{reverse('today')}?owner=all")
    new = form.cleaned_data["owner"]
    try:
        n = actions.reassign_all(leaver, new, user=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"{n} lead{'' if n == 1 else 's'} of {display_name(leaver)} now belong"
            f"{'s' if n == 1 else ''} to {display_name(new)}.",
        )
    return redirect(f"{reverse('today')}?owner=all")
