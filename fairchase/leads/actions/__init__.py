"""Every change to a lead, one function per transition (Zulip's `do_*` actions).

Each action runs in one transaction: it writes its rows (attempt, commitment,
status change), recomputes the lead's plan through the decision core, and sends
`lead_event` so other apps (outreach) react inside the same transaction.

Callers use this package as one module (`from fairchase.leads import actions`;
`actions.opt_out(...)`). Inside it: `core` (the lock, the transition, the closing step
every action shares), `optout` (opt-outs and suppressions, reaching every record of a
person), `renewal` (someone who opted out asks to hear from us again), `enquiries` (new
leads, enquiries joining a lead, edits), `attempts` (tries and replies), `commitments`,
`status` (stop, reopen, won, lost, owner, pause, revisits), `undo` (Today's Undo).
"""

from ..models import CARRIED_STATUSES
from .attempts import (
    CLOCK_SKEW,
    COMMITMENT_MATCH_HOURS,
    DEFAULT_MINUTES,
    MAX_ATTEMPT_MINUTES,
    OUTCOME_CHANNELS,
    SILENT_OUTCOMES,
    add_past_tries,
    check_channel,
    check_minutes,
    check_outcome,
    log_attempt,
    not_chased,
    not_delivered,
    record_reply,
    record_stop_reply,
)
from .commitments import (
    add_commitment,
    lapse_commitment,
    mark_missed_commitments,
    not_ours_to_use,
    resolve_commitment,
)
from .core import (
    ActionError,
    RepeatedEnquiry,
    SaidNoElsewhere,
    lead_event,
    note_on_timeline,
)
from .enquiries import (
    GUARDED_FIELDS,
    IDENTITY_FIELDS,
    add_enquiry,
    create_lead,
    refuse_unconfirmed_edit,
    update_lead,
)
from .optout import (
    allow_channel,
    confirm_address,
    honour_opt_out,
    opt_out,
    refuse_channel,
    suppress,
    why_said_no,
)
from .renewal import check_renewal, renew_consent, staying_blocked
from .status import (
    DUE_FUTURE_DAYS,
    DUE_PAST_DAYS,
    REASSIGNED,
    check_revisit,
    hold_changed,
    is_active,
    mark_engaged,
    mark_lost,
    mark_won,
    pause_until,
    reassign,
    reassign_all,
    reopen,
    set_signals,
    stop_chasing,
    too_far_ahead,
    wake_revisit,
    wake_revisits,
)
from .undo import undo_outcome, undo_snapshot

__all__ = [
    "hold_changed",
    "confirm_address",
    "CARRIED_STATUSES",
    "REASSIGNED",
    "COMMITMENT_MATCH_HOURS",
    "DEFAULT_MINUTES",
    "MAX_ATTEMPT_MINUTES",
    "GUARDED_FIELDS",
    "IDENTITY_FIELDS",
    "CLOCK_SKEW",
    "OUTCOME_CHANNELS",
    "SILENT_OUTCOMES",
    "ActionError",
    "RepeatedEnquiry",
    "SaidNoElsewhere",
    "DUE_FUTURE_DAYS",
    "DUE_PAST_DAYS",
    "add_commitment",
    "add_past_tries",
    "check_channel",
    "check_minutes",
    "check_outcome",
    "not_ours_to_use",
    "check_revisit",
    "too_far_ahead",
    "add_enquiry",
    "create_lead",
    "honour_opt_out",
    "is_active",
    "lapse_commitment",
    "lead_event",
    "log_attempt",
    "not_chased",
    "not_delivered",
    "mark_engaged",
    "mark_lost",
    "mark_missed_commitments",
    "mark_won",
    "note_on_timeline",
    "opt_out",
    "refuse_channel",
    "allow_channel",
    "pause_until",
    "reassign",
    "reassign_all",
    "renew_consent",
    "check_renewal",
    "staying_blocked",
    "record_reply",
    "record_stop_reply",
    "refuse_unconfirmed_edit",
    "reopen",
    "resolve_commitment",
    "set_signals",
    "stop_chasing",
    "suppress",
    "update_lead",
    "wake_revisit",
    "wake_revisits",
    "why_said_no",
    "undo_outcome",
    "undo_snapshot",
]
