"""Today: the agenda page, its sections in full, and the one-click buttons of a row.

A click answers with its own row only (htmx swaps that card, never the page): the row
becomes a confirmation with an Undo, so a person working top to bottom keeps their place.
The Undo carries a signed note of what the click changed; `actions.undo_outcome` puts the
lead back and records that it did.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fairchase import clock
from fairchase.leads import actions, planning, reach
from fairchase.leads.actions import ActionError
from fairchase.leads.models import ANSWERS, SOURCES, Commitment, Outcome, Status
from fairchase.leads.people import lead_or_404, leavers, others_on, owner_choices
from fairchase.params import an_id

from .. import panels
from ..agenda import (
    FOLLOWUPS_SHOWN,
    OUTCOME_BUTTONS,
    SECTIONS,
    CommitmentRow,
    agenda_for,
    let_go_for,
    row_for,
    section_leads,
    section_title,
)
from ..agenda_rows import MESSAGE_CHANNELS, VOICE_OUTCOMES
from ..forms import CommitmentForm
from ..once import once_per_key
from ..settings_forms import BusinessZoneForm, server_zone
from ..templatetags.fairchase_web import check_addresses
from ..words import next_step, opted_out_said, status_label, stop_words, stopped_by
from .common import is_htmx, web_view

log = logging.getLogger("fairchase.web")

ATTEMPT_OUTCOMES = {Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE, Outcome.TALKED, Outcome.REPLIED}
# "Keep chasing" against a plan that says stop: one more try, this many days on, at 10:00.
KEEP_DAYS = 2
UNDO_SALT = "fairchase.today.undo"
UNDO_MAX_AGE = 15 * 60  # the button shows for seconds; a slow network still gets its undo
SECTION_PAGE = 50
EVERYONE = "all"


def _owner_filter(request):
    """Whose leads Today shows: your own, always by default. An admin can pick a teammate
    (?owner=<id>) or the whole team (?owner=all); the choice lives in the URL."""
    raw = request.GET.get("owner") or request.POST.get("owner") or ""
    if not request.is_admin:
        return request.user, ""
    if raw == EVERYONE:
        return None, EVERYONE
    if an_id(raw) is not None:
        # a deactivated teammate too: their leads still need someone (the select says inactive)
        chosen = get_user_model().objects.filter(pk=an_id(raw)).first()
        if chosen is not None:
            return chosen, str(chosen.pk)
    return request.user, ""


def _context(request, agenda=None) -> dict:
    """What Today's templates need: the agenda (without the rows to let go unless given
    one), whose leads it shows, and the rows' buttons and labels."""
    owner, scope = _owner_filter(request)
    if agenda is None:
        agenda = agenda_for(
            request.user,
            timezone.now(),
            owner=owner,
            business=request.business,
            let_go=False,
            followups_shown=FOLLOWUPS_SHOWN,
        )
    # one query: no button for a blocked address (nor for a held lead: the agenda has those)
    check_addresses(request, agenda.leads(), agenda.held)
    try:
        panels.prepare_today(request, agenda.leads())
    except Exception:  # an extension's bug must not take Today down
        log.exception("preparing Today extras failed")
    people = owner_choices(request.user, scope) if request.is_admin else None
    return {
        "agenda": agenda,
        "owner": owner,  # a leaver's Today links to their "Reassign all"
        "scope": scope,
        "team_view": owner is None or owner != request.user,
        "owners": people,  # a leaver's leads go to one of them
        "picker": others_on(people, request.user),  # "Whose leads", with someone else
        "leavers": leavers(request.user),
        "outcome_buttons": OUTCOME_BUTTONS,
        "sources": dict(SOURCES),
    }


@require_GET
@web_view
def today(request):
    """The page a person opens each morning (an owner of a new install is first asked for
    the business's time zone: `BusinessZoneForm`)."""
    context = _context(request)
    if request.is_admin and request.business.timezone_unset:
        context["zone_form"] = BusinessZoneForm(suggested=server_zone())
    return render(request, "web/today.html", context)


@require_GET
@web_view
def agenda_fragment(request):
    """Just the agenda (htmx refresh and the owner filter)."""
    return render(request, "web/_agenda.html", _context(request))


@require_GET
@web_view
def today_let_go(request):
    """Today's leads ready to let go, as rows for their section (loaded when it comes into view)."""
    owner, _ = _owner_filter(request)
    agenda = let_go_for(request.user, timezone.now(), owner=owner, business=request.business)
    return render(request, "web/_let_go_rows.html", _context(request, agenda))


@require_GET
@web_view
def today_section(request, section):
    """One section of Today in full, a page at a time ("35 more due today" links here)."""
    if section not in SECTIONS:
        raise Http404("No such section")
    owner, scope = _owner_filter(request)
    now = timezone.now()
    page = Paginator(
        section_leads(request.user, now, section, owner=owner, business=request.business),
        SECTION_PAGE,
    ).get_page(request.GET.get("page"))
    found = list(page.object_list)
    leads = [c.lead for c in found] if section == "commitments" else found
    held = reach.held_ids()  # once for the page, not a look-up a row
    check_addresses(request, leads, held)  # one query: the buttons, and a let-go row's channel
    if section == "commitments":
        rows = [CommitmentRow(commitment=c, lead=c.lead, overdue=c.due_at < now) for c in found]
    else:
        blocked = {v for v, no in request.address_checks.items() if no}
        rows = [row_for(lead, now, request.business, blocked, held) for lead in leads]
    try:
        panels.prepare_today(request, [r.lead for r in rows])
    except Exception:
        log.exception("preparing Today extras failed")
    return render(
        request,
        "web/today_section.html",
        {
            "title": section_title(section, now, request.business),
            "section": section,
            "page": page,
            "rows": rows,
            "scope": scope,
            "team_view": owner is None or owner != request.user,
            "owners": owner_choices(request.user, scope) if request.is_admin else None,
            "sources": dict(SOURCES),
        },
    )


def _keep_due():
    return (timezone.localtime() + timedelta(days=KEEP_DAYS)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )


def _contact_channel(lead, outcome: str, channel: str | None) -> str:
    """The channel a button's try was on: the card's (the plan's), but what only a call has (no
    answer, a message left, a talk) is a call's, never a message's; "Sent" is a message's."""
    channel = channel or lead.next_channel or ("call" if lead.phone else "email")
    if outcome == "sent" and channel not in MESSAGE_CHANNELS:
        raise ActionError(f"Sent is for an email or a text, not a {channel}.")
    if outcome in VOICE_OUTCOMES and channel in MESSAGE_CHANNELS:
        if not lead.phone:  # nothing was called: a call logged here would be made up
            raise ActionError(f"{lead.name} has no phone: log the message as Sent or Replied.")
        return "call"  # the card's ☎ link, or the lead page's buttons for an email's plan
    return channel


def _log_attempt(lead, outcome: str, channel: str | None, user, undo: dict) -> tuple[str, dict]:
    """An attempt's button: log it, and note for the Undo the attempt and the promises it kept."""
    channel = _contact_channel(lead, outcome, channel)
    label = "Sent" if outcome == "sent" else Outcome(outcome).label
    if outcome == "sent":
        outcome = Outcome.NO_ANSWER  # a message with no answer yet, as the outbox logs one
    # the promises it keeps: ours by a try, theirs by their reply
    pending = set(
        lead.commitments.filter(state=Commitment.State.PENDING).values_list("pk", flat=True)
    )
    answered = outcome == Outcome.REPLIED and actions.logged_try_answered(lead, channel)
    if answered:  # their answer to a try logged already: a reply, not one more try
        channel = answered.channel
        actions.record_reply(lead, channel, user=user)
        undo["answered"] = [answered.pk, answered.outcome]
    else:
        undo["attempt"] = actions.log_attempt(lead, channel, outcome, user=user).pk
    lead.refresh_from_db()
    undo["fulfilled"] = sorted(
        pending
        - set(lead.commitments.filter(state=Commitment.State.PENDING).values_list("pk", flat=True))
    )
    said = {
        Outcome.NO_ANSWER: f"No answer from {lead.name}"
        if channel not in MESSAGE_CHANNELS
        else f"Sent to {lead.name}",
        Outcome.LEFT_MESSAGE: f"Left {lead.name} a message",
        Outcome.TALKED: f"Talked with {lead.name}",
        Outcome.REPLIED: f"{lead.name} replied",
    }[outcome]
    undo["what"] = f"{label} ({channel})"
    return f"{said} ({channel}): logged. {next_step(lead)}".strip(), undo


def apply_outcome(request, lead, outcome: str, channel: str | None = None) -> tuple[str, dict]:
    """Carry out one button through the actions. Returns the confirmation to show and
    what an Undo needs (the lead as it was, the attempt or commitment the click made)."""
    user = request.user
    undo = {"before": actions.undo_snapshot(lead)}
    if outcome in ATTEMPT_OUTCOMES or outcome == "sent":
        return _log_attempt(lead, outcome, channel, user, undo)
    if outcome == Outcome.OPTED_OUT:  # for good: no Undo (the card asked first)
        actions.log_attempt(
            lead, _contact_channel(lead, outcome, channel), Outcome.OPTED_OUT, user=user
        )
        return opted_out_said(lead), {}
    if outcome == "won":
        actions.mark_won(lead, user=user)
        undo["what"] = "won"
        return f"{lead.name}: won. Well done!", undo
    if outcome == "lost":
        actions.mark_lost(lead, "Marked lost on Today", user=user)
        undo["what"] = "lost"
        return f"{lead.name}: marked lost.", undo
    if outcome == "stop":  # the plan's stop, or the core's rule for where a stop goes
        now = timezone.now()
        state, revisit = planning.stop_target(lead, now)
        said = stopped_by(lead, user, state, revisit, now)  # the person's decision, whole
        actions.stop_chasing(lead, state, user=user, revisit_at=revisit, reason=said)
        undo["what"] = f"stopped chasing ({stop_words(state, revisit)})"
        return f"Stopped chasing {lead.name}: {stop_words(state, revisit)}.", undo
    if outcome == "keep":  # refused by the action for someone we cannot contact
        if not lead.is_active and lead.status != Status.OPTED_OUT:
            raise ActionError(
                f"{lead.name} is {status_label(lead).lower()}: reopen the lead first."
            )
        due = _keep_due()
        c = actions.add_commitment(  # any channel: the plan picks the way of the next try
            lead,
            by=Commitment.By.US,
            what="Try again (kept chasing)",
            due_at=due,
            channel="",
            user=user,
        )
        undo["added"] = c.pk
        undo["what"] = "kept chasing"
        when = clock.for_lead(due, timezone.get_current_timezone(), lead)
        return f"Keep chasing {lead.name}: one more try pinned for {when}.", undo
    raise ActionError(f"Unknown outcome {outcome!r}.")


def _undo_token(lead, undo: dict, row: str) -> str:
    return signing.dumps({"lead": lead.pk, "row": row, **undo}, salt=UNDO_SALT, compress=True)


def _done(
    request,
    lead,
    said: str,
    *,
    undo: dict | None = None,
    undo_token: str = "",
    row: str = "",
    pin=False,
    error: bool = False,
    extras: bool = True,
):
    """A clicked row's replacement: what happened, an Undo for a few seconds, what comes next
    (`pin`: True for a fresh "pin the next step" form, or a bound form to show its errors;
    `extras`: the drafted message other apps fold under the card)."""
    request.today_after_click = True  # extras may fold their after-call message under the card
    token = _undo_token(lead, undo, row) if undo else undo_token
    card = render_to_string(
        "web/_row_done.html",
        {
            "lead": lead,
            "said": said,
            "error": error,
            "row": row,
            "undo_token": token,
            "pin_form": CommitmentForm.after_talk(lead) if pin is True else pin or None,
            "extras": extras,
        },
        request=request,
    )
    return HttpResponse(card + _counts(request))


def _counts(request) -> str:
    """Today's minutes line and section counts as they stand after a click, swapped into
    the page beside the card (htmx out-of-band), so the page never shows stale numbers."""
    owner, _ = _owner_filter(request)
    agenda = agenda_for(
        request.user,
        timezone.now(),
        owner=owner,
        business=request.business,
        let_go=False,
        followups_shown=FOLLOWUPS_SHOWN,
    )
    return render_to_string("web/_agenda_counts.html", {"agenda": agenda}, request=request)


def pinned_row(request, lead, commitment):
    """Today's answer to "Pin it": the confirmation, with an Undo that cancels the pin."""
    when = clock.for_lead(commitment.due_at, timezone.get_current_timezone(), lead)
    undo = {
        "before": actions.undo_snapshot(lead),
        "added": commitment.pk,
        "what": "pinned the next step",
    }
    return _done(
        request,
        lead,
        f"Pinned for {lead.name}: {commitment.what}, {when}.",
        undo=undo,
        row=_row_kind(request),
    )


def pin_errors(request, lead, form):
    """The pin form again, with its errors next to the fields, and the Undo of the click
    that opened it (the form carries that Undo's token back)."""
    token = request.POST.get("undo", "")
    try:
        note = signing.loads(token, salt=UNDO_SALT, max_age=UNDO_MAX_AGE)
    except signing.BadSignature:
        note = None
    if not isinstance(note, dict) or note.get("lead") != lead.pk:
        token = ""
    return _done(
        request,
        lead,
        "Not pinned yet: see below.",
        pin=form,
        error=True,
        row=_row_kind(request),
        undo_token=token,
    )


def resolved_row(request, lead, said: str):
    return _done(request, lead, said, row=_row_kind(request))


def _row_kind(request) -> str:
    """Which card the click came from: a Today section or `commitment:<id>`."""
    row = request.POST.get("row", "")
    return (
        row
        if row in ("new", "followup", "wings", "let_go") or row.startswith("commitment:")
        else ""
    )


@require_POST
@web_view
@once_per_key
def lead_outcome(request, pk):
    """One click on Today (or the lead page): log it, re-plan, answer with the row only."""
    lead = lead_or_404(request.user, pk)
    outcome = request.POST.get("outcome", "")
    row = _row_kind(request)
    channel = request.POST.get("channel")
    if request.POST.get("called"):  # a message card's "Called them instead?": a call
        outcome, channel = request.POST["called"], "call"
    try:
        if channel:  # the log form's and the API's list: nothing logged "by pigeon"
            actions.check_channel(channel)
    except ActionError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    pin = False
    try:
        said, undo = apply_outcome(request, lead, outcome, channel)
    except ActionError as exc:
        if is_htmx(request):
            return _done(request, lead, str(exc), error=True, row=row)
        messages.error(request, str(exc))
    else:
        pin = outcome in ANSWERS  # every conversation pins a next time: ask for it
        if is_htmx(request):
            lead.refresh_from_db()
            # A message drafted under the card is for now: after a call (a voicemail to
            # follow, a talk to recap) or when the plan's next step is for the day Today shows
            # (`planning.due_on`: on a Sunday, Monday). Otherwise the
            # confirmation's "Next: email Mon 7 Dec" is the whole truth.
            after_call = outcome in (Outcome.LEFT_MESSAGE, Outcome.TALKED, Outcome.REPLIED)
            day = planning.contact_day(timezone.now(), request.business)
            extras = after_call or planning.due_on(lead, day)
            return _done(request, lead, said, undo=undo, row=row, pin=pin, extras=extras)
        messages.success(request, said)
        if pin and request.POST.get("next") != "lead":
            messages.info(
                request, "Now pin the next step: who contacts whom, about what, and when."
            )
    if request.POST.get("next") == "lead":  # after a talk it asks for the next step, as here
        return lead_page_after(lead, pin)
    return redirect(_today_url(request))


def lead_page_after(lead, talked: bool):
    """Back to the lead page; after a conversation with "pin the next step" at its top."""
    url = reverse("lead_detail", args=[lead.pk])
    return redirect(f"{url}?pin=1" if talked else url)


def _today_url(request) -> str:
    owner = request.POST.get("owner") or ""
    return reverse("today") + (f"?owner={owner}" if owner else "")


@require_POST
@web_view
def lead_undo(request, pk):
    """Undo a click: the lead's state, counters and plan as they were before it."""
    lead = lead_or_404(request.user, pk)
    try:
        note = signing.loads(request.POST.get("token", ""), salt=UNDO_SALT, max_age=UNDO_MAX_AGE)
    except signing.BadSignature:
        note = None
    if not isinstance(note, dict) or note.get("lead") != lead.pk:
        said = "Too late to undo that here: open the lead to change it."
        if is_htmx(request):
            return _done(request, lead, said, error=True)
        messages.error(request, said)
        return redirect("lead_detail", pk=lead.pk)
    try:
        actions.undo_outcome(
            lead,
            before=note["before"],
            attempt_id=note.get("attempt"),
            answered=note.get("answered"),
            commitment_ids=note.get("fulfilled") or (),
            added_commitment_id=note.get("added"),
            what=note.get("what", ""),
            user=request.user,
        )
    except ActionError as exc:
        if is_htmx(request):
            return _done(request, lead, str(exc), error=True)
        messages.error(request, str(exc))
        return redirect("lead_detail", pk=lead.pk)
    lead.refresh_from_db()
    said = f"Undone: {lead.name} is back as before."
    if not is_htmx(request):
        messages.success(request, said)
        return redirect(_today_url(request))
    return _row(request, lead, note.get("row", ""), said)


def _row(request, lead, row: str, note: str = ""):
    """The lead's card as Today shows it now (a commitment card if it came from one)."""
    ctx = {"sources": dict(SOURCES), "note": note}
    if row.startswith("commitment:") and an_id(row[len("commitment:") :]) is not None:
        c = lead.commitments.filter(
            pk=an_id(row[len("commitment:") :]), state=Commitment.State.PENDING
        ).first()
        if c is not None:
            ctx["c"] = CommitmentRow(commitment=c, lead=lead, overdue=c.due_at < timezone.now())
            card = render_to_string("web/_commitment_row.html", ctx, request=request)
            return HttpResponse(card + _counts(request))
    r = row_for(lead, timezone.now(), request.business)
    if row == "wings" and r.section == "followup":
        r.section = "wings"
    ctx["r"] = r
    card = render_to_string("web/_agenda_row.html", ctx, request=request)
    return HttpResponse(card + _counts(request))
