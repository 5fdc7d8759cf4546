"""Leads: list (filters, pagination), create, read, update, plan, stop and opt-out."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from django.db.models import Q
from ninja import Path, Query, Router, Status

from fairchase.leads import actions
from fairchase.leads.normalize import normalize_timezone
from fairchase.leads.people import lead_or_404, team, visible_leads

from ..schemas import (
    LeadIn,
    LeadOut,
    LeadPage,
    LeadPatch,
    ListOrder,
    OptOutIn,
    PlanOut,
    StatusFilter,
    StopIn,
    Text,
)
from . import responses

router = Router(tags=["leads"])
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
def list_leads(
    request,
    status: StatusFilter | None = None,
    source: Text(64) | None = None,
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
):
    """Leads you can see, newest first (or `order=priority`: best first), with filters."""
    qs = visible_leads(request.user)
    if status is not None:
        qs = qs.filter(status=status.value)
    if source:
        qs = qs.filter(source=source)
    if owner is not None:
        qs = qs.filter(owner_id=owner)
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(email__icontains=search)
            | Q(phone__icontains=search)
            | Q(company__icontains=search)
        )
    count = qs.count()
    ordering = ("-priority", "pk") if order == ListOrder.priority else ("-pk",)
    page = qs.select_related("owner").order_by(*ordering)[offset : offset + limit]
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "items": [LeadOut.of(lead) for lead in page],
    }


@router.post("", response=responses(201, LeadOut), summary="Create a lead")
def create_lead(request, payload: LeadIn):
    """A new enquiry (planned at once: a new lead says "respond now")."""
    owner = _owner(request, payload.owner_id)
    fields = payload.dict(exclude={"owner_id", "created_at", "value"})
    fields["timezone"] = normalize_timezone(payload.timezone)
    fields["value"] = _money(payload.value)
    if payload.created_at is not None:
        fields["created_at"] = payload.created_at
    lead = actions.create_lead(owner, user=request.user, reason="Created through the API", **fields)
    return Status(201, LeadOut.of(lead))


@router.get("/{lead_id}", response=responses(200, LeadOut), summary="Read a lead")
def read_lead(request, lead_id: int = LeadId):
    return Status(200, LeadOut.of(lead_or_404(request.user, lead_id)))


@router.patch("/{lead_id}", response=responses(200, LeadOut), summary="Update a lead's details")
def update_lead(request, payload: LeadPatch, lead_id: int = LeadId):
    """Details only; status changes have their own actions (stop, opt-out, ...)."""
    lead = lead_or_404(request.user, lead_id)
    changes = payload.dict(exclude_unset=True, exclude={"owner_id"})
    changes = {k: v for k, v in changes.items() if v is not None or k == "value"}
    if "timezone" in changes:
        changes["timezone"] = normalize_timezone(changes["timezone"])
    if "value" in changes:
        changes["value"] = _money(changes["value"])
    if changes:
        lead = actions.update_lead(lead, user=request.user, **changes)
    if payload.owner_id is not None and payload.owner_id != lead.owner_id:
        lead = actions.reassign(lead, _owner(request, payload.owner_id), user=request.user)
    return Status(200, LeadOut.of(lead))


@router.get(
    "/{lead_id}/plan", response=responses(200, PlanOut), summary="A lead's plan and its reason"
)
def lead_plan(request, lead_id: int = LeadId):
    return Status(200, PlanOut.of(lead_or_404(request.user, lead_id)))


@router.post("/{lead_id}/stop", response=responses(200, LeadOut), summary="Stop chasing a lead")
def stop(request, payload: StopIn, lead_id: int = LeadId):
    """Into nurture (needs mailing-list consent), revisit (needs revisit_at) or closed."""
    lead = lead_or_404(request.user, lead_id)
    lead = actions.stop_chasing(
        lead,
        payload.next_state.value,
        user=request.user,
        revisit_at=payload.revisit_at,
        reason=payload.reason,
    )
    return Status(200, LeadOut.of(lead))


@router.post("/{lead_id}/opt-out", response=responses(200, LeadOut), summary="Record an opt-out")
def opt_out(request, payload: OptOutIn, lead_id: int = LeadId):
    """The person asked us to stop: their addresses are suppressed for good."""
    lead = lead_or_404(request.user, lead_id)
    channel = payload.channel.value if payload.channel else None
    lead = actions.opt_out(
        lead, channel=channel, user=request.user, reason=payload.reason or "Opted out (API)"
    )
    return Status(200, LeadOut.of(lead))
