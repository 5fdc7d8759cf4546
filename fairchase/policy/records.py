"""Reading lead records: the one place that knows the record format (see docs/decision-core.md).

`read_book(records)` turns any chunk of records (dicts, mappings or dataclasses) into a
`Book`: one array per field and one flat table of every attempt, for `plan` and `fit` alike.
Plain dicts with aware datetimes (rows of one table) are read one field at a time over the whole
chunk; a chunk with anything else is first normalised record by record (`normalise`), and a
record that cannot be read at all becomes an unreadable row instead of an error. The rare
optional fields (own channels, a promise, a pause, a revisit, a won value) have one reader,
`_read_optional`, record by record in either case.
`batch.lead_batch` then derives, with NumPy, what planning needs of each lead.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import chain

import numpy as np

from .priors import CHANNELS, RESPONSES
from .reasons import unknown_status

CHANNEL_INDEX = {name: i for i, name in enumerate(CHANNELS)}
RECENT = 16  # attempt times kept per lead for the rolling-week rules
NAN = float("nan")
OUTCOME_CODE = {
    "no_answer": 0,  # and any unknown outcome: a try without an answer
    "left_message": 1,
    "talked": 2,
    "replied": 3,
    "bounced": 4,
    "opted_out": 5,
}
BOUNCED, OPTED_OUT = OUTCOME_CODE["bounced"], OUTCOME_CODE["opted_out"]
RESPONSE_CODES = sorted(OUTCOME_CODE[name] for name in RESPONSES)


STATUSES = ("open", "engaged", "won", "lost", "opted_out")
COMMON_KEYS = ("id", "source", "value", "signals", "consents", "timezone", "created_at", "status")
ATTEMPT_KEYS = ("outcome", "channel", "at", "progress")
OPTIONAL_KEYS = (
    "channels",
    "commitment",
    "hold",
    "paused_until",
    "revisit_at",
    "won_value",
    "responded_at",
)
SEQUENCES = (list, tuple, set, frozenset)
NoneType = type(None)
_PLAIN = frozenset({str, NoneType, int, float, bool})


class Irregular(Exception):
    """A chunk the column-wise reader leaves to `normalise`."""


# ---- single values ------------------------------------------------------------------------
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
        try:
            return to_ts(datetime.fromisoformat(value.strip()), default)
        except ValueError:  # an empty string too
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
    return out if 0.0 <= out < 1e15 else None  # also rejects NaN


def _text(value):
    return str(value) if isinstance(value, str) else None  # str() of a str enum: its value


def _strings(value) -> list:
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, SEQUENCES) else []


def normalise(rec) -> dict:
    """One record of any shape as a plain dict of the contract's fields with plain values
    (times as epoch seconds, NaN when unreadable): what the column-wise reader takes. The
    optional fields are passed on as given: `_read_optional` reads them, in either case."""
    g = getter(rec)
    out = {"id": g("id")} | {key: _text(g(key)) for key in ("timezone", "source")}
    status = g("status")
    if status is not None and not isinstance(status, str):
        status = repr(status)  # unknown, never open by default
    out["status"] = _text(status)
    out["value"] = to_float(g("value"))
    out["signals"], out["consents"] = _strings(g("signals")), _strings(g("consents"))
    out["created_at"] = to_ts(g("created_at"), NAN)
    attempts = g("attempts")
    out["attempts"] = [_attempt(a) for a in attempts] if isinstance(attempts, SEQUENCES) else []
    return out | {key: g(key) for key in OPTIONAL_KEYS}


def _attempt(a) -> dict:
    ag = getter(a)
    progress = ag("progress")
    return {
        "outcome": _text(ag("outcome")),
        "channel": _text(ag("channel")),
        "at": to_ts(ag("at"), NAN),
        "progress": progress if isinstance(progress, bool) else None,
    }


# ---- the book: every field as a column, every attempt as a row ----------------------------
@dataclass
class Attempts:
    """Every attempt of a chunk, lead by lead, oldest first (as the records list them)."""

    lead: np.ndarray  # index of its lead in the chunk
    at: np.ndarray  # epoch seconds, NaN when unknown
    channel: np.ndarray  # index into CHANNELS, -1 for an unknown channel
    outcome: np.ndarray  # OUTCOME_CODE (unknown outcomes count as no answer)
    progress: np.ndarray  # 1 True, 0 False, -1 not said


@dataclass
class Book:
    """A chunk of lead records as columns (index i = the i-th record)."""

    ids: list
    sources: list  # str or None
    signals: list  # lists of str
    zones: list  # str or None
    statuses: list  # str or None
    value: np.ndarray  # NaN when unknown
    won_value: np.ndarray
    created: np.ndarray
    sms: np.ndarray  # consents
    mailing: np.ndarray
    own_channels: np.ndarray  # channel bits of the lead's own list, -1 when it gives none
    commit_at: np.ndarray  # a pending promise's time (NaN: none)
    commit_by: np.ndarray  # 1 ours, 2 theirs, 0 none
    commit_channel: np.ndarray  # the channel our promise names (CHANNELS index), -1 none
    paused: np.ndarray
    revisit: np.ndarray
    responded: np.ndarray  # their latest reply (`responded_at`; NaN: none said)
    attempts: Attempts
    errors: dict  # index -> why the record could not be read
    holds: dict  # index -> what a person must decide before any contact (the record's `hold`)

    @property
    def n(self) -> int:
        return len(self.ids)


def read_book(records: list) -> Book:
    """Read a chunk of records: column by column when they are regular, else normalised first."""
    try:
        return _read_columns(records)
    except Exception:  # Irregular, or a value a conversion rejects
        pass
    plain, errors = [], {}
    for i, rec in enumerate(records):
        try:
            plain.append(normalise(rec))
        except Exception as exc:  # never raise on a bad record: report it in the decision
            errors[i] = type(exc).__name__
            plain.append({"id": _safe_id(rec), "created_at": NAN, "attempts": []})
    book = _read_columns(plain)
    book.errors |= errors
    return book


def _safe_id(rec):
    try:
        return getter(rec)("id")
    except Exception:
        return None


def _read_columns(records: list) -> Book:
    n = len(records)
    _kinds(records, {dict})
    columns, complete = _fields(records, COMMON_KEYS)
    ids, sources, values, signals, consents, zones, created, statuses = columns
    for column in (sources, zones, statuses):
        _kinds(column, _PLAIN)
    signals, consents = _sequences(signals), _sequences(consents)
    attempts = _sequences(_field(records, "attempts"))
    flat = list(chain.from_iterable(attempts))
    _kinds(flat, {dict})
    outcome, channel, at, progress = _fields(flat, ATTEMPT_KEYS)[0]
    lead = np.repeat(np.arange(n), [len(a) for a in attempts])
    progress_codes = [1 if p is True else 0 if p is False else -1 for p in progress]
    statuses = list(statuses)
    errors = _spell_statuses(statuses)
    book = Book(
        ids=list(ids),
        sources=list(sources),
        signals=[[s for s in names if type(s) is str] for names in signals],
        zones=list(zones),
        statuses=statuses,
        value=_numbers(values),
        won_value=np.full(n, NAN),
        created=_timestamps(created),
        sms=np.array(["sms" in names for names in consents], dtype=bool),
        mailing=np.array(["mailing_list" in names for names in consents], dtype=bool),
        own_channels=np.full(n, -1, dtype=np.int64),
        commit_at=np.full(n, NAN),
        commit_by=np.zeros(n, dtype=np.int64),
        commit_channel=np.full(n, -1, dtype=np.int64),
        paused=np.full(n, NAN),
        revisit=np.full(n, NAN),
        responded=np.full(n, NAN),
        attempts=Attempts(
            lead=lead,
            at=_timestamps(at),
            channel=codes(CHANNEL_INDEX, channel, -1),
            outcome=codes(OUTCOME_CODE, outcome, 0),
            progress=np.array(progress_codes, dtype=np.int64),
        ),
        errors=errors,
        holds={},
    )
    _read_optional(book, records, complete)
    return book


def _spell_statuses(statuses: list) -> dict[int, str]:
    """Each status as the contract spells it, whatever its case and separators ('OPTED-OUT':
    'opted_out'; '': none, open), in place; an unknown one is never guessed: returned as its
    record's error (index -> why), the lead waits until it is fixed."""
    errors = {}
    for i in [i for i, s in enumerate(statuses) if s not in STATUSES and s is not None]:
        statuses[i] = "_".join(statuses[i].lower().replace("-", " ").split()) or "open"
        if statuses[i] not in STATUSES:
            errors[i] = unknown_status(statuses[i], STATUSES)
    return errors


def _field(records, key):
    return [record.get(key) for record in records]


def _fields(records, keys) -> tuple[list, bool]:
    """The columns `keys` of a list of dicts (None where absent), and whether every dict has
    every key. Each dict is read by one itemgetter call while it is in the CPU cache (a pass
    per key would fetch it once per key)."""
    if not records:
        return [() for _ in keys], True
    try:
        return list(zip(*map(operator.itemgetter(*keys), records), strict=False)), True
    except KeyError:
        return [_field(records, key) for key in keys], False


def _kinds(values, allowed: set | frozenset) -> set:
    """The types of `values`, each one of `allowed`: else the chunk is irregular."""
    kinds = set(map(type, values))
    if not kinds <= allowed:
        raise Irregular
    return kinds


def codes(table: dict, values, default: int) -> np.ndarray:
    """`table.get(v, default)` for each value (a non-str value never matches a key)."""
    _kinds(values, _PLAIN)
    return np.array([table.get(value, default) for value in values], dtype=np.int64)


def _sequences(values):
    """Lists and tuples as they are, None as empty; any other value is irregular."""
    kinds = _kinds(values, {list, tuple, NoneType})
    return [v or () for v in values] if NoneType in kinds else values


def _numbers(values) -> np.ndarray:
    _kinds(values, {float, int, NoneType})
    out = np.array(values, dtype=float).reshape(-1)  # None -> NaN
    out[~((out >= 0.0) & (out < 1e15))] = np.nan  # to_float's range
    return out


def _timestamps(values) -> np.ndarray:
    """Epoch seconds of aware datetimes, or of numbers already in epoch seconds."""
    kinds = set(map(type, values))
    if kinds <= {float}:
        return np.array(values, dtype=float).reshape(-1)
    if kinds != {datetime} or any(value.tzinfo is None for value in values):
        raise Irregular
    return np.fromiter(map(datetime.timestamp, values), float, len(values))


def _read_optional(book: Book, records: list, complete: bool):
    """Fill in the optional fields (their one reader), one record at a time: when every record
    has the usual keys, only longer records can have them (promises, pauses and revisits are
    rare). A record whose optional fields cannot be read is unreadable."""
    longer = np.array([len(record) for record in records]) != len(COMMON_KEYS) + 1
    for i in np.flatnonzero(longer | (not complete)).tolist():
        g = records[i].get
        try:
            book.own_channels[i] = _channel_bits(g("channels"))
            commitment = g("commitment")
            if commitment:
                _read_promise(book, i, getter(commitment))
            hold = g("hold")
            if isinstance(hold, str) and hold.strip():  # a person decides first: no end date
                book.holds[i] = " ".join(hold.split())
            book.paused[i] = to_ts(g("paused_until"), NAN)
            book.revisit[i] = to_ts(g("revisit_at"), NAN)
            book.responded[i] = to_ts(g("responded_at"), NAN)
            won = to_float(g("won_value"))
            book.won_value[i] = NAN if won is None else won
        except Exception as exc:  # never raise on a bad record: report it in the decision
            book.errors[i] = type(exc).__name__


def _channel_bits(channels) -> int:
    """The channel bits of a record's own `channels`: -1 when it gives none, 0 for [] (never
    contacted); one channel named alone is that one."""
    if isinstance(channels, str):
        channels = [channels]
    if not isinstance(channels, SEQUENCES):
        return -1
    known = {c for c in channels if isinstance(c, str) and c in CHANNEL_INDEX}
    return sum(1 << CHANNEL_INDEX[c] for c in known)


def has_channel(avail, channel) -> np.ndarray:
    """Whether channel bits `avail` (`Book.own_channels`, `LeadBatch.avail`) hold `channel`
    (an index into CHANNELS; arrays broadcast)."""
    return (avail >> channel) & 1 > 0


def _read_promise(book: Book, i: int, get) -> None:
    """Record i's pinned next step (`get` reads its commitment): when it is due, whose it is,
    and the channel a promise of ours names (a call back, as they asked)."""
    due, by = to_ts(get("due")), get("by")
    if due is None or by not in ("us", "lead"):
        return
    book.commit_at[i], book.commit_by[i] = due, 1 if by == "us" else 2
    channel = get("channel")
    if by == "us" and type(channel) is str:
        book.commit_channel[i] = CHANNEL_INDEX.get(channel, -1)


def signal_masks(signals: list, bits: dict) -> np.ndarray:
    """Each lead's signals as a bitmask over `bits` (unknown names count for nothing)."""
    owner = np.repeat(np.arange(len(signals)), [len(s) for s in signals])
    mask = np.zeros(len(signals), dtype=np.int64)
    np.bitwise_or.at(mask, owner, codes(bits, list(chain.from_iterable(signals)), 0))
    return mask
