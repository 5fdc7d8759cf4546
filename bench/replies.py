"""How well Fairchase reads replies: the labelled corpus under tests/outreach/corpus
(tuning/; heldout/, written before the rules; fresh/, written after the first rules as a
second unseen check: see their commits for the first, untuned scores; unseen/, batches
labelled before the reader saw them, whose first-sight scores are printed as recorded),
read exactly as `fairchase read` reads it.

Prints, per split: the confusion matrix, accuracy per intent and per language, the
share of dates within a day, and the refusals read as interest or as "later" (must be
0); then the time to read 1,000 messages (<= 5 s). `python -m bench replies`.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "outreach" / "corpus"
TARGETS = {
    "intent_accuracy": 0.95,
    "date_accuracy": 0.95,
    "refusals_read_as_yes": 0,
    "seconds_per_1000": 5.0,
}

# Each unseen batch as the reader read it the first time, before any rule was changed for
# it (recorded from this benchmark's output at the batch's commit; the batch stays in
# unseen/ afterwards as a held-out set): (batch, intents right, replies, dates right,
# dates, refusals read as interest or later).
FIRST_SIGHT = [
    ("b1", 119, 157, 46, 52, 3),  # the reader as it was (phrase lists)
    ("b2", 130, 154, 44, 49, 0),  # after the clause-grammar changes made for b1
    ("b3", 97, 123, 38, 42, 0),  # after the second round, made for b2
    ("b4", 108, 150, 39, 48, 0),  # after the third round, made for b3
    ("b5", 92, 120, 38, 42, 0),  # after the fourth round, made for b4
]


def load(split: str) -> list[dict]:
    with open(CORPUS / split / "labels.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["path"] = CORPUS / split / row["file"]
    return rows


def read_all(rows: list[dict]) -> list[dict]:
    from fairchase.outreach.reading.files import as_json, read_file

    out = []
    for row in rows:
        got = as_json(
            row["path"], read_file(row["path"], row["zone"], datetime.fromisoformat(row["now"]))
        )
        out.append(got)
    return out


def score(rows: list[dict], got: list[dict]) -> dict:
    from fairchase.outreach.replies import KINDS, REFUSALS

    confusion: Counter = Counter()
    by_kind, by_lang = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    dates_right = dates_total = refusals_as_yes = 0
    misses = []
    for row, g in zip(rows, got, strict=True):
        right = g["kind"] == row["kind"]
        confusion[row["kind"], g["kind"]] += 1
        for table, key in ((by_kind, row["kind"]), (by_lang, row["language"])):
            table[key][0] += right
            table[key][1] += 1
        if row["kind"] in REFUSALS and g["kind"] in ("interested", "later", "call_back"):
            refusals_as_yes += 1
        if row["date"] or (g["date"] and right):
            dates_total += 1
            ok = (
                bool(row["date"] and g["date"])
                and abs((date.fromisoformat(g["date"][:10]) - date.fromisoformat(row["date"])).days)
                <= 1
            )
            dates_right += ok
            if not ok:
                misses.append(
                    f"  date  {row['file']}: want {row['date'] or None}, read {g['date']} ({g['evidence']})"
                )
        if not right:
            misses.append(
                f"  kind  {row['file']}: want {row['kind']}, read {g['kind']} ({g['evidence']})"
            )
    return {
        "n": len(rows),
        "confusion": confusion,
        "by_kind": by_kind,
        "by_lang": by_lang,
        "kinds": KINDS,
        "intent_accuracy": sum(v[0] for v in by_kind.values()) / len(rows),
        "date_accuracy": dates_right / dates_total if dates_total else 1.0,
        "dates": (dates_right, dates_total),
        "refusals_read_as_yes": refusals_as_yes,
        "misses": misses,
    }


def report(name: str, s: dict) -> None:
    kinds = s["kinds"]
    short = {k: k[:8] for k in kinds}
    print(f"\n{name}: {s['n']} replies")
    print("  confusion (rows: label, columns: read)")
    print("  " + " " * 15 + " ".join(f"{short[k]:>8}" for k in kinds))
    for want in kinds:
        print(f"  {want:15}" + " ".join(f"{s['confusion'][want, g] or '.':>8}" for g in kinds))
    print(
        "  accuracy per intent: "
        + ", ".join(f"{k} {v[0]}/{v[1]}" for k in kinds if (v := s["by_kind"].get(k)))
    )
    print(
        "  accuracy per language: "
        + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(s["by_lang"].items()))
    )
    print(
        f"  intents right: {s['intent_accuracy']:.1%}   dates within a day: {s['date_accuracy']:.1%} "
        f"({s['dates'][0]}/{s['dates'][1]})   refusals read as interest or later: {s['refusals_read_as_yes']}"
    )
    for line in s["misses"]:
        print(line)


def speed(rows: list[dict], n: int = 1000) -> tuple[float, float]:
    """(wall, CPU) seconds to read n messages, files read from disk each time."""
    from fairchase.outreach.reading.files import read_file

    batch = [rows[i % len(rows)] for i in range(n)]
    read_all(
        rows[:20]
    )  # imports and dateparser's first call per language are paid once per process
    t0, c0 = time.perf_counter(), time.process_time()
    for row in batch:
        read_file(row["path"], row["zone"], datetime.fromisoformat(row["now"]))
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> int:
    sys.path.insert(0, str(ROOT))
    failed = []
    for split in ("tuning", "heldout", "fresh", "unseen"):
        rows = load(split)
        s = score(rows, read_all(rows))
        report(split, s)
        for key in ("intent_accuracy", "date_accuracy"):
            if s[key] < TARGETS[key]:
                failed.append(f"{split} {key} {s[key]:.1%} < {TARGETS[key]:.0%}")
        if s["refusals_read_as_yes"]:
            failed.append(
                f"{split}: {s['refusals_read_as_yes']} refusals read as interest or later"
            )
    print()
    for batch, right, n, dates_right, dates, as_yes in FIRST_SIGHT:
        print(
            f"never seen, first sight: {right}/{n} ({right / n:.1%}) intents, {dates_right}/{dates} dates "
            f"within a day, {as_yes} refusals read as interest or later (batch {batch}, unseen/{batch}-*)"
        )
    wall, cpu = speed(load("tuning") + load("heldout") + load("fresh") + load("unseen"))
    # On a shared machine the wall clock counts other processes' time too: the target is
    # checked on the CPU time this process spent (the wall clock is printed beside it).
    print(
        f"\nread 1,000 messages in {cpu:.2f} s of CPU, {wall:.2f} s wall (target <= {TARGETS['seconds_per_1000']:.0f} s)"
    )
    if cpu > TARGETS["seconds_per_1000"]:
        failed.append(f"1,000 messages in {cpu:.2f} s of CPU")
    print("targets: " + ("all met" if not failed else "MISSED: " + "; ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
