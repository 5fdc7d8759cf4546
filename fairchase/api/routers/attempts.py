"""A lead's contact attempts: list them, log one (through actions.log_attempt)."""

from __future__ import annotations

from ninja import Path, Router, Status

from fairchase.leads import actions
from fairchase.leads.people import lead_or_404

from ..idempotency import IdempotencyKey, once
from ..schemas import AttemptIn, AttemptOut
from . import known_params, responses

router = Router(tags=["attempts"])
LeadId = Path(..., ge=1, le=2**62)


def _out(a) -> dict:
    return {
        "id": a.pk,
        "lead_id": a.lead_id,
        "at": a.at,
        "channel": a.channel,
        "outcome": a.outcome,
        "minutes": a.minutes,
        "progress": a.progress,
        "notes": a.notes,
    }


@router.get(
    "/{lead_id}/attempts", response=responses(200, list[AttemptOut]), summary="A lead's attempts"
)
@known_params
def list_attempts(request, lead_id: int = LeadId):
    lead = lead_or_404(request.user, lead_id)
    return Status(200, [_out(a) for a in lead.attempts.order_by("at", "pk")])


@router.post("/{lead_id}/attempts", response=responses(201, AttemptOut), summary="Log an attempt")
def log_attempt(
    request, payload: AttemptIn, lead_id: int = LeadId, idempotency_key: IdempotencyKey = None
):
    """One contact attempt and its outcome; the lead's plan is recomputed. A phone system
    that retries after a timeout sends an `Idempotency-Key`: the retry is answered with the
    first answer and the call is logged once."""
    lead = lead_or_404(request.user, lead_id)

    def log():
        attempt = actions.log_attempt(
            lead,
            payload.channel.value,
            payload.outcome.value,
            user=request.user,
            minutes=payload.minutes,
            notes=payload.notes,
            progress=payload.progress,
            at=payload.at,
        )
        return 201, _out(attempt)

    return once(request, idempotency_key, payload, AttemptOut, log)
