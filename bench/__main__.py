"""Run every benchmark, each in a fresh process (they set up Django differently), and
print their tables. `python -m bench policy_speed io_speed` runs a selection."""

import subprocess
import sys
import time

MODULES = [
    "policy_speed",
    "sim_quality",
    "real_data",
    "app_speed",
    "outreach_throughput",
    "io_speed",
    "insights_speed",
    "replies",
    "load",
]


def main(argv: list[str]) -> int:
    chosen = argv or MODULES
    failed = []
    for name in chosen:
        print(f"\n=== bench.{name} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, "-c", f"import bench.{name} as m; m.main()"])
        print(
            f"--- bench.{name}: {'ok' if rc == 0 else f'exit {rc}'} in {time.perf_counter() - t0:.1f} s"
        )
        if rc:
            failed.append(name)
    if failed:
        print(f"\nBenchmarks that did not finish: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
