"""Backtest stopping rules on a business's real history (JSONL of contract lead records).

"What if we had stopped after N unanswered attempts" and "what if we had
followed Fairchase's stop decisions" (K-fold: a lead is judged by a model
fitted on the other folds). Cutting a real history short is an honest
counterfactual only for stopping rules: it shows what stopping earlier would
have kept and saved, never what extra attempts would have brought.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

from fairchase.sim.timing import as_datetime
from fairchase.sim.worlds import DEFAULT_MINUTES, World, get_world

HONESTY = (
    "A truncated real history is an honest counterfactual only for stopping rules: it "
    "shows what stopping earlier would have kept and saved. It cannot tell what extra "
    "attempts would have brought, so no rule here is credited with wins it never saw."
)
RESPONDED = ("replied", "talked")
REQUIRED = ("id", "source", "created_at", "status", "attempts")
SECOND = timedelta(seconds=1)


class LineError(NamedTuple):
    """A history line that was skipped, and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _parse(obj) -> dict:
    """Validate one decoded record and normalise its times; raises ValueError with the reason."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    missing = [k for k in REQUIRED if k not in obj or obj[k] is None]
    if missing:
        raise ValueError(f"missing required field(s): {', '.join(missing)}")
    rec = dict(obj)
    rec["id"] = str(rec["id"])
    rec["created_at"] = as_datetime(rec["created_at"])
    if not isinstance(rec["attempts"], list):
        raise ValueError("attempts is not a list")
    atts = []
    for n, a in enumerate(rec["attempts"], 1):
        if not isinstance(a, dict) or any(a.get(k) is None for k in ("at", "channel", "outcome")):
            raise ValueError(f"attempt {n} needs at, channel and outcome")
        atts.append({**a, "at": as_datetime(a["at"])})
    rec["attempts"] = sorted(atts, key=lambda a: a["at"])
    if rec.get("value") is not None:
        rec["value"] = float(rec["value"])
    if rec.get("won_value") is not None:
        rec["won_value"] = float(rec["won_value"])
    return rec


def load_history(path_or_lines: str | Path | Iterable[str]) -> tuple[list[dict], list[LineError]]:
    """Read JSONL lead records; returns (records, errors).

    A line that is not valid JSON or misses a required field (id, source,
    created_at, status, attempts with at/channel/outcome) is reported with its
    1-based line number and skipped; the rest is used. Blank lines are ignored.
    Times come back as aware datetimes (naive ones are taken as UTC).
    """
    if isinstance(path_or_lines, (str, Path)):
        with open(path_or_lines, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    else:
        lines = list(path_or_lines)
    records, errors, seen = [], [], set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = _parse(json.loads(line))
        except json.JSONDecodeError as e:
            errors.append(LineError(n, f"invalid JSON ({e.msg})"))
            continue
        except (ValueError, TypeError) as e:
            errors.append(LineError(n, str(e)))
            continue
        if rec["id"] in seen:
            errors.append(LineError(n, f"duplicate id {rec['id']!r}"))
            continue
        seen.add(rec["id"])
        records.append(rec)
    return records, errors


def _jsonable(obj):
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    raise TypeError(f"not serialisable: {type(obj).__name__}")


def write_history(world: World | str | int, n: int, path: str | Path, seed: int = 0) -> Path:
    """Write `n` finished leads from a synthetic world as JSONL (the contract's record format).

    Useful for demos and tests: the leads were worked by a haphazard exploratory
    policy (1-8 tries), so the file looks like a real business's history.
    """
    from fairchase.sim.runner import generate_history

    world = world if isinstance(world, World) else get_world(world)
    days = max(1, math.ceil(1.3 * n / max(world.arrivals_per_day, 0.1)) + 2)
    records = generate_history(world, seed, days=days)[:n]
    path = Path(path)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, default=_jsonable) + "\n")
    return path


# --- stopping rules on real leads --------------------------------------------------------
@dataclass
class Row:
    """What one stopping rule would have kept and saved."""

    label: str
    wins: int = 0
    won_value: float = 0.0
    lost_wins: int = 0
    lost_value: float = 0.0
    attempts: int = 0
    attempts_saved: int = 0
    hours_saved: float = 0.0
    complaints: int = 0
    profit: float = 0.0


@dataclass
class Backtest:
    """Rows for stop-after-N, the actual history and (when available) Fairchase."""

    leads: int
    rows: list[Row] = field(default_factory=list)
    actual: Row | None = None
    fairchase: Row | None = None
    note: str = HONESTY
    skipped: int = 0  # records that could not be read


def _first(atts: list[dict], outcomes) -> int | None:
    for i, a in enumerate(atts):
        if a.get("outcome") in outcomes:
            return i
    return None


def _minutes(a: dict, minutes: dict) -> float:
    m = a.get("minutes")
    return float(m) if isinstance(m, (int, float)) else float(minutes.get(a.get("channel"), 6.0))


def evaluate(
    records: list[dict], kept: Callable[[dict], int], label: str, settings: dict | None = None
) -> Row:
    """Score a stopping rule given how many of each lead's attempts it would have kept.

    Attempts after the lead first answered are never cut: the chase was over.
    A win counts if the answer (or, with no answer on record, the last attempt) was kept.
    """
    s = settings or {}
    margin, hc = float(s.get("margin", 1.0)), float(s.get("hourly_cost", 50.0))
    cc = float(s.get("complaint_cost", 200.0))
    minutes = {**DEFAULT_MINUTES, **(s.get("minutes") or {})}
    row = Row(label)
    for rec in records:
        atts = rec.get("attempts") or []
        r = _first(atts, RESPONDED)
        keep = len(atts) if r is not None and r < kept(rec) else min(len(atts), kept(rec))
        row.attempts += keep
        row.attempts_saved += len(atts) - keep
        row.hours_saved += sum(_minutes(a, minutes) for a in atts[keep:]) / 60
        spent = sum(_minutes(a, minutes) for a in atts[:keep])
        o = _first(atts, ("opted_out",))
        complained = o is not None and o < keep
        row.complaints += complained
        value = 0.0
        if rec.get("status") == "won":
            value = float(rec.get("won_value") or rec.get("value") or 0.0)
            win_at = r if r is not None else len(atts) - 1
            if win_at < keep:
                row.wins += 1
                row.won_value += value
            else:
                row.lost_wins += 1
                row.lost_value += value
                value = 0.0
        row.profit += value * margin - spent * hc / 60 - complained * cc
    return row


def fold_of(lead_id: str, folds: int) -> int:
    """Deterministic fold of a lead (by a hash of its id)."""
    return zlib.crc32(str(lead_id).encode()) % folds


def fairchase_stops(
    records: list[dict],
    folds: int = 5,
    settings: dict | None = None,
    on_fold: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """For each lead, how many of its real attempts Fairchase would have made (K-fold).

    Walk each lead's silent attempts; before attempt k+1 ask `plan` (fitted on the
    other folds) about the lead as it then was; the first `stop` ends the chase.
    """
    from fairchase.policy import fit, plan

    out: dict[str, int] = {}
    for f in range(folds):
        train = [r for r in records if fold_of(r["id"], folds) != f]
        test = [r for r in records if fold_of(r["id"], folds) == f]
        model = fit(train, settings)
        # one plan call per (attempt number, day): leads still being walked, as they were
        walking = {r["id"]: r for r in test}
        k = 0
        while walking:
            groups: dict = {}
            for lid, rec in list(walking.items()):
                atts = rec["attempts"]
                r = _first(atts, RESPONDED)
                last = len(atts) - 1 if r is None else r
                if k > last:
                    out[lid] = len(atts)
                    del walking[lid]
                    continue
                at = atts[k]["at"] - SECOND
                groups.setdefault(at.date(), []).append((at, rec))
            for items in groups.values():
                now = min(at for at, _ in items)
                shared = [rec for _, rec in items if k == 0 or rec["attempts"][k - 1]["at"] < now]
                batches = [(now, shared)] if shared else []
                # a lead tried twice that day is judged at its own moment, not before its last try
                batches += [
                    (at, [rec])
                    for at, rec in items
                    if k > 0 and rec["attempts"][k - 1]["at"] >= now
                ]
                for when, recs in batches:
                    states = [_as_it_was(rec, k) for rec in recs]
                    for d in plan(model, states, when, settings):
                        if d.get("action") == "stop" and d.get("id") in walking:
                            out[d["id"]] = k
                            del walking[d["id"]]
            k += 1
        if on_fold:
            on_fold(f)
    return out


def _as_it_was(rec: dict, k: int) -> dict:
    """The lead before its (k+1)-th attempt: first k attempts, still open, no outcome."""
    state = {key: v for key, v in rec.items() if key not in ("won_value", "revisit_at")}
    state["attempts"] = [dict(a) for a in rec["attempts"][:k]]
    state["status"] = "open"
    return state


def backtest(
    records: list[dict],
    folds: int = 5,
    settings: dict | None = None,
    max_n: int = 10,
    with_fairchase: bool = True,
    on_fold: Callable[[int], None] | None = None,
) -> Backtest:
    """Stop-after-N for N = 1..max_n, the actual history and Fairchase's stop decisions.

    Records may come straight from `load_history` or from elsewhere (ISO strings or
    datetimes); one that cannot be read is skipped and counted in `skipped`.
    """
    clean = []
    for rec in records:
        try:
            clean.append(_parse(rec))
        except (ValueError, TypeError):
            continue
    res = Backtest(leads=len(clean), skipped=len(records) - len(clean))
    records = clean
    res.actual = evaluate(records, lambda r: len(r["attempts"]), "actual (all attempts)", settings)
    for n in range(1, max_n + 1):
        res.rows.append(evaluate(records, lambda r, n=n: n, f"stop after {n}", settings))
    if with_fairchase and records:
        folds = max(2, min(folds, len(records)))
        stops = fairchase_stops(records, folds, settings, on_fold)
        res.fairchase = evaluate(
            records,
            lambda r: stops.get(r["id"], len(r["attempts"])),
            f"Fairchase ({folds}-fold)",
            settings,
        )
    return res
