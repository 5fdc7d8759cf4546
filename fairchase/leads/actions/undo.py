"""Today's Undo: a one-click outcome taken back moments after it was clicked, an action
like any other (locked, recorded as a StatusChange, replanned)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..models import Commitment, Lead, Outcome, Status
from .attempts import TRY_COUNTERS, recount_tries
from .core import ActionError, _done, _lock, _transition


@transaction.atomic
def undo_outcome(
    lead: Lead,
    *,
    before: dict,
    attempt_id: int | None = None,
    answered: list | None = None,
    commitment_ids=(),
    added_commitment_id: int | None = None,
    what: str = "",
    user=None,
) -> Lead:
    """Take back a one-click outcome moments after it was clicked (Today's Undo).

    `before` is the lead's status, stop fields and answer as they were before the click
    (status, revisit_at, won_value, lost_reason, responded_at, paused_until:
    `undo_snapshot`); `attempt_id` the attempt the click
    logged, if any, which is deleted (a mis-tap is not history to learn from);
    `answered` the try a reply was recorded on and its outcome before it ([id, outcome]),
    put back;
    `commitment_ids` our promises that attempt fulfilled, pending again; and
    `added_commitment_id` a next step the click pinned, cancelled. The lead's counters are
    recounted from its remaining attempts, the plan recomputed, and a StatusChange row says
    what was undone and by whom; an automatic message the attempt queued is cancelled. An
    opted-out person is never brought back."""
    caller, lead = lead, _lock(lead)
    if lead.status == Status.OPTED_OUT:
        raise ActionError("This person opted out: they cannot be chased again.")
    now = timezone.now()
    undone = lead.attempts.filter(pk=attempt_id).first() if attempt_id is not None else None
    if undone is not None:
        undone.delete()
        recount_tries(lead)
        lead.save(update_fields=[*TRY_COUNTERS, "updated_at"])
    if answered:
        lead.attempts.filter(pk=answered[0], outcome=Outcome.REPLIED).update(outcome=answered[1])
    kept = [f for f in ("responded_at", "paused_until") if f in before]  # older tokens: none
    for field in kept:
        setattr(lead, field, datetime.fromisoformat(before[field]) if before[field] else None)
    lead.save(update_fields=[*kept, "updated_at"])
    if commitment_ids:
        lead.commitments.filter(pk__in=list(commitment_ids), state=Commitment.State.DONE).update(
            state=Commitment.State.PENDING, resolved_at=None
        )
        _unkeep_their_promise(lead)
    if added_commitment_id is not None:
        lead.commitments.filter(pk=added_commitment_id, state=Commitment.State.PENDING).update(
            state=Commitment.State.CANCELLED, resolved_at=now
        )
    revisit = before.get("revisit_at")
    lead.revisit_at = datetime.fromisoformat(revisit) if revisit else None
    won = before.get("won_value")
    lead.won_value = Decimal(won) if won not in (None, "") else None
    lead.lost_reason = before.get("lost_reason") or ""
    old = lead.status
    _transition(
        lead, before.get("status") or old, f"Undone: {what}"[:200] if what else "Undone", user, now
    )
    # `undone`: the attempt taken back, so what it set off (a voicemail's email) is taken back too
    kind = "status" if lead.status != old else "updated"
    return _done(lead, kind, caller=caller, undone=undone)


def undo_snapshot(lead: Lead) -> dict:
    """What `undo_outcome` needs to put a lead back as it is now (plain JSON values)."""
    return {
        "status": lead.status,
        "revisit_at": lead.revisit_at.isoformat() if lead.revisit_at else None,
        "won_value": str(lead.won_value) if lead.won_value is not None else None,
        "lost_reason": lead.lost_reason or "",
        "responded_at": lead.responded_at.isoformat() if lead.responded_at else None,
        "paused_until": lead.paused_until.isoformat() if lead.paused_until else None,
    }


def _unkeep_their_promise(lead: Lead) -> None:
    """A promise of theirs an undone reply had kept is pending again: the lead's kept-promise
    signal goes with it, unless another promise of theirs was kept (review31 #4)."""
    kept = lead.commitments.filter(by=Commitment.By.LEAD, state=Commitment.State.DONE)
    if "kept_promise" in lead.signals and not kept.exists():
        lead.signals = [s for s in lead.signals if s != "kept_promise"]
        lead.save(update_fields=["signals", "updated_at"])
