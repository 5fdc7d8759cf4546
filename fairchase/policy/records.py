"""Reading lead records (dicts or dataclasses) into flat NumPy arrays in one pass."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np

from .priors import CHANNELS, CLOSED, NO_CHANNEL, RESPONSES

CHANNEL_INDEX = {name: i for i, name in enumerate(CHANNELS)}
CHANNEL_BIT = {name: 1 << i for i, name in enumerate(CHANNELS)}
ALL_REACHABLE = (1 << len(CHANNELS)) - 1
WEEK = 7 * 86400.0
RECENT = 8  # attempt times kept per lead for the rolling-week rules


def getter(rec):
    """A `get(key, default)` for a dict, a mapping or any object with attributes."""
    if type(rec) is dict:
        return rec.get
    get = getattr(rec, "get", None)
    if callable(get) and not isinstance(rec, type):
        return get
    return lambda key, default=None: getattr(rec, key, default)


def to_ts(value, default=None):
    """An aware datetime, ISO-8601 string, date or epoch number -> epoch seconds (naive = UTC)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        try:
            return value.timestamp()
        except (OverflowError, ValueError, OSError):
            return default
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return default
        try:
            return to_ts(datetime.fromisoformat(text), default)
        except ValueError:
            return default
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp()
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return float(value)
    return default


def to_float(value):
    """A usable non-negative number or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if out == out and 0.0 <= out < 1e15 else None


def as_list(value):
    if isinstance(value, list | tuple | set | frozenset):
        return value
    return ()


def text(value):
    return value if isinstance(value, str) else None


def signal_mask(signals, bits) -> int:
    mask = 0
    for name in as_list(signals):
        if isinstance(name, str):
            mask |= bits.get(name, 0)
    return mask


def next_streak(streak, responded, outcome, progress):
    """Contacts in a row without progress since the lead engaged (seed 002: time to move on)."""
    if progress is True or (outcome in RESPONSES and not responded):
        return 0
    if progress is False or outcome not in RESPONSES:
        return streak + 1
    return streak


def parse_history_lead(g):
    """One finished lead as plain Python values (fit walks these)."""
    source = text(g("source")) or "(none)"
    signals = [s for s in as_list(g("signals")) if isinstance(s, str)]
    status = text(g("status")) or "open"
    created = to_ts(g("created_at"))
    attempts = []
    for a in as_list(g("attempts")):
        ag = getter(a)
        channel = ag("channel")
        attempts.append(
            (
                to_ts(ag("at")),
                CHANNEL_INDEX.get(channel, -1) if isinstance(channel, str) else -1,
                text(ag("outcome")) or "no_answer",
                ag("progress"),
            )
        )
    value = to_float(g("value"))
    if value is None and status == "won":
        value = to_float(g("won_value"))
    return {
        "source": source,
        "signals": signals,
        "status": status,
        "created": created,
        "attempts": attempts,
        "value": value,
    }


class LeadBatch:
    """One chunk of open leads as arrays (index i = position in the chunk)."""

    FIELDS_F = ("value", "created", "last_at", "commit_at", "paused", "revisit", "revisit_at_in")
    FIELDS_I = ("src", "mask", "tz", "kind", "k", "prev", "avail", "mailing", "commit_by",
                "streak", "last_outcome", "revisited", "resp_channel")

    def __init__(self, n):
        self.n = n
        self.ids = [None] * n
        self.errors = {}
        for name in self.FIELDS_F:
            setattr(self, name, np.full(n, np.nan))
        for name in self.FIELDS_I:
            setattr(self, name, np.zeros(n, dtype=np.int64))
        self.recent = np.full((n, RECENT), np.nan)  # latest attempt times, newest first


# kind codes
OPEN, ENGAGED, CLOSED_KIND, WAIT_PAUSED, WAIT_REVISIT, UNREADABLE, UNREACHABLE = range(7)
OUTCOME_CODE = {"no_answer": 0, "left_message": 1, "talked": 2, "replied": 3, "bounced": 4,
                "opted_out": 5}


def parse_leads(leads, src_index, pooled_src, sig_bits, tz_index, now_ts):
    """Parse a chunk of lead records into a LeadBatch (one Python pass, no per-lead objects)."""
    batch = LeadBatch(len(leads))
    for i, rec in enumerate(leads):
        try:
            _parse_lead(batch, i, rec, src_index, pooled_src, sig_bits, tz_index, now_ts)
        except Exception as exc:  # never raise on a bad record: report it in the decision
            batch.kind[i] = UNREADABLE
            batch.errors[i] = type(exc).__name__
            if batch.ids[i] is None:
                batch.ids[i] = _safe_id(rec)
    return batch


def _safe_id(rec):
    try:
        return getter(rec)("id")
    except Exception:
        return None


def _parse_lead(b, i, rec, src_index, pooled_src, sig_bits, tz_index, now_ts):
    g = rec.get if type(rec) is dict else getter(rec)
    b.ids[i] = g("id")
    source = g("source")
    b.src[i] = src_index.get(source, pooled_src) if isinstance(source, str) else pooled_src
    value = g("value")
    if value is not None:
        value = to_float(value)
        if value is not None:
            b.value[i] = value
    signals = g("signals")
    if signals:
        b.mask[i] = signal_mask(signals, sig_bits)
    consents = as_list(g("consents"))
    if consents:
        b.mailing[i] = "mailing_list" in consents
    tz = g("timezone")
    zi = tz_index.get(tz) if isinstance(tz, str) else None
    if zi is None:
        zi = tz_index.setdefault(tz if isinstance(tz, str) else None, len(tz_index))
    b.tz[i] = zi
    created = g("created_at")
    created = created.timestamp() if type(created) is datetime and created.tzinfo else to_ts(created)
    if created is not None:
        b.created[i] = created
    status = g("status")
    kind = OPEN
    if status in CLOSED:
        kind = CLOSED_KIND
    elif status == "engaged":
        kind = ENGAGED

    channels = g("channels")
    reachable = 0
    if isinstance(channels, list | tuple | set | frozenset) and channels:
        for name in channels:
            if isinstance(name, str):
                reachable |= CHANNEL_BIT.get(name, 0)
    else:
        reachable = 3 | (4 if "sms" in consents else 0)  # call + email (+ text with consent)
    revisit_at = to_ts(g("revisit_at"))
    k = 0
    streak = 0
    responded = False
    prev = NO_CHANNEL
    last_outcome = -1
    resp_channel = -1
    last_at = None
    recent = b.recent[i]
    n_recent = 0
    after_revisit = 0
    for a in as_list(g("attempts")):
        ag = a.get if type(a) is dict else getter(a)
        outcome = ag("outcome")
        channel = ag("channel")
        ci = CHANNEL_INDEX.get(channel, -1) if isinstance(channel, str) else -1
        at = ag("at")
        ts = at.timestamp() if type(at) is datetime and at.tzinfo else to_ts(at)
        if ts is not None:
            # every attempt counts for the rolling-week cap, newest first
            if n_recent < RECENT:
                recent[n_recent] = ts
                n_recent += 1
            else:
                recent[:-1] = recent[1:]
                recent[-1] = ts
        if outcome == "bounced":
            if ci >= 0:
                reachable &= ~(1 << ci)
            continue
        if ci >= 0 and reachable & (1 << ci) == 0 and not channels:
            reachable |= 1 << ci  # we did use it, so it is reachable
        if outcome == "opted_out":
            kind = CLOSED_KIND
        last_outcome = OUTCOME_CODE.get(outcome, 0)
        if ts is not None:
            last_at = ts
            if revisit_at is not None and ts >= revisit_at:
                after_revisit += 1
        if responded or outcome in RESPONSES:
            streak = next_streak(streak, responded, outcome, ag("progress"))
            if outcome in RESPONSES:
                resp_channel = ci
            responded = True
        else:
            k += 1
        prev = ci if ci >= 0 else prev
    if n_recent:
        # stored oldest..newest; flip to newest first
        recent[:n_recent] = recent[:n_recent][::-1].copy()
    if responded and kind == OPEN:
        kind = ENGAGED
    commitment = g("commitment")
    if commitment:
        cg = getter(commitment)
        due = to_ts(cg("due"))
        by = cg("by")
        if due is not None and by in ("us", "lead"):
            b.commit_at[i] = due
            b.commit_by[i] = 1 if by == "us" else 2
    paused = to_ts(g("paused_until"))
    if kind in (OPEN, ENGAGED):
        if reachable == 0:
            kind = UNREACHABLE
        elif paused is not None and paused > now_ts:
            kind = WAIT_PAUSED
            b.paused[i] = paused
        elif revisit_at is not None and revisit_at > now_ts:
            kind = WAIT_REVISIT
            b.paused[i] = revisit_at
    if revisit_at is not None and revisit_at <= now_ts and kind == OPEN:
        b.revisited[i] = 1
        k = 2 + after_revisit  # a revisited lead starts again like a 3rd try
    b.kind[i] = kind
    b.k[i] = k
    b.prev[i] = prev
    b.avail[i] = reachable
    b.streak[i] = streak
    b.last_outcome[i] = last_outcome
    b.resp_channel[i] = resp_channel
    if last_at is not None:
        b.last_at[i] = last_at
