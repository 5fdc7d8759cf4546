"""The lead book: list with search and filters, the lead page, add and edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from fairchase import clock
from fairchase.leads import actions, reach
from fairchase.leads.actions import ActionError, SaidNoElsewhere
from fairchase.leads.already import keep_notes
from fairchase.leads.models import SOURCES, BusinessSettings, Commitment, Lead, Status, Suppression
from fairchase.leads.normalize import (
    InvalidContact,
    display_phone,
    email_warning,
    normalize_email,
    normalize_phone,
)
from fairchase.leads.people import (
    carried_leads,
    display_name,
    lead_or_404,
    others_on,
    owner_asked,
    owner_choices,
    team,
    visible_leads,
)
from fairchase.leads.planning import reachable_channels
from fairchase.leads.same_person import active_lead_of, lock_person, typed
from fairchase.leads.search import search

from .. import consent_asks
from ..agenda import OUTCOME_BUTTONS, row_for
from ..agenda_rows import MESSAGE_CHANNELS, VOICE_OUTCOMES
from ..forms import (
    AttemptForm,
    CommitmentForm,
    LeadForm,
    LostForm,
    MistakeForm,
    ReassignForm,
    RenewConsentForm,
    SignalsForm,
    StopForm,
    WonForm,
)
from ..once import once_per_key
from ..timeline import timeline_for
from ..words import NOT_TO_BE_CONTACTED, address_note, sentence, status_label
from .common import web_view

PAGE_SIZE = 50
LIST_FIELDS = (
    "id",
    "name",
    "company",
    "email",
    "phone",
    "source",
    "value",
    "status",
    "owner_id",
    "owner__username",
    "owner__first_name",
    "next_action",
    "next_channel",
    "next_due",
    "priority",
    "attempt_count",
    "created_at",
    "last_attempt_at",
)


@require_GET
@web_view
def lead_list(request):
    """All visible leads: search by name/company/email/phone, filter by status, source, owner."""
    visible = visible_leads(request.user)
    qs = visible.select_related("owner").only(*LIST_FIELDS)
    q = request.GET.get("q", "").strip()
    if q:
        qs = search(qs, q)
    status = request.GET.get("status", "")
    if status == "active":
        qs = qs.filter(status__in=[Status.OPEN, Status.ENGAGED])
    elif status == "carried":  # a leaver's "See them": what "Reassign all" would move
        qs = carried_leads(qs)
    elif status in Status.values:
        qs = qs.filter(status=status)
    source = request.GET.get("source", "")
    if source:
        qs = qs.filter(source=source)
    # an id that is nobody's is ignored and said, not shown as an owner without leads
    owner_id, no_such_owner = owner_asked(request.user, request.GET.get("owner"))
    owner = "" if owner_id is None else str(owner_id)  # as the select's values are written
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    page = Paginator(qs.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "web/leads.html",
        {
            "page": page,
            "q": q,
            "status": status,
            "source": source,
            "owner": owner,
            "no_such_owner": no_such_owner,
            "statuses": [(v, status_label(v)) for v, _ in Status.choices],
            "sources": SOURCES,
            "source_choices": sources_of(visible, source),
            "owners": others_on(
                owner_choices(request.user, owner_id) if request.is_admin else None, request.user
            ),
            "querystring": params.urlencode(),
            "filtered": bool(q or status or source or owner or no_such_owner),
        },
    )


def sources_of(leads, asked: str = "") -> list[str]:
    """The sources the Leads filter offers: those these leads have (one query), ours first
    in their usual order, then a business's own ("angi", "home_show_2026") by name, and the
    one asked for if none has it (so the filter shows what it filters by)."""
    had = list(
        leads.exclude(source="").order_by("source").values_list("source", flat=True).distinct()
    )
    ours = [code for code, _ in SOURCES if code in had]
    own = [code for code in had if code not in ours]
    return ours + own + ([asked] if asked and asked not in had else [])


@require_GET
@web_view
def lead_detail(request, pk):
    """Everything about one lead and every action on it. `?pin=1` (after a talk logged here):
    "pin the next step" under the outcome buttons, as Today asks under its card."""
    lead = lead_or_404(request.user, pk)
    asked = request.GET.get("pin") and lead.is_active and lead.status != Status.OPTED_OUT
    held = reach.is_held(lead)
    pin = {
        "pin_form": CommitmentForm.after_talk(lead, ours=bool(reachable_channels(lead)), held=held)
    }
    return lead_page(request, lead, **(pin if asked else {}))


def lead_page(request, lead, **refused):
    """The lead page. `refused`: a form the server turned down (`attempt_form`, `stop_form`,
    ...), shown again as posted, with what was typed and each error beside its field."""
    channel = lead.next_channel or ("call" if lead.phone else "email")
    held_words = reach.holds([lead.pk]).get(lead.pk, "")  # why held ("": not held)
    channels, held = reachable_channels(lead), bool(held_words)
    context = {
        "lead": lead,
        "timeline": timeline_for(lead, request.user),
        "signals_form": SignalsForm.for_lead(lead),
        # no attempt on someone who said no: the page says why instead of offering one
        "not_chased": actions.not_chased(lead) if lead.status == Status.OPTED_OUT else "",
        "attempt_form": AttemptForm(initial={"channel": channel, "outcome": "no_answer"}),
        # no next step for someone who opted out; only theirs when we cannot reach them
        "commitment_form": None
        if lead.status == Status.OPTED_OUT
        else CommitmentForm(ours=bool(channels), held=held, lead=lead, reachable=channels),
        "stop_form": StopForm(
            lead=lead,
            initial={
                "next_state": lead.next_state or Status.CLOSED,
                "revisit_at": lead.plan_revisit_at,
            },
        ),
        "won_form": WonForm(initial={"value": lead.value}),
        "lost_form": LostForm(),
        **_opt_out_forms(request, lead),
        "reassign_form": ReassignForm(owners=team(request.user), initial={"owner": lead.owner_id})
        if request.is_admin
        else None,
        "pending": [c for c in lead.commitments.all() if c.state == Commitment.State.PENDING],
        "outcome_buttons": _outcome_buttons(lead),
        # "respond now" only where the plan says to contact them (not a cold contact let go)
        "waiting": lead.is_new_enquiry and lead.next_action == "contact",
        # an address is a link unless it is suppressed or the lead opted out; a parked
        # lead's says it is not chased, in words that are not an opt-out's
        "addresses": _addresses(lead, held_words),
        # no address to answer at while a person must decide about a request to stop, nor
        # for someone who said no (every address of theirs, one they wrote from too)
        "other_writers": [] if held or lead.status == Status.OPTED_OUT else _other_writers(lead),
        "sources_choices": SOURCES,
        "now": timezone.now(),
    }
    return render(request, "web/lead_detail.html", {**context, **refused})


def _outcome_buttons(lead) -> list[tuple[str, str]]:
    """What happened's buttons: a call's outcomes (no answer, a message left, a talk) are
    logged as a call, so a lead planned for a message with no phone we may call (none, or a
    suppressed one: `reach.address_refusal`) is not offered them (review29 #7)."""
    if lead.next_channel in MESSAGE_CHANNELS and reach.address_refusal(lead, "call"):
        return [(v, t) for v, t in OUTCOME_BUTTONS if v not in VOICE_OUTCOMES]
    return OUTCOME_BUTTONS


def _other_writers(lead) -> list[str]:
    """Addresses other than the lead's email that wrote to us about this lead (their private
    address, a colleague asking to be included: eval28 #13) and may be written to: the page
    offers to answer there or to use one as the lead's email, never adds one by itself."""
    from fairchase.outreach.models import InboundMessage

    Kind = InboundMessage.Kind
    senders = (
        InboundMessage.objects.filter(lead=lead, channel="email")
        .exclude(kind__in=[Kind.BOUNCE, Kind.AUTO_REPLY, Kind.UNMATCHED, Kind.OPT_OUT])
        .order_by("received_at")
        .values_list("sender", flat=True)
    )
    found = []
    for sender in senders:
        try:
            address = normalize_email(sender)
        except InvalidContact:
            continue
        if address and address != lead.email and address not in found:
            found.append(address)
    blocked = set(Suppression.objects.filter(value__in=found).values_list("value", flat=True))
    return [a for a in found if a not in blocked]


def _opt_out_forms(request, lead) -> dict:
    """An opted-out lead's ways back, the owner's alone (`actions.OWNER_ONLY`): "They asked
    to hear from us again" (`actions.renew_consent`), and "This opt-out was our mistake" for
    one our user entered by hand (`actions.mistaken_opt_out`); a salesperson reads who
    can do it instead, and may ask the owner to (`consent_asks.lead_context`)."""
    if lead.status != Status.OPTED_OUT:
        return {"renew_form": None, "staying_blocked": [], "restore_form": None}
    asks = consent_asks.lead_context(request, lead)
    if not request.is_admin:
        return {"renew_form": None, "owner_only": actions.OWNER_ONLY, "restore_form": None, **asks}
    return {
        **asks,
        "renew_form": RenewConsentForm(lead=lead),
        "staying_blocked": actions.staying_blocked(lead),
        "restore_form": MistakeForm() if actions.mistaken_opt_out(lead) else None,
    }


def _addresses(lead, held: str) -> list[dict]:
    """The lead page's Phone and Email: the value shown, its link (None when nobody may
    use it: suppressed, opted out, or the lead `held` by a request to stop nobody has
    decided on, or an import's wish: `held`, why), its note in words (`words.address_note`)
    and whether a public post only
    typed it (`typed`: the page offers to confirm it is theirs)."""
    blocked = Suppression.among([lead])
    out = []
    rows = (("Phone", "phone", "tel"), ("Email", "email", "mailto"))
    for label, field, scheme in rows:
        value = getattr(lead, field)
        refused = reach.address_refusal(lead, "email" if field == "email" else "call", blocked)
        note = address_note(lead, refused == reach.SUPPRESSED, held) if value else ""
        usable = value and not held and note != NOT_TO_BE_CONTACTED
        shown = display_phone(value) if scheme == "tel" and value else value
        link = f"{scheme}:{value}" if usable else None
        out.append(
            {
                "label": label,
                "field": field,
                "value": shown,
                "link": link,
                "note": note,
                "typed": typed(lead, field),
            }
        )
    return out


def already_a_lead(request, fields: dict) -> tuple[str, Lead | None]:
    """(What to say, the lead when this user may open it) if the person being added already
    has an active lead, whoever owns it (`same_person.active_lead_of`, as the API and the
    web forms match): a second lead would have two people chase one. ("", None) otherwise.
    Call it in the transaction that creates the lead: it holds the person till it ends
    (`lock_person`), so someone adding them at the same moment finds this one's lead."""
    try:
        email, phone = normalize_email(fields.get("email")), normalize_phone(fields.get("phone"))
    except InvalidContact:
        return "", None  # the action says what is wrong with the address
    lock_person(email, phone)
    known = active_lead_of(fields.get("name", ""), email, phone)
    if known is None:
        return "", None
    mine = known.owner_id == request.user.pk
    whose = "your" if mine else f"{display_name(known.owner)}'s"
    kept = False
    if not mine:  # the notes typed join theirs (the lead keeps its owner), said on its timeline
        kept = keep_notes(known, fields.get("notes", ""), user=request.user, where="Add lead")
        actions.note_on_timeline(
            known,
            f"{display_name(request.user)} tried to add this person as a new lead: "
            f"not added, already this lead"
            + ("; the notes they typed were added to its notes" if kept else ""),
        )
    seen = visible_leads(request.user).filter(pk=known.pk).exists()
    said = f"{known.name} is already {whose} lead: not added."
    if not seen:  # neither its name nor whose: an address typed here is no lookup (eval32 #4)
        said = "This person is already a teammate's lead: not added."
    if kept:
        said += " The notes you typed were added to that lead's notes."
    return said, known if seen else None


def _save_lead(request, form, lead=None):
    """Create or update through the actions; a refusal becomes a form error, nothing saved."""
    fields = form.lead_fields()
    owner = form.cleaned_data.get("owner") or (lead.owner if lead else request.user)
    try:
        if lead is None:
            with transaction.atomic():  # the lookup and the create together: one lead a person
                said, known = already_a_lead(request, fields)
                if said:
                    form.add_error(None, said)
                    form.already = known
                    return None
                lead = actions.create_lead(owner, user=request.user, **fields)
        else:
            same = bool(form.cleaned_data.get("same_person"))
            lead = actions.update_lead(
                lead, user=request.user, same_person=same, via="web", **fields
            )
            if owner != lead.owner:
                actions.reassign(lead, owner, user=request.user)
    except SaidNoElsewhere as exc:
        _ask_same_person(form, exc, lead)
        return None
    except (InvalidContact, ActionError) as exc:
        form.add_error(None, str(exc))
        return None
    return lead


def _ask_same_person(form, exc: SaidNoElsewhere, lead) -> None:
    """An edit refused for giving the lead a person's address who asked not to be contacted:
    the error on the field that matched, and the box that confirms they are one person."""
    said = f"{exc} If {lead.name} is that person, tick \u201cThey are the same person\u201d."
    form.ask_same_person()
    form.add_error(exc.fields[0] if exc.fields[0] in form.fields else None, said)


# Where a new lead's plan puts it on Today, when it is not "respond now".
ADDED_TO = {
    "new": "among the new enquiries on {today}",
    "followup": "in the follow-ups on {today}",
    "wings": "waiting for its turn on {today}",
    "let_go": "in Ready to let go on {today}",
}


def added_message(lead, user) -> str:
    """What adding a lead did, as its plan says: "respond now, it is at the top of Today" only
    when the plan says to contact them now; else where it is and the plan's reason ("in Ready
    to let go on Today: ...")."""
    now = timezone.now()
    today = "Today" if lead.owner_id == user.pk else f"{display_name(lead.owner)}'s Today"
    if lead.status == Status.OPTED_OUT:  # a record of someone who said no before
        return (
            f"Added {lead.name}: this person opted out before, so this record is opted out "
            "too (its history says when); they are not to be contacted."
        )
    if lead.status not in (Status.OPEN, Status.ENGAGED):
        return f"Added {lead.name}: {status_label(lead).lower()}."
    row = row_for(lead, now, BusinessSettings.current())
    if row.section == "new" and not row.later:
        return f"Added {lead.name}: respond now, it is at the top of {today}."
    why = clock.reason_in_zones(lead.plan_reason, lead, timezone.get_current_timezone(), now)
    where = ADDED_TO[row.section].format(today=today)
    return f"Added {lead.name}: {where}{f': {why}' if why else '.'}"


def _warn_of_email(request, address: str) -> None:
    """An address that email may not reach (`normalize.email_warning`) is said when stored."""
    if warning := email_warning(address):
        messages.warning(request, warning)


@require_http_methods(["GET", "POST"])
@web_view
@once_per_key
def lead_add(request):
    """A new lead: a new enquiry lands at the top of Today as "respond now" (the flash says
    where the plan put it)."""
    owners = team(request.user) if request.is_admin else None
    form = LeadForm(request.POST or None, owners=owners, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        lead = _save_lead(request, form)
        if lead is not None:
            messages.success(request, added_message(lead, request.user))
            _warn_of_email(request, lead.email)
            return redirect("lead_detail", pk=lead.pk)
    return render(
        request,
        "web/lead_form.html",
        {"form": form, "lead": None, "already": getattr(form, "already", None)},
    )


@require_http_methods(["GET", "POST"])
@web_view
def lead_edit(request, pk):
    lead = lead_or_404(request.user, pk)
    # the team, and the lead's owner if they left: saving an edit never moves the lead by itself
    owners = (
        team(request.user) | get_user_model().objects.filter(pk=lead.owner_id)
        if request.is_admin
        else None
    )
    initial = {
        f: getattr(lead, f)
        for f in (
            "name",
            "company",
            "email",
            "phone",
            "timezone",
            "source",
            "value",
            "consents",
            "notes",
        )
    }
    initial["owner"] = lead.owner_id
    if offered := request.GET.get("email"):  # "Use this address" on the lead page: a proposal
        initial["email"] = offered[:254]
    form = LeadForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        if (saved := _save_lead(request, form, lead)) is not None:
            messages.success(request, sentence(f"Saved {saved.name}"))
            if saved.email != initial["email"]:
                _warn_of_email(request, saved.email)
            return redirect("lead_detail", pk=lead.pk)
    return render(request, "web/lead_form.html", {"form": form, "lead": lead})
