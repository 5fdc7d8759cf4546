"""Quality benchmark: Fairchase against the oracle, the model-free learner and the folk rules.

    python -m bench.sim_quality [--worlds N] [--tuning] [--quick] [--procs 2] [--json FILE]

Runs the yardstick's test worlds (`fairchase.sim.worlds.TEST_SEEDS`, 52 businesses drawn
at random, four response mechanisms), one simulation each, two processes at most.
Targets (issue 11): per world Fairchase >= 0.95 of the oracle's profit (mean >= 0.97),
>= the learner's and the best folk rule's profit, complaints <= 1.25 x the oracle's (+0.5),
>= 0.95 of the oracle's minutes on the days the oracle used its whole day.
Profits are expected values given the attempts made, each lead's hidden type integrated out
over what could be known of it (see metrics.check).
Fairchase sees only the exploratory history and the business's settings, never the world.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from multiprocessing import get_context

from fairchase.sim.cli import _console
from fairchase.sim.metrics import check, comparison_table, ratio_table, ratios, summary
from fairchase.sim.runner import fairchase_available, run_world
from fairchase.sim.worlds import TEST_SEEDS, TUNING_SEEDS, get_world


def _run(args: tuple[int, bool, int, int | None]):
    seed, quick, run_seed, history_days = args
    world = get_world(seed, quick)
    if history_days:
        world = dataclasses.replace(world, history_days=history_days)
    t0 = time.perf_counter()
    results, _ = run_world(world, run_seed)
    return (
        world.name,
        world.description,
        float(world.setting("daily_minutes")),
        results,
        time.perf_counter() - t0,
    )


def _run_worlds(seeds, args, console) -> tuple[list, dict[str, float]]:
    """Every world's results (in order, two processes at most) and its daily minutes."""
    results, minutes = [], {}
    jobs = [(s, args.quick, args.seed, args.history_days) for s in seeds]
    with get_context("spawn").Pool(max(1, min(2, args.procs))) as pool:
        for name, desc, daily, res, secs in pool.imap(_run, jobs):
            results += res
            minutes[name] = daily
            row = {m.policy: m for m in res}
            fc, orc = row.get("fairchase"), row["oracle"]
            console.print(
                f"{name:22s} {secs:5.0f} s  oracle {orc.expected_profit:12,.0f}  fairchase "
                f"{fc.expected_profit if fc else float('nan'):12,.0f}  | {desc}"
            )
    return results, minutes


def main(argv: list[str] | None = None) -> int:
    """Run the worlds, print the tables, one PASS/FAIL line per target; 0 when all pass."""
    ap = argparse.ArgumentParser(prog="python -m bench.sim_quality")
    ap.add_argument("--worlds", type=int, default=len(TEST_SEEDS), help="first N test worlds")
    ap.add_argument(
        "--tuning", action="store_true", help="the tuning worlds instead of the test worlds"
    )
    ap.add_argument("--quick", action="store_true", help="small worlds (noisy: for smoke tests)")
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument(
        "--seed", type=int, default=0, help="the run's seed (leads drawn in each world)"
    )
    ap.add_argument(
        "--history-days",
        type=int,
        help="days of history before the run (default each world's own, 60): how much of the "
        "gap to the oracle is the history's size, how much the model's",
    )
    ap.add_argument("--json", help="write every world's metrics and ratios to this file")
    args = ap.parse_args(argv)
    console = _console()
    if not fairchase_available():
        console.print("fairchase.policy is not importable: nothing to benchmark.")
        return 1
    seeds = (TUNING_SEEDS if args.tuning else TEST_SEEDS)[: args.worlds]
    t0 = time.perf_counter()
    results, minutes = _run_worlds(seeds, args, console)
    console.print(
        comparison_table(results, "Policies by world (profit; vs oracle = share of the oracle's)")
    )
    rows = ratios(results, daily_minutes=minutes)
    console.print(ratio_table(rows))
    for policy in ("learner",):
        other = ratios(results, policy, minutes)
        vs = [r["vs_oracle"] for r in other if r["vs_oracle"] == r["vs_oracle"]]
        console.print(
            f"{policy}: mean profit / oracle {sum(vs) / max(len(vs), 1):.3f}, "
            f"min {min(vs, default=float('nan')):.3f}"
        )
    console.print(
        f"Fairchase on {len(rows)} {'tuning' if args.tuning else 'test'} worlds "
        f"({time.perf_counter() - t0:.0f} s):"
    )
    lines = summary(rows)
    for target, figures, ok in lines:
        console.print(f"{'PASS' if ok else 'FAIL'}  {target}: {figures}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(
                {
                    "results": [m.as_dict() for m in results],
                    "ratios": rows,
                    "checks": [check(r) for r in rows],
                },
                fh,
                indent=1,
                default=str,
            )
    return 0 if all(ok for _, _, ok in lines) else 1


if __name__ == "__main__":
    raise SystemExit(main())
