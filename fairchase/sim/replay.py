"""Real history: the car-insurance cold calls replayed by truncation.

Each of the 4,000 clients was called `NoOfContacts` times; a buyer bought on
the last call. Cutting a client's calls short is an honest counterfactual for
a stopping rule: a client stopped before the buying call is lost, the calls
after the stop are saved. (Nothing can be said about calls never made, nor
about timing or channels: every contact here is a call.)

Rules compared at a value per sale and a cost per call: stop after N calls
for every N, the best N in hindsight, the best N per segment
(`Communication` x `Outcome`) in hindsight, and Fairchase: fitted on K-1
folds, asked after each unanswered call of a held-out client whether to call
again. Every rule makes the first call.
"""

from __future__ import annotations

import csv
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _data_file(name: str = "car-insurance-cold-calls.csv") -> Path:
    """The real data set: $FAIRCHASE_SHARED_DATA/NAME, else shared/data/NAME beside the
    checkout or beside any folder above it (a clone at /work/NAME or /work/evals/NAME/fc
    alike); the nearest candidate when none exists (the bench says to give --csv)."""
    if folder := os.environ.get("FAIRCHASE_SHARED_DATA"):
        return Path(folder) / name
    here = Path(__file__).resolve().parents[2]  # the checkout
    candidates = [up / "shared" / "data" / name for up in here.parents]
    return next((c for c in candidates if c.exists()), candidates[0])


DATA = _data_file()
T0 = datetime(2025, 1, 6, 15, 0, tzinfo=UTC)  # a Monday; every client's first call
CALL_MINUTES = 6.0


@dataclass(frozen=True)
class Client:
    """One client of the campaign: segment, calls made, whether they bought (on the last call)."""

    id: str
    segment: str
    calls: int
    bought: bool


def load_clients(path: str | Path = DATA) -> list[Client]:
    """The clients of the CSV (call duration and last-call fields are never read)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return [
            Client(
                row["Id"],
                f"{row['Communication']}/{row['Outcome']}".lower(),
                int(row["NoOfContacts"]),
                row["CarInsurance"] == "1",
            )
            for row in csv.DictReader(fh)
        ]


def call_time(k: int) -> datetime:
    """When call k (0-based) was made: every second day, Sundays skipped."""
    t = T0
    for _ in range(k):
        t += timedelta(days=2)
        if t.weekday() == 6:
            t += timedelta(days=1)
    return t


def record(client: Client, value: float, calls: int | None = None) -> dict:
    """The client as a contract lead record; with `calls`, as it was after that many silent calls."""
    n = client.calls if calls is None else calls
    atts = [
        {"at": call_time(k), "channel": "call", "outcome": "no_answer", "minutes": CALL_MINUTES}
        for k in range(n)
    ]
    finished = calls is None
    if finished and client.bought:
        atts[-1]["outcome"] = "talked"
    return {
        "id": client.id,
        "source": client.segment,
        "value": value,
        "created_at": T0 - timedelta(hours=1),
        "timezone": "UTC",
        "signals": [],
        "consents": [],
        "channels": ["call"],
        "attempts": atts,
        "status": ("won" if client.bought else "lost") if finished else "open",
        "won_value": value if finished and client.bought else None,
    }


def profit(
    clients: list[Client], kept: Callable[[Client], int], value: float, per_call: float
) -> float:
    """Profit of a stopping rule: `kept(client)` calls made (at least 1, at most the real ones)."""
    total = 0.0
    for c in clients:
        n = max(1, min(c.calls, kept(c)))
        total += (value if c.bought and n >= c.calls else 0.0) - per_call * n
    return total


def stop_after(
    clients: list[Client], value: float, per_call: float, max_n: int = 43
) -> dict[int, float]:
    """Profit of "stop after N calls" for every N."""
    return {n: profit(clients, lambda c, n=n: n, value, per_call) for n in range(1, max_n + 1)}


def best_per_segment(clients: list[Client], value: float, per_call: float) -> tuple[float, dict]:
    """The per-segment hindsight bound: each segment's best N, and the total profit."""
    total, best = 0.0, {}
    for seg in sorted({c.segment for c in clients}):
        mine = [c for c in clients if c.segment == seg]
        by_n = stop_after(mine, value, per_call, max(c.calls for c in mine))
        n = max(by_n, key=lambda k: by_n[k])
        best[seg] = n
        total += by_n[n]
    return total, best


def fold_of(client_id: str, folds: int) -> int:
    """Deterministic fold of a client (by a hash of its id)."""
    return zlib.crc32(client_id.encode()) % folds


def fairchase_calls(
    clients: list[Client], value: float, per_call: float, folds: int = 5, plan_fn=None, fit_fn=None
) -> dict[str, int]:
    """How many calls Fairchase makes per client: fitted on the other folds, asked after each
    unanswered call whether to call again; the first `stop` ends the chase."""
    if plan_fn is None or fit_fn is None:
        from fairchase.policy import fit as fit_fn
        from fairchase.policy import plan as plan_fn
    settings = settings_for(per_call, len(clients))
    calls: dict[str, int] = {}
    for f in range(folds):
        train = [record(c, value) for c in clients if fold_of(c.id, folds) != f]
        test = [c for c in clients if fold_of(c.id, folds) == f]
        model = fit_fn(train, settings)
        walking = {c.id: c for c in test}
        k = 1
        while walking:
            asking = [c for c in walking.values() if k < c.calls]
            for c in list(walking.values()):
                if k >= c.calls:  # the real history ends here: nothing more to ask
                    calls[c.id] = c.calls
                    del walking[c.id]
            if asking:
                now = call_time(k) - timedelta(seconds=1)
                for d in plan_fn(model, [record(c, value, k) for c in asking], now, settings):
                    if d.get("action") == "stop" and d.get("id") in walking:
                        calls[d["id"]] = k
                        del walking[d["id"]]
            k += 1
    return calls


def settings_for(per_call: float, leads: int) -> dict:
    """Business settings of the replay: a call costs `per_call`; minutes enough for every client."""
    return {
        "hourly_cost": per_call * 60 / CALL_MINUTES,
        "margin": 1.0,
        "complaint_cost": 0.0,
        "daily_minutes": CALL_MINUTES * max(leads, 1),
        "max_attempts_per_week": 4,
        "minutes": {"call": CALL_MINUTES, "email": 3.0, "text": 2.0, "visit": 45.0},
    }


@dataclass
class ReplayRow:
    """One value of a sale: the rules' profits."""

    value: float
    per_call: float
    by_n: dict[int, float]
    best_n: int
    segment_bound: float
    segment_n: dict
    fairchase: float | None = None
    fairchase_calls: int | None = None

    @property
    def best_fixed(self) -> float:
        return self.by_n[self.best_n]


def replay(
    clients: list[Client],
    values=(15.0, 30.0, 60.0),
    per_call: float = 5.0,
    folds: int = 5,
    with_fairchase: bool = True,
) -> list[ReplayRow]:
    """The car-insurance table: every rule at each value of a sale."""
    rows = []
    for v in values:
        by_n = stop_after(clients, v, per_call)
        best_n = max(by_n, key=lambda n: by_n[n])
        bound, seg_n = best_per_segment(clients, v, per_call)
        row = ReplayRow(v, per_call, by_n, best_n, bound, seg_n)
        if with_fairchase:
            calls = fairchase_calls(clients, v, per_call, folds)
            row.fairchase = profit(clients, lambda c, calls=calls: calls[c.id], v, per_call)
            row.fairchase_calls = sum(max(1, min(c.calls, calls[c.id])) for c in clients)
        rows.append(row)
    return rows
