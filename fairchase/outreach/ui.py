"""What outreach adds to the web UI: the drafted message on Today (page block and
per-row extra), the lead page's message panel, and timeline entries."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from fairchase import clock
from fairchase.leads.models import Attempt, Commitment, Outcome, Profile
from fairchase.leads.people import profile_of, visible_leads
from fairchase.leads.planning import reachable_channels
from fairchase.web.panels import TimelineEntry

from .drafts import AFTER_CALL, Purpose, draft_for, purpose_for
from .facts import LIVE, PageFacts
from .held import held_stops
from .inbound import CORRECTABLE
from .models import InboundMessage, OutboundMessage
from .refusals import ASKED_TO_STOP, mark_refusals, nothing_to_write, owner_left, refusal
from .rendering import reader_day

State = OutboundMessage.State
AFTER_CALL_PURPOSES = {Purpose.VOICEMAIL, Purpose.RECAP}
PANEL_LIMIT = 10


def _mode(request) -> str:
    return (
        profile_of(request.user).outreach_mode
        if request and request.user.is_authenticated
        else Profile.Mode.SUGGEST
    )


def today_panel_context(request) -> dict:
    """Messages to send right after today's calls, and sends a person must settle.

    The after-call section is folded: it names the leads whose message is waiting and
    leaves the drafts themselves (rendered emails, the costliest part of Today) to
    `after_call_drafts`, fetched when a person opens it."""
    user = request.user
    called, _ = _after_call_leads(user, getattr(request, "business", None))
    leads = visible_leads(user).filter(owner=user)
    # Found by state first (index outbox_state: few are unknown), then kept for the owner's
    # leads (`leads` is exactly those, for anyone who may see Today), not probed lead by lead.
    unknown = (
        []
        if leads.query.is_empty()
        else list(
            OutboundMessage.objects.filter(state=State.UNKNOWN, lead__owner=user).select_related(
                "lead__owner", "template"
            )[:PANEL_LIMIT]
        )
    )
    mark_refusals(unknown)  # "Send again" only to someone we may still write to
    return {"called": called, "unknown": unknown, "mode": _mode(request)}


def after_call_drafts(user, business=None) -> list[tuple]:
    """(lead, draft) of the messages that follow `user`'s recent calls on their own leads,
    most recent call first: what the folded section of Today shows once opened."""
    called, facts = _after_call_leads(user, business)
    return [(lead, draft_for(lead, facts)) for lead in called]


def _after_call_leads(user, business) -> tuple[list, PageFacts]:
    """`user`'s own leads (at most PANEL_LIMIT) with a voicemail email or a call recap to
    send, and the facts that decided it (asked again to draft them, never re-queried)."""
    leads = visible_leads(user).filter(owner=user)
    ids = [] if leads.query.is_empty() else _recently_called(user)
    # The candidates and what their drafts need, loaded together rather than per lead.
    by_id = leads.select_related("owner").in_bulk(ids)
    facts = PageFacts(list(by_id.values()), business)
    called = []
    for lead in (by_id[pk] for pk in ids if pk in by_id):
        if len(called) >= PANEL_LIMIT:
            break
        found = purpose_for(lead, facts)
        # draft_for's template: an after-call purpose has no stand-in of another purpose
        if found and found[0] in AFTER_CALL_PURPOSES and facts.template(found[0], found[1]):
            called.append(lead)
    return called, facts


def _recently_called(owner) -> list[int]:
    """Ids of `owner`'s leads with a call that left a message or reached them within
    AFTER_CALL, most recent call first, from their latest 50 such calls.

    One query: the recent calls read from their own index (outreach_recent_calls: by
    channel, outcome and time), each joined to its lead by primary key to keep the owner's.
    Never a probe per lead of an owner with 10,000 open leads, and never the whole team's
    recent calls brought back to be kept here (700 ids sent back as parameters cost 3 ms)."""
    calls = (
        Attempt.objects.filter(
            channel="call",
            at__gte=timezone.now() - AFTER_CALL,
            outcome__in=[Outcome.LEFT_MESSAGE, Outcome.TALKED],
            lead__owner=owner,
        )
        .order_by("-at")
        .values_list("lead_id", flat=True)[:50]
    )
    return list(dict.fromkeys(calls))  # each lead once


def _may_draft(lead) -> bool:
    """Rows that can carry a drafted message: email/text steps and "let go" rows."""
    return lead.next_channel in ("email", "text") or lead.next_action == "stop"


def prepare_today(request, leads) -> None:
    """Today calls this once per page with every row's lead. The PageFacts kept on the
    request load what the drafts need for all those rows at once, on first use (a fixed
    handful of queries instead of ~9 per row), for `today_extra_context`."""
    leads = [lead for lead in leads if _may_draft(lead)]
    # the page's one look-up of its addresses (`check_addresses`), when it covers these
    checks = getattr(request, "address_checks", {})
    addresses = {v for lead in leads for v in (lead.email, lead.phone) if v}
    blocked = {v for v in addresses if checks[v]} if addresses <= checks.keys() else None
    business = getattr(request, "business", None)
    request.outreach_facts = PageFacts(leads, business, blocked) if leads else None


def today_extra_context(request, lead) -> dict | None:
    """The drafted email/text for an agenda row (after-call drafts sit in the page block).

    None when there is nothing to show, so Today skips the row's template entirely."""
    # A card just clicked on Today ("Left message", "Talked") folds its after-call message under it.
    after_click = getattr(request, "today_after_click", False)
    if not (after_click or _may_draft(lead)):
        return None  # a call or visit row: nothing to draft, and no queries for it
    facts = (
        getattr(request, "outreach_facts", None) or LIVE
    )  # no prepare (another caller): ask per row
    pending = facts.pending_message(lead)
    if pending is not None and pending.state != State.UNKNOWN:
        return {"pending": pending}
    if why := owner_left(lead):  # no draft, no Send: it would go out in a leaver's name
        return {"owner_left": why, "lead": lead}
    draft = draft_for(lead, facts)
    if draft is None or (draft.template.purpose in AFTER_CALL_PURPOSES and not after_click):
        return {"pending": pending} if pending is not None else None
    # an earlier message may have gone: the draft asks to settle it first, never a second Send
    return {"draft": draft, "mode": _mode(request), "unsettled": pending}


def held_stops_for(user) -> list:
    """The requests to stop held for a person on the leads `user` may see (an owner: all),
    undecided, newest first: Today and the Outbox ask to confirm or correct each."""
    return list(
        held_stops().filter(lead__in=visible_leads(user)).select_related("lead")[:PANEL_LIMIT]
    )


def lead_panel_context(request, lead) -> dict:
    held_rows = list(held_stops().filter(lead=lead)[:1])
    held = bool(held_rows)
    why_not = refusal(lead, held={lead.pk} if held else ())  # held: no Write, no draft
    outbound = list(
        OutboundMessage.objects.filter(lead=lead)
        .select_related("template")
        .order_by("-created_at")[:20]
    )
    for m in outbound:
        m.lead = lead
    mark_refusals(outbound)  # "Send again" only to an address we may still write to
    unsettled = next((m for m in outbound if m.state == State.UNKNOWN and m.kind == "lead"), None)
    return {
        "unsettled": unsettled,  # the draft asks to settle it first (`_draft.html`)
        "pause_clashes": pause_clashes(lead),
        "held": held,
        # a bounce naming no message of ours: confirm or ignore, here (`bounces.settle`)
        "held_bounce": held_rows[0] if held and held_rows[0].kind == "bounce" else None,
        "why_not": why_not,  # nothing to write, no draft, for someone we may not contact
        "not_contacted": "" if why_not == ASKED_TO_STOP else why_not,  # `held` says that one
        # a lead we may only call: no Write (the composer would offer an email it refuses)
        "why_not_write": "" if why_not else nothing_to_write(lead, reachable_channels(lead)),
        "owner_left": bool(owner_left(lead)),  # the panel links an admin to the reassign
        "draft": None if why_not else draft_for(lead),
        "outbound": outbound,
        "inbound": list(InboundMessage.objects.filter(lead=lead).order_by("-received_at")[:20]),
        "kinds": [(k.value, k.label) for k in CORRECTABLE],
        "mode": _mode(request),
    }


def pause_clashes(lead) -> list[str]:
    """A pause (an out-of-office until a date) over a promise still pending: the chase
    waits, but the promise stays on Today's commitments for its day. Said on the lead so a
    person keeps it or moves it, rather than finding out on the day."""
    now = timezone.now()
    if lead.paused_until is None or lead.paused_until <= now:
        return []
    promises = lead.commitments.filter(
        state=Commitment.State.PENDING, due_at__gte=now, due_at__lt=lead.paused_until
    ).order_by("due_at")
    until = reader_day(lead.paused_until, lead)
    return [
        f"Paused until {until:%-d %b} (out of office), but “{c.what}” is due "
        f"{reader_day(c.due_at, lead):%a %-d %b}: keep it or move it."
        for c in promises
    ]


def timeline_entries(lead) -> list[TimelineEntry]:
    """Sent/queued/unsettled messages and inbound replies with how they were read."""
    out = []
    outbox = reverse("outreach:outbox")
    for m in OutboundMessage.objects.filter(lead=lead).exclude(state=State.CANCELLED)[:100]:
        at = m.sent_at or m.created_at
        title = f"{m.label} {m.get_state_display().lower()}: {m.subject or m.body[:60]}"
        body = (
            m.body
            if m.state == State.SENT
            else (m.error or f"due {clock.at_zone(m.due_at, timezone.get_current_timezone())}")
        )
        out.append(
            TimelineEntry(
                at=at,
                kind=f"{m.channel} {m.state}",
                title=title,
                body=body,
                url="" if m.state == State.SENT else outbox,
            )
        )
    for r in InboundMessage.objects.filter(lead=lead)[:100]:
        said = " ".join(r.text.split())[:400]
        reading = (
            f"Read as {r.get_kind_display().lower()}"
            + (f" in {r.language_name}" if r.language else "")
            + (f", because of: {r.evidence}" if r.evidence else "")
        )
        body = "\n".join(x for x in (f"“{said}”" if said else "", reading, r.effect) if x)
        out.append(
            TimelineEntry(
                at=r.received_at,
                kind=r.get_kind_display().lower(),
                title=f"{'Text' if r.channel == 'text' else 'Email'} from {r.sender}: {r.subject}".rstrip(
                    ": "
                ),
                body=body,
                url=reverse("lead_detail", args=[lead.pk]) + f"#reply-{r.pk}",
            )
        )
    return out
