"""What-if on real history: a thin adapter over `fairchase.sim`'s backtest.

The backtest itself (stop after N = 1..10, and Fairchase's own stop decisions fitted
K-fold so no lead judges itself) lives in the simulator; this module only calls it
and reshapes its rows for the page and the report.
"""

from __future__ import annotations

import dataclasses
import logging

log = logging.getLogger("fairchase.insights")

# Said beside the backtest's own note: the saved hours are only hours, not money earned elsewhere.
EXTRA = (
    "Hours saved are shown as hours; what they would have earned on other leads is not "
    "counted, and neither is whether a different time or channel would have changed an answer."
)


def run_backtest(history: list[dict], settings: dict) -> dict:
    """The backtest's table for these finished leads: {"rows": [...], "note", "error", "leads"}."""
    try:
        from fairchase.sim.backtest import HONESTY, backtest
    except ImportError:
        return {
            "rows": [],
            "note": EXTRA,
            "error": "The backtest is not available in this install.",
            "leads": 0,
        }
    try:
        result = backtest(history, settings=settings)
    except Exception as exc:  # the page must still show everything else
        log.exception("backtest failed")
        return {
            "rows": [],
            "note": f"{HONESTY} {EXTRA}",
            "error": f"The backtest could not run: {exc}",
            "leads": len(history),
        }
    return reshape(result)


def _row(row, kind: str, n: int | None = None) -> dict:
    raw = dataclasses.asdict(row)
    return {
        "label": raw["label"][:1].upper() + raw["label"][1:],
        "kind": kind,  # actual | stop_after | fairchase
        "n": n,
        "is_fairchase": kind == "fairchase",
        "wins_kept": raw["wins"],
        "wins": raw["wins"] + raw["lost_wins"],
        "value_kept": raw["won_value"],
        "value_lost": raw["lost_value"],
        "attempts": raw["attempts"],
        "attempts_saved": raw["attempts_saved"],
        "hours_saved": raw["hours_saved"],
        "complaints": raw["complaints"],
        "profit": raw["profit"],
    }


def reshape(result) -> dict:
    """The backtest's rows in the page's order: what you did, stop after 1..N, Fairchase."""
    rows = [_row(result.actual, "actual")] if result.actual is not None else []
    rows += [_row(r, "stop_after", n) for n, r in enumerate(result.rows, 1)]
    if result.fairchase is not None:
        rows.append(_row(result.fairchase, "fairchase"))
    return {"rows": rows, "note": f"{result.note} {EXTRA}", "error": None, "leads": result.leads}
