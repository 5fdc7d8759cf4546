"""What-if on real history: a thin adapter over `fairchase.sim`'s backtest.

The backtest itself (stop after N = 1..10, and Fairchase's own stop decisions fitted
K-fold so no lead judges itself) lives in the simulator; this module calls it once for
every source together and once per source, and reshapes its rows for the page and the
report. Fairchase's K-fold stops are found once, on every source together (the model the
business really plans with learns from all of them), and scored on each source's leads.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import statistics

log = logging.getLogger("fairchase.insights")

# The page's note on the replay, in plain words (the simulator's own note speaks to
# statisticians): what cutting real history short can and cannot say.
NOTE = (
    "Cutting your real leads short shows what stopping earlier would have kept and saved. "
    "It cannot show what extra tries would have brought, so no rule is credited with a "
    "win that never happened."
)
EXTRA = (
    "Hours saved are shown as hours; what they would have earned on other leads is not "
    "counted, and neither is whether a different time or channel would have changed an answer."
)
# The row of Fairchase's own stops (each lead judged by a model that never saw it).
FAIRCHASE_ROW = "Fairchase's plan"
FOLDS = 5
# Fewer finished leads of a source than this and its answer line says so instead of a rule.
MIN_LEADS = 20


def run_backtest(history: list[dict], settings: dict) -> dict:
    """The backtest's table for these finished leads: {"rows": [...], "note", "error", "leads"}
    for every source together, plus "by_source" (the same per source) and "answers" (one
    plain line per source: its most profitable stop-after-N rule)."""
    from fairchase.sim.backtest import backtest, evaluate, fairchase_stops  # loads the simulator

    try:
        records = [{**rec, "id": str(rec["id"])} for rec in history]
        folds = max(2, min(FOLDS, len(records)))
        stops = fairchase_stops(records, folds, settings)

        def replay(group: list[dict]) -> dict:
            result = backtest(group, settings=settings, with_fairchase=False)
            result.fairchase = evaluate(
                group,
                lambda r: stops.get(r["id"], len(r["attempts"])),
                FAIRCHASE_ROW,
                settings,
            )
            return reshape(result)

        out = replay(records)
        by_source: dict[str, list[dict]] = {}
        for rec in records:
            by_source.setdefault(rec["source"], []).append(rec)
        out["by_source"] = {name: replay(group) for name, group in sorted(by_source.items())}
    except Exception as exc:  # the page must still show everything else
        log.exception("backtest failed")
        return {
            "rows": [],
            "note": f"{NOTE} {EXTRA}",
            "error": f"The backtest could not run: {exc}",
            "leads": len(history),
        }
    margin = float(settings.get("margin", 1.0))
    out["answers"] = [
        answer(name, out["by_source"][name], typical_value(group), margin)
        for name, group in sorted(by_source.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    out["verdict"] = answer("", out, typical_value(records), margin)
    out["plan_verdict"] = plan_answer(out, typical_value(records), margin)
    for name, group in by_source.items():
        replayed = out["by_source"][name]
        replayed["plan_verdict"] = plan_answer(replayed, typical_value(group), margin)
    return out


def typical_value(group: list[dict]) -> float | None:
    """The median deal value of these leads to two significant figures ($1,530 -> $1,500),
    as a person would say it (None when none has one)."""
    values = [float(r["value"]) for r in group if r.get("value")]
    if not values:
        return None
    median = statistics.median(values)
    return round(median, 1 - math.floor(math.log10(median))) if median > 0 else median


def best_stop(replay: dict) -> dict | None:
    """The most profitable stop-after-N row of one replay (the first N on a tie)."""
    rows = [r for r in replay.get("rows") or [] if r["kind"] == "stop_after"]
    return max(rows, key=lambda r: r["profit"]) if rows else None


def uncertainty(value: float | None, margin: float) -> tuple[float, str]:
    """How far a replay's profit can move by chance, and how to say it: one typical sale at
    your margin (one lead more or less answering, or buying, swings the total by that much)."""
    from .charts import money

    noise = (value or 0.0) * margin
    return noise, f"the {money(noise)} of one typical sale at your margin"


def _same_text(label: str, tries: str, gain: float, said: str) -> str:
    """The "no clear difference" line. When the best rule earns no more than what the business
    did, it says what was done is already the best, never "the best ... made $0 more"."""
    from .charts import money

    head = f"{label}: no clear difference between stopping rules and what you did"
    swing = f"within {said}, which one lead more or less could swing"
    if round(gain) > 0:
        return f"{head} (the best, stop after {tries}, made {money(gain)} more: {swing})."
    if round(gain) == 0:
        return (
            f"{head} (what you did is already the best of these rules: stopping after "
            f"{tries} made the same)."
        )
    return (
        f"{head} (what you did is already better than every one of these rules: the best, "
        f"stop after {tries}, made {money(-gain)} less: {swing})."
    )


def answer(source: str, replay: dict, value: float | None, margin: float = 1.0) -> dict:
    """One plain verdict on a replay, the same wherever it is said: the answer line of a
    source ("Web form leads: stop after 4 tries at $2,000 ($900 more profit than what you
    did)"), and the line under the what-if table. `kind` is one of
    - "few": fewer than MIN_LEADS finished leads, no rule is named;
    - "loss": no stop-after rule made money, so none is called profitable;
    - "same": the best rule and what you did differ by less than one typical sale at your
      margin (one lead more or less could swing it): no clear difference;
    - "stop": stop after `n` tries beat what you did by more than that;
    - "keep": what you did beat every stop-after rule by more than that.
    `source` "" is every source together."""
    from .charts import money
    from .numbers import source_label

    label = f"{source_label(source)} leads" if source else "All leads"
    best = best_stop(replay)
    line = {"source": source, "label": label, "leads": replay["leads"], "n": None, "value": value}
    if best is None or replay["leads"] < MIN_LEADS:
        return {
            **line,
            "kind": "few",
            "text": f"{label}: too few finished yet to say ({replay['leads']}).",
        }
    actual = next((r["profit"] for r in replay["rows"] if r["kind"] == "actual"), 0.0)
    n, gain = best["n"], best["profit"] - actual
    tries = f"{n} tr{'ies' if n != 1 else 'y'}"
    line = {**line, "n": n, "profit": best["profit"], "gain": gain}
    if best["profit"] <= 0:
        return {
            **line,
            "n": None,
            "kind": "loss",
            "text": f"{label}: no stopping rule made money (the best, stop after {tries}, "
            f"came to {money(best['profit'])}).",
        }
    noise, said = uncertainty(value, margin)
    if abs(gain) < noise:
        return {
            **line,
            "n": None,
            "kind": "same",
            "text": _same_text(label, tries, gain, said),
        }
    at = f" at {money(value)}" if value else ""
    if gain < 0:
        return {
            **line,
            "n": None,
            "kind": "keep",
            "text": f"{label}: keep trying as you did ({money(-gain)} more profit than the "
            f"best stop-after rule{at}).",
        }
    return {
        **line,
        "kind": "stop",
        "text": f"{label}: stop after {tries}{at} ({money(gain)} more profit than what you did).",
    }


def plan_answer(replay: dict, value: float | None, margin: float = 1.0) -> dict | None:
    """Fairchase's plan row against what you did, with the figures of the table, the same way
    the answer lines judge a stopping rule: "no clear difference" only within one typical sale
    at your margin (said with its amount). None without both rows or with too few leads."""
    from fairchase.web.words import counted

    from .charts import money

    rows = replay.get("rows") or []
    actual = next((r for r in rows if r["kind"] == "actual"), None)
    plan = next((r for r in rows if r["kind"] == "fairchase"), None)
    if actual is None or plan is None or replay.get("leads", 0) < MIN_LEADS:
        return None
    gain = plan["profit"] - actual["profit"]
    fewer = round(actual["wins_kept"] - plan["wins_kept"])
    every = "the" if round(actual["wins_kept"]) == 1 else "all"  # "kept the 1 win"
    wins = (
        f"kept {every} {counted(actual['wins_kept'], 'win')}"
        if fewer <= 0
        else f"kept {counted(fewer, 'fewer win')} "
        f"({plan['wins_kept']:,.0f} of {actual['wins_kept']:,.0f})"
    )
    profit = f"{money(abs(gain))} {'more' if gain >= 0 else 'less'} profit than what you did"
    noise, said = uncertainty(value, margin)
    line = {"gain": gain, "fewer_wins": max(fewer, 0), "uncertainty": noise}
    if abs(gain) < noise:
        return {
            **line,
            "kind": "same",
            "text": f"{FAIRCHASE_ROW}: no clear difference from what you did ({profit} and "
            f"{wins}: within {said}, which one lead more or less could swing).",
        }
    return {
        **line,
        "kind": "better" if gain > 0 else "worse",
        "text": f"{FAIRCHASE_ROW}: {profit} and {wins}, more than {said} that one lead more "
        "or less could swing.",
    }


def _row(row, kind: str, n: int | None = None) -> dict:
    raw = dataclasses.asdict(row)
    return {
        "label": "What you did"
        if kind == "actual"
        else raw["label"][:1].upper() + raw["label"][1:],
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
    return {"rows": rows, "note": f"{NOTE} {EXTRA}", "error": None, "leads": result.leads}
