"""Quality benchmark: Fairchase against the oracle and the folk rules in every synthetic world.

    python -m bench.sim_quality [--seeds N] [--quick]   (4 seeds pooled by default: one is noisy)

Targets (issue 2): per world, Fairchase/oracle profit >= 0.90, Fairchase/best folk rule
>= 1.00 (>= 1.15 on average), complaints per 1,000 leads <= 1.25x the oracle's.
Fairchase sees only the exploratory history and the business settings, never the world.
"""

from __future__ import annotations

import argparse
import time

from fairchase.sim.baselines import BASELINES
from fairchase.sim.cli import _console, _progress
from fairchase.sim.metrics import check, comparison_table, pooled, ratio_table, ratios
from fairchase.sim.runner import compare, fairchase_available
from fairchase.sim.worlds import WORLDS, get_world


def main(argv: list[str] | None = None) -> int:
    """Run every world, print the comparison and the target ratios; 0 when all targets pass."""
    ap = argparse.ArgumentParser(prog="python -m bench.sim_quality")
    ap.add_argument("--seeds", type=int, default=4, help="independent runs pooled per world")
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    console = _console()
    if not fairchase_available():
        console.print("[red]fairchase.policy is not importable: nothing to benchmark.[/red]")
        return 1
    worlds = [get_world(n, args.quick) for n in WORLDS]
    t0 = time.perf_counter()
    results = []
    with _progress(console) as bar:
        task = bar.add_task("simulating", total=args.seeds * sum(w.horizon for w in worlds)
                            * (len(BASELINES) + 2))
        for seed in range(args.seed, args.seed + args.seeds):
            res, _ = compare(worlds, seed, on_day=lambda: bar.advance(task),
                             progress=lambda d, s=seed: bar.update(task, description=f"seed {s} {d}"))
            results += res
    results = pooled(results)
    console.print(comparison_table(results, f"Policies by world ({args.seeds} seed(s) pooled)"))
    rows = ratios(results)
    console.print(ratio_table(rows))
    for r in rows:
        ok = check(r)
        console.print(f"{r['world']:18s} fairchase/oracle {r['vs_oracle']:.3f} "
                      f"{'PASS' if ok['oracle'] else 'FAIL'} | fairchase/{r['best_folk']} "
                      f"{r['vs_best_folk']:.3f} {'PASS' if ok['folk'] else 'FAIL'} | "
                      f"complaints/oracle {r['complaints_vs_oracle']:.2f} "
                      f"{'PASS' if ok['complaints'] else 'FAIL'}")
    mean = sum(r["vs_best_folk"] for r in rows) / max(len(rows), 1)
    console.print(f"average fairchase/best folk {mean:.3f} {'PASS' if mean >= 1.15 else 'FAIL'}"
                  f" | {time.perf_counter() - t0:.0f} s")
    passed = all(all(check(r).values()) for r in rows) and mean >= 1.15
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
