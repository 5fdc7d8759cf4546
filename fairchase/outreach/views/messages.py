"""Sending from the UI: the one-click send of a draft, compose (edit, then send), the
outbox where a person settles `unknown` rows, and one-click corrections of a reply's reading."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fairchase import clock
from fairchase.leads import actions, planning
from fairchase.leads.actions import ActionError
from fairchase.leads.models import Commitment
from fairchase.leads.people import lead_or_404, visible_leads
from fairchase.params import an_id
from fairchase.web.views.common import web_view

from .. import actions as message_actions
from .. import bounces, ui
from .. import inbound as inbound_actions
from ..channels import SERVER_TROUBLE
from ..drafts import draft_for
from ..forms import ComposeForm
from ..held import is_held_bounce
from ..mailbox import trouble as mailbox_trouble
from ..models import InboundMessage, MessageTemplate, OutboundMessage
from ..outbox import OutboxError, queue_clicked, send_now
from ..refusals import (
    mark_refusals,
    nothing_to_write,
    reassigned_since_drawn,
    refusal,
    refusal_to_send,
)
from ..rendering import RenderError, to_add, with_opt_out_link
from ..rendering import render as render_message
from ..retries import retrying
from .unmatched import unmatched_context

State = OutboundMessage.State
RESULT = {
    State.SENT: ("success", "Sent to {to}."),
    State.QUEUED: (
        "info",
        "Not sent yet to {to}: {error} It goes out {due}; to send it now "
        "anyway, confirm it in the Outbox.",
    ),
    "retrying": (
        "warning",
        "Not sent yet to {to}: {error} Fairchase tries again by itself ({due}); "
        "the Outbox shows how it goes.",
    ),
    State.CANCELLED: ("warning", "Not sent: {error}"),
    State.FAILED: ("error", "Sending failed: {error}"),
    State.UNKNOWN: ("warning", "We could not tell whether it arrived: {error} Check the outbox."),
    State.SENDING: ("info", "Another worker is sending it."),
}


SETTLED = {
    "sent": "Marked as sent.",
    "resend": "Sending again.",
    "override": "Sending now, as you confirmed.",
    "cancel": "Cancelled.",
}


def _back(request, lead):
    if request.POST.get("next") == "today":
        return redirect(reverse("today"))
    return redirect("lead_detail", pk=lead.pk)


def send_message(
    request, lead, channel: str, subject: str, body: str, template=None
) -> OutboundMessage | None:
    """Render what the person approved, queue it in one transaction, send it now; flash the
    result. A repeated request for the same message (a double POST) is refused, never queued twice."""
    try:
        rendered = render_message(subject, body, lead, channel)
        # the template's own words (a click on Send of the draft), not a person's edit
        drafted = template is not None and (subject, body) == (template.subject, template.body)
        msg = queue_clicked(
            lead,
            channel,
            rendered.subject,
            rendered.body,
            template=template,
            user=request.user,
            as_drafted=drafted,
        )
    except (RenderError, OutboxError) as exc:
        messages.error(request, str(exc))
        return None
    state = send_now(msg)
    msg.refresh_from_db()
    tried = state == State.QUEUED and retrying(msg)  # a send failed: not held by a rule
    level, text = RESULT["retrying" if tried else state]
    due = (
        clock.at_zone(msg.due_at, timezone.get_current_timezone()) if msg.due_at else ""
    )  # labelled
    getattr(messages, level)(request, text.format(to=msg.to, due=due, error=msg.error))
    return msg


# Sent to a lead the plan lets go, these complete the stop: the door-open message, or the
# one answer to an enquiry never chased (what the draft offers someone never contacted).
LAST_MESSAGES = (MessageTemplate.Purpose.BREAKUP, MessageTemplate.Purpose.FIRST_RESPONSE)


@require_POST
@web_view
def send_draft(request, pk):
    """One click on Today or the lead page: send the template as drafted for this lead."""
    lead = lead_or_404(request.user, pk)
    template = get_object_or_404(MessageTemplate, pk=an_id(request.POST.get("template")))
    letting_go = (
        lead.next_action == "stop" and lead.is_active
    )  # the plan's stop, as it stood before the send
    stop = (lead.next_state, lead.plan_revisit_at, lead.plan_reason)
    if why := reassigned_since_drawn(an_id(request.POST.get("owner")), lead):
        msg = None  # the draft was signed by the owner then (a page opened before)
        messages.error(request, f"Nothing sent: {why}")
    elif unsettled := _may_have_gone(lead):  # a page opened before the worker stopped
        msg = None
        messages.error(
            request,
            f"Nothing sent: an earlier message to {unsettled.to} may have gone. Check it first: "
            "It arrived, or Send again, on the lead or in the Outbox.",
        )
    elif template.is_active:
        msg = send_message(
            request, lead, template.channel, template.subject, template.body, template
        )
    else:  # a page opened before an owner switched it off (a wrong price, a typo)
        msg = None
        messages.error(request, f"Nothing sent: “{template.name}” was switched off by an owner.")
    if (
        letting_go
        and msg is not None
        and msg.state == State.SENT
        and template.purpose in LAST_MESSAGES
    ):
        _complete_stop(request, lead, *stop)
    if request.headers.get("HX-Request") == "true":
        # htmx: the draft's own box says what happened (sent, or a failure shown as one).
        return render(request, "outreach/_sent.html", {"lead": lead})
    return _back(request, lead)


def _may_have_gone(lead) -> OutboundMessage | None:
    """The lead's message the worker stopped while sending (unknown), if any: until a person
    settles it, a one-click send could be the second copy they get."""
    return OutboundMessage.objects.filter(
        lead=lead, kind=OutboundMessage.Kind.TO_LEAD, state=State.UNKNOWN
    ).first()


def _complete_stop(request, lead, next_state: str, revisit_at, reason: str) -> None:
    """The last message went out: the stop it was written for is done too. A queued one (held
    for a Sunday, the contact hours) leaves the stop to the person's Let go, which keeps a
    goodbye queued (`stopping`) and cancels any other message."""
    from fairchase.leads.models import Status

    lead.refresh_from_db()  # the consent as it is now; the stop as planned before the send
    state, revisit_at = planning.stop_target(lead, timezone.now(), (next_state, revisit_at))
    try:
        actions.stop_chasing(
            lead,
            state,
            user=request.user,
            revisit_at=revisit_at,
            reason=reason or "Last message sent",  # whole: its last words say where it went
        )
    except ActionError as exc:
        messages.error(request, str(exc))
        return
    messages.success(request, f"Stopped chasing {lead.name}: {Status(state).label.lower()}.")


@require_http_methods(["GET", "POST"])
@web_view
def compose(request, pk):
    """Edit a drafted message, then send it (never to someone we may not contact)."""
    lead = lead_or_404(request.user, pk)
    if why := refusal(lead):
        messages.error(request, f"Nothing can be sent to {lead.name}: {why}")
        return redirect("lead_detail", pk=lead.pk)
    reachable = planning.reachable_channels(lead)
    if why := nothing_to_write(lead, reachable):
        messages.error(request, f"{lead.name}: {why}")
        return redirect("lead_detail", pk=lead.pk)
    form = ComposeForm(request.POST or None, channels=reachable)
    promise = _our_promise(lead)
    if request.method == "POST" and form.is_valid():
        if why := reassigned_since_drawn(form.cleaned_data["owner"], lead):
            form = _shown_back(request, lead, reachable, why)
        elif msg := _send_composed(request, lead, form.cleaned_data):
            if form.cleaned_data["keeps"] and promise is not None:
                _kept_by(request, promise, msg)
            return _back(request, lead)
    elif request.method == "GET":
        chosen = an_id(request.GET.get("template"))
        in_use = MessageTemplate.objects.filter(is_active=True)  # a link from before a switch-off
        template = in_use.filter(pk=chosen).first() if chosen else None
        draft = None if template else draft_for(lead)
        template = template or (draft.template if draft else None)
        initial = {"channel": "email", "subject": "", "body": "", "owner": lead.owner_id}
        if template is not None:
            initial = {
                "owner": lead.owner_id,
                "template": template.pk,
                "channel": template.channel,
                "subject": template.subject,
                "body": template.body,
            }
            try:
                rendered = render_message(template.subject, template.body, lead, template.channel)
                initial.update(subject=rendered.subject, body=rendered.body)
            except RenderError as exc:
                initial.update(_partly_filled(request, template, lead, exc))
        form = ComposeForm(initial=initial, channels=reachable)
    return render(
        request,
        "outreach/compose.html",
        {
            "lead": lead,
            "form": form,
            "templates": MessageTemplate.objects.filter(is_active=True),
            "next": request.GET.get("next") or request.POST.get("next") or "lead",
            "promise": promise,
            "reachable": reachable,
        },
    )


def _partly_filled(request, template, lead, exc: RenderError) -> dict:
    """The template with every value there is filled in and the missing ones left as their
    placeholders (`{{owner_phone}}`), and a note naming what is missing and where to add it
    (eval31 #16: the raw template, every placeholder unfilled, looked broken)."""
    try:
        partly = render_message(
            template.subject, template.body, lead, template.channel, keep_missing=True
        )
    except RenderError:  # a placeholder no lead has: the template as written
        messages.warning(request, f"{exc} Fill it in below.")
        return {}
    missing = ", ".join(f"{{{{{name}}}}}" for name in exc.missing)
    where = [
        a.theirs  # a teammate's own value: theirs to add, not in this person's Settings
        if a.signer_id not in (None, request.user.pk)
        else format_html('<a href="{}">{}</a> {}', a.url, a.link, a.why)
        for a in to_add(exc, lead)
    ]
    messages.warning(
        request,
        format_html(
            "Not filled in yet: {}. {}Replace it below before you send, or add it and write "
            "the message again; everything else is filled in.",
            missing,
            format_html_join("", "{}. ", ((w,) for w in where)),
        ),
    )
    return {"subject": partly.subject, "body": partly.body}


def _send_composed(request, lead, data) -> OutboundMessage | None:
    """Send what the person wrote (an email with the opt-out link and the postal address)."""
    body = with_opt_out_link(data["body"]) if data["channel"] == "email" else data["body"]
    return send_message(request, lead, data["channel"], data["subject"], body, data["template"])


def _shown_back(request, lead, reachable, why: str) -> ComposeForm:
    """The composer as the person left it, with why nothing was sent (the lead changed hands
    since the page was drawn): their text is not lost, and it now carries the new owner, so
    what they send after reading it (rewritten, signed by whoever sends) may go."""
    data = request.POST.copy()
    data["owner"] = str(lead.owner_id)
    form = ComposeForm(data, channels=reachable)
    form.is_valid()
    form.add_error(None, f"Nothing sent: {why}")
    return form


def _our_promise(lead) -> Commitment | None:
    """The lead's pending promise of ours due first, which a message the person writes may
    keep (they tick "This message keeps my promise")."""
    return (
        lead.commitments.filter(state=Commitment.State.PENDING, by=Commitment.By.US)
        .order_by("due_at", "pk")
        .first()
    )


def _kept_by(request, promise: Commitment, msg: OutboundMessage) -> None:
    """The person said their message keeps `promise`: done once it is sent; a message held
    (outside contact hours, past the cap) leaves the promise pending, and says so."""
    if msg.state != State.SENT:
        messages.info(
            request,
            f"Your promise ({promise.what}) stays pending until the message goes out: "
            "mark it Done then.",
        )
        return
    actions.resolve_commitment(promise, Commitment.State.DONE, user=request.user)
    messages.success(request, f"Promise kept: {promise.what}.")


def _messages_seen_by(request):
    """The messages this person sees in the Outbox: those of the leads they see, and for an
    owner/admin the form receipts, which belong to no lead (the business sends them, as the
    mail from people not in the book is theirs to see)."""
    seen = Q(lead__in=visible_leads(request.user))
    if request.is_admin:
        seen |= Q(lead__isnull=True, kind=OutboundMessage.Kind.RECEIPT)
    return OutboundMessage.objects.filter(seen)


def _message_or_404(request, pk) -> OutboundMessage:
    msg = _messages_seen_by(request).filter(pk=pk).select_related("lead").first()
    if msg is None:
        raise Http404("No such message")
    return msg


@require_GET
@web_view
def outbox(request):
    """Messages that need a person first (unknown, failed), then queued, then recently sent."""
    order = Case(
        When(state=State.UNKNOWN, then=Value(0)),
        When(state=State.FAILED, then=Value(1)),
        When(state=State.QUEUED, then=Value(2)),
        When(state=State.SENDING, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    mine = _messages_seen_by(request)
    rows = list(
        mine.select_related("lead__owner", "template")
        .annotate(rank=order)
        .order_by("rank", "-created_at")[:200]
    )
    mark_refusals(rows)  # a Send offered only to someone we may still write to
    for m in rows:  # no fault of the message's: it waits for the server (`SERVER_TROUBLE`)
        m.waits_for_server = m.state == State.QUEUED and m.error.startswith(SERVER_TROUBLE)
    # the warning about `unknown` rows (and their bulk decision) only while there is one
    unknown = mine.filter(state=State.UNKNOWN).count()
    return render(
        request,
        "outreach/outbox.html",
        {
            "rows": rows,
            "unknown": unknown,
            "mailbox": mailbox_trouble(),  # replies not read: said where they are looked for
            **unmatched_context(request),
            "held": ui.held_stops_for(request.user),
        },
    )


@require_POST
@web_view
def message_settle(request, pk):
    """A person decides an `unknown` (or failed) row: it arrived / send again / drop it."""
    msg = _message_or_404(request, pk)
    decision = request.POST.get("decision", "")
    if decision in ("resend", "override") and (why := refusal_to_send(msg)):
        messages.error(request, f"Not sent: {why}")  # a button on a page opened before
    elif message_actions.settle(msg, decision, request.user):
        messages.success(request, SETTLED[decision])
    else:
        msg.refresh_from_db()
        messages.error(request, f"Nothing to do: the message is {msg.get_state_display().lower()}.")
    if request.POST.get("next") == "lead" and msg.lead_id is not None:
        return redirect("lead_detail", pk=msg.lead_id)
    return redirect(
        request.POST.get("next") == "today" and reverse("today") or reverse("outreach:outbox")
    )


# What a person may decide of many `unknown` rows at once, as each row's buttons say.
SETTLED_MANY = {"sent": "marked as sent", "resend": "sent again", "cancel": "cancelled"}


@require_POST
@web_view
def unknown_settle(request):
    """A person decides many `unknown` rows at once (the ticked ones, or every one they see,
    `all`), each through the same action as its own buttons (`actions.settle`); a Send
    again is refused, and said, for someone we may no longer write to."""
    decision = request.POST.get("decision", "")
    rows = _messages_seen_by(request).filter(state=State.UNKNOWN).select_related("lead")
    if request.POST.get("all") != "1":
        rows = rows.filter(pk__in=[pk for pk in map(an_id, request.POST.getlist("pk")) if pk])
    if decision not in SETTLED_MANY:
        messages.error(request, "Nothing to do: choose what to do with them.")
        return redirect("outreach:outbox")
    done, refused = 0, []
    for msg in rows.order_by("pk"):
        if decision == "resend" and (why := refusal_to_send(msg)):
            refused.append(f"{msg.to}: {why}")
        elif message_actions.settle(msg, decision, request.user):
            done += 1
    if done:
        messages.success(request, f"{done} message{pluralize(done)} {SETTLED_MANY[decision]}.")
    if refused:
        messages.error(request, "Not sent: " + "; ".join(refused))
    if not done and not refused:
        messages.error(request, "Nothing to do: no message of unknown outcome was chosen.")
    return redirect("outreach:outbox")


# The two answers to a bounce naming no message of ours (`bounces.settle`).
CONFIRM_BOUNCE, IGNORE_BOUNCE = "bounce", "ignore"


@require_POST
@web_view
def inbound_correct(request, pk):
    """One click: 'this was really an out-of-office / a plain reply / ...', or a held
    bounce confirmed or ignored."""
    item = InboundMessage.objects.filter(pk=pk, lead__in=visible_leads(request.user)).first()
    if item is None:
        raise Http404("No such message")
    kind = request.POST.get("kind", "")
    try:
        if kind in (CONFIRM_BOUNCE, IGNORE_BOUNCE) and is_held_bounce(item):
            item = bounces.settle(item, confirmed=kind == CONFIRM_BOUNCE, user=request.user)
            messages.success(request, item.effect)
        else:
            item = inbound_actions.correct(item, kind, request.user)
            messages.success(
                request, f"Now read as: {item.get_kind_display().lower()}. {item.effect}"
            )
    except ActionError as exc:
        messages.error(request, str(exc))
    back = {"today": "today", "outbox": "outreach:outbox"}.get(request.POST.get("next", ""))
    return redirect(back) if back else redirect("lead_detail", pk=item.lead_id)


@require_GET
@web_view
def after_call(request):
    """The drafts of Today's folded "Follow your calls with a message" section, rendered
    when a person opens it (htmx) rather than on every load of Today. Only the person's own
    leads: the same ones the section names."""
    drafts = ui.after_call_drafts(request.user, getattr(request, "business", None))
    return render(request, "outreach/_after_call_drafts.html", {"drafts": drafts})
