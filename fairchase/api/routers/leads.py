"""Leads: list (filters, pagination), create, read, update, plan, stop and opt-out."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Annotated

from django.db import transaction
from django.utils import timezone
from ninja import Path, Query, Router, Status

from fairchase.leads import actions, reach
from fairchase.leads.already import keep_notes
from fairchase.leads.models import OUTBOUND_SOURCES, Lead, Suppression
from fairchase.leads.normalize import normalize_email, normalize_phone, normalize_timezone
from fairchase.leads.people import (
    business_owner,
    display_name,
    lead_or_404,
    owner_asked,
    team,
    visible_leads,
)
from fairchase.leads.same_person import active_lead_of, lock_person
from fairchase.leads.search import search as search_leads

from ..errors import Error, on_input, said
from ..fields import UpdatedSince
from ..schemas import (
    LeadIn,
    LeadOut,
    LeadPage,
    LeadPatch,
    LeadPosted,
    ListOrder,
    OptOutIn,
    PlanOut,
    StatusFilter,
    StopIn,
    Text,
    check_kept_or_known,
    sources_meant,
)
from . import ERRORS, known_params, paging, responses

router = Router(tags=["leads"])
CREATED_AS = "Created through the API"  # a new lead's first timeline row
VIA = "the API"  # a joined enquiry's timeline row: "New enquiry through the API"
REPEAT_WINDOW = timedelta(minutes=10)  # the same post again within it is a retry
COLD_AGAIN = (
    "Posted again through the API from a cold list: this person already has this active "
    "lead, not added twice (its details unchanged)."
)
LeadId = Path(..., ge=1, le=2**62, description="The lead's id")


def _owner(request, owner_id: int | None):
    if owner_id is None:
        return request.user
    owner = team(request.user).filter(pk=owner_id).first()
    if owner is None:
        raise actions.ActionError("You cannot assign leads to that user.")
    return owner


def _money(value: float | None) -> Decimal | None:
    return Decimal(str(value)).quantize(Decimal("0.01")) if value is not None else None


@router.get("", response=responses(200, LeadPage), summary="List leads")
@known_params
def list_leads(
    request,
    status: StatusFilter | None = None,
    source: Annotated[
        Text(64) | None,
        Query(description="A source code or label, read as a POST's is ('Referral')"),
    ] = None,
    owner: Annotated[
        int | None, Query(ge=1, le=2**62, description="Owner's user id (admins)")
    ] = None,
    search: Annotated[
        Text(200) | None, Query(description="In name, email, phone or company")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    order: Annotated[
        ListOrder, Query(description="newest first, or best first (priority)")
    ] = ListOrder.newest,
    cursor: Annotated[Text(100) | None, Query(description=paging.CURSOR_HELP)] = None,
    updated_since: Annotated[
        UpdatedSince | None, Query(description=paging.UPDATED_SINCE_HELP)
    ] = None,
):
    """Leads you can see, newest first (or `order=priority`: best first), with filters. An
    owner's `owner` that is no user's id answers 422, as the agenda's does. To walk the
    whole list while the team works, follow `next_cursor` (in either order): `offset` shifts
    when a lead leaves the filter or arrives between two pages."""
    if owner is not None and owner_asked(request.user, owner)[1]:
        return Status(422, on_input(["query", "owner"], f"{owner} is not a user's id."))
    qs = visible_leads(request.user)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=updated_since)
    if status is not None:
        qs = qs.filter(status=status.value)
    if source:
        qs = qs.filter(source__in=sources_meant(source))
    if owner is not None:
        qs = qs.filter(owner_id=owner)
    if search:  # as the web's Leads search: a phone as written, "(312) 555-0166"
        qs = search_leads(qs, search)
    count = qs.count()
    try:
        page, next_cursor = paging.page_of(qs.select_related("owner"), order, limit, offset, cursor)
    except paging.BadCursor:
        return Status(422, on_input(["query", "cursor"], paging.NOT_OURS))
    except paging.CursorMisused as exc:
        return Status(400, on_input(["query", "cursor"], str(exc)))
    blocked, held = Suppression.among(page), reach.held_among(page)
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next_cursor": next_cursor,
        "items": [LeadOut.of(lead, blocked, held) for lead in page],
    }


@router.post(
    "",
    response={200: LeadPosted, 201: LeadPosted, 409: Error, **ERRORS},
    summary="Create a lead, or join the person's active lead",
)
def create_lead(request, payload: LeadIn):
    """A new enquiry (planned at once: a new lead says "respond now"): **201**, `joined`
    false. Someone who already has an active lead (the same email, or the same phone under
    a matching name) makes no second record, as with a web form: the enquiry joins that
    lead (the notes appended, an address it lacks added, "New enquiry through the API" on
    its timeline, its plan recomputed) and the answer is **200** with that lead, `joined`
    true; its other details stay as they are (change them with PATCH). The same post again
    within 10 minutes (a retry) changes nothing and answers the same. A post is you adding
    a lead, not the person writing in: a lead of the person that you may not see (a
    teammate's) is not joined, nor put back among new enquiries: **409**, saying whose lead
    it is, as the web's Add lead does, and your notes join its notes under your name. (An
    enquiry from the person through another tool belongs on a capture form's JSON webhook.)
    Joining a lead whose owner no longer works here gives it to the business owner first
    (as a web form's enquiry does). A contact
    from a cold list (`cold_outreach`, `purchased_list`) did not write in: it leaves the
    active lead as it is (a line on its timeline). Someone who opted out gets a new lead
    with every address suppressed: it is never chased."""
    owner = _owner(request, payload.owner_id)
    email, phone = normalize_email(payload.email), normalize_phone(payload.phone)
    with transaction.atomic():
        lock_person(email, phone)  # a simultaneous post of theirs waits, then joins this lead
        known = active_lead_of(payload.name, email, phone)
        if known is not None and not visible_leads(request.user).filter(pk=known.pk).exists():
            return Status(409, said(_not_added(request, known, payload)))
        joined = _join(request, known, payload) if known is not None else None
        if joined is not None:
            return Status(200, LeadPosted.of(joined, joined=True))
        fields = payload.dict(exclude={"owner_id", "created_at", "value"})
        fields["timezone"] = normalize_timezone(payload.timezone)
        fields["value"] = _money(payload.value)
        if payload.created_at is not None:
            fields["created_at"] = payload.created_at
        lead = actions.create_lead(owner, user=request.user, reason=CREATED_AS, **fields)
    return Status(201, LeadPosted.of(lead))


def _not_added(request, lead: Lead, payload: LeadIn) -> str:
    """The poster may not see the person's active `lead` (a teammate's): as the web's Add
    lead says, it is already that teammate's lead and is not added again, named as the
    post names them (never the lead's stored name, which the poster may not see: eval36
    #4). The post is the poster typing, not the person enquiring, so the lead is not
    re-opened as a new enquiry and the notes join its notes under the poster's name
    (`already.keep_notes`), never as the person's words; its timeline says who tried.
    Returns the answer's `detail`."""
    kept = keep_notes(lead, payload.notes, user=request.user, where="the API")
    actions.note_on_timeline(
        lead,
        f"{display_name(request.user)} tried to add this person through the API: "
        f"not added, already this lead"
        + ("; the notes they sent were added to its notes" if kept else ""),
    )
    who = (payload.name or "").strip() or "This person"
    whose = f"{who} is already {display_name(lead.owner)}'s lead: not added."
    return whose + (" The notes you sent were added to that lead's notes." if kept else "")


def _join(request, lead: Lead, payload: LeadIn) -> Lead | None:
    """The post joins the person's active `lead`, one the poster may see (`actions.add_enquiry`,
    as a web form's enquiry does, recorded as the poster's); returns that lead, or None when
    it is no longer active once locked (an opt-out meanwhile: the post makes a lead of its
    own). A lead whose owner was deactivated goes to whoever takes on a leaver's work
    (`people.business_owner`, the capture form's rule), never to the poster for the asking."""
    if payload.source in OUTBOUND_SOURCES:  # a cold-list contact is not them writing in
        actions.note_on_timeline(lead, COLD_AGAIN)
        return lead
    try:
        with transaction.atomic():
            if not lead.owner.is_active and (receiver := business_owner()) is not None:
                lead = actions.reassign(lead, receiver, user=request.user)
            return actions.add_enquiry(
                lead,
                via=VIA,
                message=payload.notes,
                email=payload.email,
                phone=payload.phone,
                consents=payload.consents,
                at=payload.created_at,
                repeat_since=timezone.now() - REPEAT_WINDOW,
                created_as=CREATED_AS,
                user=request.user,
            )
    except actions.RepeatedEnquiry:
        return Lead.objects.get(pk=lead.pk)
    except actions.ActionError:
        return None


@router.get("/{lead_id}", response=responses(200, LeadOut), summary="Read a lead")
def read_lead(request, lead_id: int = LeadId):
    return Status(200, LeadOut.of(lead_or_404(request.user, lead_id)))


@router.patch(
    "/{lead_id}",
    response={**responses(200, LeadOut), 409: Error},
    summary="Update a lead's details",
)
def update_lead(request, payload: LeadPatch, lead_id: int = LeadId):
    """Details only; status changes have their own actions (stop, opt-out, ...). An email or
    phone of a person who asked not to be contacted (or their name on their number) answers
    409 and changes nothing, unless `"same_person": true` confirms the lead is that person:
    it is then opted out for good."""
    lead = lead_or_404(request.user, lead_id)
    changes = payload.dict(exclude_unset=True, exclude={"owner_id", "same_person"})
    changes = {k: v for k, v in changes.items() if v is not None or k == "value"}
    check_kept_or_known(changes, lead)
    if "timezone" in changes:
        changes["timezone"] = normalize_timezone(changes["timezone"])
    if "value" in changes:
        changes["value"] = _money(changes["value"])
    if changes:
        try:
            lead = actions.update_lead(
                lead, user=request.user, same_person=payload.same_person, via="API", **changes
            )
        except actions.SaidNoElsewhere as exc:
            refused = f'{exc} Only if this lead is that person, send "same_person": true.'
            return Status(409, said(refused))
        except actions.TeammatesLead as exc:  # as a POST of them answers (`create_lead`)
            return Status(409, said(str(exc)))
    if payload.owner_id is not None and payload.owner_id != lead.owner_id:
        lead = actions.reassign(lead, _owner(request, payload.owner_id), user=request.user)
    return Status(200, LeadOut.of(lead))


@router.get(
    "/{lead_id}/plan", response=responses(200, PlanOut), summary="A lead's plan and its reason"
)
def lead_plan(request, lead_id: int = LeadId):
    return Status(200, PlanOut.of(lead_or_404(request.user, lead_id)))


def _through_api(reason: str) -> str:
    """A timeline reason naming the door, as an edit's "Edited (API)" does: an owner tells a
    script's opt-out or stop from a person's ("budget gone (API)")."""
    return f"{reason.strip()} (API)"


@router.post("/{lead_id}/stop", response=responses(200, LeadOut), summary="Stop chasing a lead")
def stop(request, payload: StopIn, lead_id: int = LeadId):
    """Into nurture (needs mailing-list consent), revisit (needs revisit_at) or closed."""
    lead = lead_or_404(request.user, lead_id)
    lead = actions.stop_chasing(
        lead,
        payload.next_state.value,
        user=request.user,
        revisit_at=payload.revisit_at,
        reason=_through_api(payload.reason or f"Stopped chasing: {payload.next_state.value}"),
    )
    return Status(200, LeadOut.of(lead))


@router.post("/{lead_id}/opt-out", response=responses(200, LeadOut), summary="Record an opt-out")
def opt_out(request, payload: OptOutIn, lead_id: int = LeadId):
    """The person asked us to stop: their addresses are suppressed for good."""
    lead = lead_or_404(request.user, lead_id)
    channel = payload.channel.value if payload.channel else None
    lead = actions.opt_out(
        lead, channel=channel, user=request.user, reason=_through_api(payload.reason or "Opted out")
    )
    return Status(200, LeadOut.of(lead))
