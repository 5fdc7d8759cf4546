"""Reading lead records (dicts or dataclasses): values, finished leads for `fit`, and open leads
into flat NumPy arrays by one pass over the records (`columns` reads regular chunks faster)."""

from __future__ import annotations

import operator
from datetime import UTC, date, datetime
from itertools import chain

import numpy as np

from .priors import CHANNELS, CLOSED, NO_CHANNEL, RESPONSES

CHANNEL_INDEX = {name: i for i, name in enumerate(CHANNELS)}
CHANNEL_BIT = {name: 1 << i for i, name in enumerate(CHANNELS)}
ALL_REACHABLE = (1 << len(CHANNELS)) - 1
WEEK = 7 * 86400.0
RECENT = 16  # attempt times kept per lead for the rolling-week rules


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


SEQUENCES = (list, tuple, set, frozenset)
_ATTEMPT_FIELDS = operator.itemgetter("outcome", "channel", "at")


def as_list(value):
    if type(value) is list or isinstance(value, SEQUENCES):
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
    agreed = None
    commitment = g("commitment")
    if commitment:
        agreed = to_ts(getter(commitment)("due"))
    return {
        "agreed": agreed,
        "source": source,
        "signals": signals,
        "status": status,
        "created": created,
        "attempts": attempts,
        "value": value,
    }


# kind codes
OPEN, ENGAGED, CLOSED_KIND, WAIT_PAUSED, WAIT_REVISIT, UNREADABLE, UNREACHABLE = range(7)
OUTCOME_CODE = {
    "no_answer": 0,
    "left_message": 1,
    "talked": 2,
    "replied": 3,
    "bounced": 4,
    "opted_out": 5,
}
NAN = float("nan")
FIELDS = (
    "value",
    "created",
    "last_at",
    "commit_at",
    "paused",
    "src",
    "mask",
    "tz",
    "kind",
    "k",
    "prev",
    "avail",
    "mailing",
    "commit_by",
    "streak",
    "last_outcome",
    "revisited",
    "resp_channel",
    "tries",
)
N_FLOAT = 5
_UNREADABLE_ROW = (NAN,) * N_FLOAT + (0, 0, 0, UNREADABLE) + (0,) * 10


class LeadBatch:
    """One chunk of open leads as arrays (index i = position in the chunk)."""

    def __init__(self, ids, columns, recent_lead, recent_ts, errors):
        """`columns` maps each name in FIELDS to its array (float for the first N_FLOAT, else
        int64); `recent_lead`/`recent_ts` list every dated attempt (lead index, time) in order."""
        self.n = len(ids)
        self.ids = ids
        self.errors = errors
        for name in FIELDS:
            setattr(self, name, columns[name])
        # latest RECENT attempt times per lead, newest first (NaN-padded)
        self.recent = np.full((self.n, RECENT), np.nan)
        if len(recent_ts):
            lead = np.asarray(recent_lead, dtype=np.int64)
            ts = np.asarray(recent_ts, dtype=float)
            counts = np.bincount(lead, minlength=self.n)
            ends = np.cumsum(counts)
            back = ends[lead] - 1 - np.arange(len(lead))  # 0 = newest attempt of its lead
            keep = back < RECENT
            self.recent[lead[keep], back[keep]] = ts[keep]

    @classmethod
    def from_rows(cls, ids, rows, recent_lead, recent_ts, errors):
        """From one tuple per lead, in the order of FIELDS."""
        width = len(FIELDS)
        table = np.fromiter(chain.from_iterable(rows), float, count=len(rows) * width)
        table = table.reshape(len(rows), width)  # one C pass over all the rows
        columns = {
            name: table[:, j].copy() if j < N_FLOAT else table[:, j].astype(np.int64)
            for j, name in enumerate(FIELDS)
        }
        return cls(ids, columns, recent_lead, recent_ts, errors)


def channel_bits(channels) -> int:
    """The bits of the known channels in a lead's own list of reachable channels."""
    reachable = 0
    for name in channels:
        if type(name) is str:
            reachable |= CHANNEL_BIT.get(name, 0)
    return reachable


def read_commitment(commitment):
    """(due time, 1 = ours / 2 = theirs) of a promise, or (NaN, 0) when it is not usable."""
    cg = getter(commitment)
    due = to_ts(cg("due"))
    by = cg("by")
    if due is not None and by in ("us", "lead"):
        return due, 1 if by == "us" else 2
    return NAN, 0


def parse_records(leads, src_index, pooled_src, sig_bits, tz_index, now_ts):
    """Any chunk of lead records into a LeadBatch (one Python pass, no per-lead objects)."""
    ids, rows, errors = [], [], {}
    recent_lead, recent_ts = [], []
    append_lead, append_ts = recent_lead.append, recent_ts.append
    for i, rec in enumerate(leads):
        mark = len(recent_ts)
        try:
            common = None
            if type(rec) is dict:
                g = rec.get
                if len(rec) == N_COMMON:  # exactly the usual keys: the optional ones are absent
                    try:
                        common = _COMMON(rec)  # one C call instead of a get per field
                    except KeyError:
                        pass
            else:
                g = getter(rec)
            ids.append(g("id") if common is None else common[0])
            if common is None:  # fields read in the contract's order
                source, value, signals, consents, tz, created, status = (
                    g("source"),
                    g("value"),
                    g("signals"),
                    g("consents"),
                    g("timezone"),
                    g("created_at"),
                    g("status"),
                )
                channels, revisit_at, attempts = g("channels"), g("revisit_at"), g("attempts")
                commitment, paused = g("commitment"), g("paused_until")
            else:
                _, source, value, signals, consents, tz, created, status, attempts = common
                channels = revisit_at = commitment = paused = None
            src = src_index.get(source, pooled_src) if type(source) is str else pooled_src
            if type(value) is float:
                if not 0.0 <= value < 1e15:  # also rejects NaN
                    value = None
            elif value is not None:
                value = to_float(value)
            mask = 0
            if signals:
                for name in as_list(signals):
                    if type(name) is str:
                        mask |= sig_bits.get(name, 0)
            if consents and type(consents) is not list:
                consents = as_list(consents)
            elif not consents:
                consents = ()
            if type(tz) is not str:
                tz = None
            zi = tz_index.get(tz)
            if zi is None:
                zi = tz_index[tz] = len(tz_index)
            created = (
                created.timestamp()
                if type(created) is datetime and created.tzinfo
                else to_ts(created)
            )
            kind = CLOSED_KIND if status in CLOSED else (ENGAGED if status == "engaged" else OPEN)

            if isinstance(channels, SEQUENCES):  # [] means none: never contacted
                reachable = channel_bits(channels)
            else:
                channels = None
                reachable = 3 | (
                    4 if "sms" in consents else 0
                )  # call + email (+ text with consent)
            bounced = 0  # channels whose latest attempt bounced
            if revisit_at is not None:
                revisit_at = to_ts(revisit_at)
            k = streak = after_revisit = 0
            responded = False
            prev = NO_CHANNEL
            last_outcome = resp_channel = -1
            last_at = NAN
            for a in (
                (attempts if type(attempts) is list else as_list(attempts)) if attempts else ()
            ):
                if type(a) is dict:
                    ag = a.get
                    try:
                        outcome, channel, at = _ATTEMPT_FIELDS(a)  # one C call for the common case
                    except KeyError:
                        outcome, channel, at = ag("outcome"), ag("channel"), ag("at")
                else:
                    ag = getter(a)
                    outcome, channel, at = ag("outcome"), ag("channel"), ag("at")
                ci = CHANNEL_INDEX.get(channel, -1) if type(channel) is str else -1
                ts = at.timestamp() if type(at) is datetime and at.tzinfo else to_ts(at)
                if ts is not None:
                    append_lead(i)  # every attempt counts for the rolling-week cap
                    append_ts(ts)
                if outcome == "bounced":
                    if ci >= 0:
                        bounced |= 1 << ci
                    continue
                if ci >= 0:
                    bounced &= ~(1 << ci)
                    if channels is None:
                        reachable |= 1 << ci  # we used it, so it is reachable
                    prev = ci
                if outcome == "opted_out":
                    kind = CLOSED_KIND
                last_outcome = OUTCOME_CODE.get(outcome, 0) if type(outcome) is str else 0
                if ts is not None:
                    last_at = ts
                    if revisit_at is not None and ts >= revisit_at:
                        after_revisit += 1
                reply = outcome in RESPONSES
                if responded or reply:  # next_streak, inline
                    progress = ag("progress")
                    if progress is True or (reply and not responded):
                        streak = 0
                    elif progress is False or not reply:
                        streak += 1
                    if reply:
                        resp_channel = ci
                    responded = True
                else:
                    k += 1
            if responded and kind == OPEN:
                kind = ENGAGED
            reachable &= ~bounced
            commit_at, commit_by = read_commitment(commitment) if commitment else (NAN, 0)
            paused = to_ts(paused) if paused is not None else None
            wait_until = NAN
            if kind == OPEN or kind == ENGAGED:
                if reachable == 0:
                    kind = UNREACHABLE
                elif paused is not None and paused > now_ts:
                    kind = WAIT_PAUSED
                    wait_until = paused
                elif revisit_at is not None and revisit_at > now_ts:
                    kind = WAIT_REVISIT
                    wait_until = revisit_at
            revisited = 0
            tries = k  # silent tries ever made: what annoyance depends on, revisit or not
            if revisit_at is not None and revisit_at <= now_ts and kind == OPEN:
                revisited = 1
                k = 2 + after_revisit  # a revisited lead starts again like a 3rd try
            rows.append(
                (
                    NAN if value is None else value,
                    NAN if created is None else created,
                    last_at,
                    commit_at,
                    wait_until,
                    src,
                    mask,
                    zi,
                    kind,
                    k,
                    prev,
                    reachable,
                    1 if "mailing_list" in consents else 0,
                    commit_by,
                    streak,
                    last_outcome,
                    revisited,
                    resp_channel,
                    tries,
                )
            )
        except Exception as exc:  # never raise on a bad record: report it in the decision
            del recent_lead[mark:], recent_ts[mark:]
            if len(ids) == i:
                ids.append(_safe_id(rec))
            rows.append(_UNREADABLE_ROW)
            errors[i] = type(exc).__name__
    return LeadBatch.from_rows(ids, rows, recent_lead, recent_ts, errors)


def _safe_id(rec):
    try:
        return getter(rec)("id")
    except Exception:
        return None


COMMON_KEYS = "id source value signals consents timezone created_at status attempts".split()
N_COMMON = len(COMMON_KEYS)
_COMMON = operator.itemgetter(*COMMON_KEYS)
