"""Run every benchmark, each in a fresh process (they set up Django differently), and
print their tables. `python -m bench policy_speed io_speed` runs a selection;
`python -m bench --help` lists them. A benchmark's `main()` returns non-zero when it
misses a target: its process then exits `MISSED`, and the run ends naming the targets
missed, with exit 1 (as for a benchmark that did not finish)."""

import subprocess
import sys
import time
from pathlib import Path

# module: what it measures (a rough duration where known; more on a loaded machine)
MODULES = {
    "policy_speed": "plan on 100,000 and 1,000,000 open leads, fit on 100,000 finished (minutes)",
    "sim_quality": "Fairchase against the oracle, a learner and folk rules in 52 test worlds (the longest)",
    "real_data": "the car-insurance cold calls replayed (needs FAIRCHASE_SHARED_DATA, else skipped)",
    "app_speed": "Today, logging an attempt, an outcome click with 10,000 open leads",
    "outreach_throughput": "the worker sending to a local SMTP server (1-4 min)",
    "io_speed": "importing a 100,000-row CSV; the API's lead list with 10,000 leads",
    "insights_speed": "the Insights page with 10,000 finished leads",
    "replies": "the reply reader on its labelled corpus, 1,000 replies, long adversarial ones",
    "load": "20 people on PostgreSQL through `fairchase serve` for 60 s (a few minutes)",
}
MISSED = 3  # a benchmark's exit when it ran and missed a target


def usage() -> str:
    width = max(map(len, MODULES)) + 2
    return "\n".join(
        [
            "Usage: python -m bench [MODULE ...]   (make bench runs them all, in this order)",
            "",
            "Each runs in its own process and prints its table with the ratio to each target;",
            "the run ends naming the targets missed (exit 1). Speed targets can miss on a",
            "loaded machine.",
            "",
            *(f"  {name.ljust(width)}{text}" for name, text in MODULES.items()),
            "",
            "Also: same_decisions, replies_long, replies_recorded, worker_memory (python -m bench.NAME).",
        ]
    )


def main(argv: list[str]) -> int:
    if {"-h", "--help"} & set(argv):
        print(usage())
        return 0
    here = Path(__file__).parent
    unknown = [n for n in argv if n.startswith(("_", "-")) or not (here / f"{n}.py").is_file()]
    if unknown:
        print(f"No benchmark named {', '.join(unknown)}.\n\n{usage()}", file=sys.stderr)
        return 2
    return _run(argv or list(MODULES))


def _run(chosen: list[str], package: str = "bench") -> int:
    failed, missed = [], []
    for name in chosen:
        print(f"\n=== {package}.{name} ===", flush=True)
        t0 = time.perf_counter()
        code = f"import {package}.{name} as m; raise SystemExit({MISSED} if m.main() else 0)"
        rc = subprocess.call([sys.executable, "-c", code])
        said = {0: "ok", MISSED: "TARGET MISSED"}.get(rc, f"exit {rc}")
        print(f"--- {package}.{name}: {said} in {time.perf_counter() - t0:.1f} s", flush=True)
        (missed if rc == MISSED else failed if rc else []).append(name)
    if missed:
        print(f"\nTargets missed: {', '.join(missed)} (see each one's table above)")
    if failed:
        print(f"\nBenchmarks that did not finish: {', '.join(failed)}")
    return 1 if failed or missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
