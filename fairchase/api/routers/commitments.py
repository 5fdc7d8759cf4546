"""Commitments: pending ones across your leads, a lead's list, add one, resolve one."""

from __future__ import annotations

from typing import Annotated

from django.http import Http404
from ninja import Path, Query, Router, Status

from fairchase import clock
from fairchase.leads import actions
from fairchase.leads.models import Commitment
from fairchase.leads.people import lead_or_404, visible_leads

from ..errors import Error, on_input, said
from ..idempotency import IdempotencyKey, once
from ..schemas import CommitmentIn, CommitmentOut, ResolveIn
from . import known_params, responses

router = Router(tags=["commitments"])
Id = Path(..., ge=1, le=2**62)


@router.get(
    "/commitments",
    response=responses(200, list[CommitmentOut]),
    summary="Commitments on your leads",
)
@known_params
def list_commitments(
    request,
    state: Annotated[str, Query(pattern=r"^(pending|done|missed|cancelled)$")] = "pending",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
):
    qs = Commitment.objects.filter(lead__in=visible_leads(request.user), state=state).order_by(
        "due_at", "pk"
    )
    return Status(200, [CommitmentOut.of(c) for c in qs[:limit]])


@router.get(
    "/leads/{lead_id}/commitments",
    response=responses(200, list[CommitmentOut]),
    summary="A lead's commitments",
)
@known_params
def lead_commitments(request, lead_id: int = Id):
    lead = lead_or_404(request.user, lead_id)
    return Status(200, [CommitmentOut.of(c) for c in lead.commitments.order_by("due_at", "pk")])


@router.post(
    "/leads/{lead_id}/commitments",
    response=responses(201, CommitmentOut),
    summary="Add a commitment",
)
def add_commitment(
    request, payload: CommitmentIn, lead_id: int = Id, idempotency_key: IdempotencyKey = None
):
    """Pin the next step: who contacts whom, about what, when, and how (`channel`: a call
    back they asked for is `call`; null, any channel). With an `Idempotency-Key`, a retry
    is answered with the first answer and pins nothing more."""
    lead = lead_or_404(request.user, lead_id)
    if payload.due_at < lead.created_at:  # a promise made before they ever wrote in
        when = clock.at_zone(lead.created_at, clock.business_zone(), "%a %-d %b %Y %H:%M")
        loc = ["body", "payload", "due_at"]
        return Status(
            422, on_input(loc, f"before this lead came in ({when}): no promise can be due then.")
        )

    def pin():
        c = actions.add_commitment(
            lead,
            by=payload.by.value,
            what=payload.what,
            due_at=payload.due_at,
            channel=payload.channel.value if payload.channel else "",
            user=request.user,
        )
        return 201, CommitmentOut.of(c)

    return once(request, idempotency_key, payload, CommitmentOut, pin)


@router.post(
    "/commitments/{commitment_id}/resolve",
    response={**responses(200, CommitmentOut), 409: Error},
    summary="Mark a commitment done, missed or cancelled",
    description="A pending commitment takes the state sent. One resolved already answers "
    "200 unchanged for the same state (a retry) and 409 saying when for another.",
)
def resolve(request, payload: ResolveIn, commitment_id: int = Id):
    c = (
        Commitment.objects.select_related("lead")
        .filter(pk=commitment_id, lead__in=visible_leads(request.user))
        .first()
    )
    if c is None:
        raise Http404("No such commitment")
    c = actions.resolve_commitment(c, payload.state, user=request.user)
    if c.state != payload.state:  # resolved before, by a teammate or the worker: unchanged
        when = clock.at_zone(c.resolved_at, clock.business_zone(), "%a %-d %b %Y %H:%M")
        return Status(409, said(f"Not changed: this commitment was already {c.state} on {when}."))
    return Status(200, CommitmentOut.of(c))
