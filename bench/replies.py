"""How well Fairchase reads replies: the labelled corpus under tests/outreach/corpus
(tuning/; heldout/, written before the rules; fresh/, written after the first rules as a
second unseen check: see their commits for the first, untuned scores; unseen/, batches
labelled before the reader saw them, whose first-sight scores are printed as recorded),
read exactly as `fairchase read` reads it.

Prints, per split: the confusion matrix, accuracy per intent and per language, the
share of dates within a day, and the refusals read as interest or as "later" (must be
0); then the learned reader measured leave-one-batch-out on the unseen batches (the
classifier trained on every other labelled reply, the held batch read by the rules alone,
the classifier alone and both); then the time to fit the classifier and to read 1,000
messages (<= 5 s). `python -m bench replies`.

`python -m bench.replies first-sight` measures again what the classifier adds to the rules
as they were when each unseen batch came (recorded in FIRST_SIGHT_LEARNED).
`python -m bench.replies examples` rewrites the classifier's shipped examples
(fairchase/outreach/reading/examples/replies.csv: the new text of every labelled reply)
from the corpus, after the corpus changes.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

from bench.replies_long import long_replies
from bench.replies_recorded import (
    BATCH_COMMITS,
    BLIND,
    FIRST_SIGHT,
    FIRST_SIGHT_LEARNED,
    GRID_FIRST_SIGHT,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "outreach" / "corpus"
TARGETS = {
    "intent_accuracy": 0.95,
    "date_accuracy": 0.95,
    "refusals_read_as_yes": 0,
    "seconds_per_1000": 5.0,
}

_OLD_READ = """
import csv, json, sys
from datetime import datetime
from pathlib import Path
from fairchase.outreach.reading.files import read_file
corpus, batch = Path(sys.argv[1]), sys.argv[2]
out = {}
for row in csv.DictReader(open(corpus / "labels.csv")):
    if row["file"].startswith(batch + "-"):
        r = read_file(corpus / row["file"], row["zone"], datetime.fromisoformat(row["now"]))
        out[row["file"]] = [r.kind, r.text]
print(json.dumps(out))
"""


def first_sight_with_classifier() -> list[tuple]:
    """Each unseen batch read by the reader as it was when the batch came (its commit's
    fairchase/, from git), then the classifier (trained on the corpus, the written holding
    replies and the earlier batches only) given what those rules left unclear, through
    decide's own `_learned`, and their interest, revisits and call-backs, through
    `_second_opinion`. The rules' refusal cues of that time are not at hand here, so the
    classifier reads every unclear message (in the reader it skips those with a refusal
    cue or doubt): a harder test of its own safety rule."""
    from fairchase.outreach.reading import cues, decide, learned, when

    shipped = learned.shipped()
    labels = {row["file"]: row for row in load("unseen")}
    out = []
    for i, (batch, commit) in enumerate(BATCH_COMMITS.items()):
        before = {"tuning", "heldout", "fresh", "holding", *list(BATCH_COMMITS)[:i]}
        learner = learned.Learner([e for e in shipped if e.source in before])
        rules_right = both_right = rules_yes = both_yes = 0
        readings = _read_with_the_reader_of(commit, batch)
        for name, (kind, text) in readings.items():
            row = labels[name]
            folded, where = cues.fold_map(text)
            now = datetime.fromisoformat(row["now"])
            m = decide._gather(
                text,
                folded,
                where,
                now.astimezone(when.zone_of(row["zone"])).date(),
                row["zone"],
                "email",
                "",
            )
            got = kind
            if kind == decide.UNCLEAR and len(folded.split()) >= decide.MIN_WORDS:
                got = decide._learned(m, (kind, None, ""), learner)[0]
            elif kind in decide.YES:
                got = decide._second_opinion(m, (kind, None, ""), learner)[0]
            refused = row["kind"] in decide.REFUSALS
            rules_right += kind == row["kind"]
            both_right += got == row["kind"]
            rules_yes += refused and kind in decide.YES
            both_yes += refused and got in decide.YES
        out.append((batch, rules_right, both_right, len(readings), rules_yes, both_yes))
    return out


def _read_with_the_reader_of(commit: str, batch: str) -> dict:
    """The unseen `batch` as the reader of `commit` (its fairchase/, from git) read it:
    {file: (kind, text)}."""
    import json
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "fairchase"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", old], input=archive, check=True)
        read = subprocess.run(
            [sys.executable, "-c", _OLD_READ, str(CORPUS / "unseen"), batch],
            cwd=old,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": old},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(read)


def report_first_sight(rows: list[tuple]) -> None:
    print(
        "\nfirst sight, rules then the classifier trained only on what came before each batch"
        " (right/replies; refusals read as interest or later):"
    )
    for batch, rules, both, n, rules_yes, both_yes in rows:
        print(
            f"  {batch}: rules {rules}/{n} ({rules / n:.1%}), {rules_yes};"
            f"  with the classifier {both}/{n} ({both / n:.1%}), {both_yes}"
        )
    n = sum(r[3] for r in rows)
    rules, both = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(
        f"  all: rules {rules}/{n} ({rules / n:.1%}), {sum(r[4] for r in rows)};"
        f"  with the classifier {both}/{n} ({both / n:.1%}), {sum(r[5] for r in rows)}"
    )


def load(split: str) -> list[dict]:
    with open(CORPUS / split / "labels.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["path"] = CORPUS / split / row["file"]
    return rows


def read_all(rows: list[dict], learner="shipped") -> list[dict]:
    from fairchase.outreach.reading.files import as_json, read_file

    out = []
    for row in rows:
        got = as_json(
            row["path"],
            read_file(row["path"], row["zone"], datetime.fromisoformat(row["now"]), learner),
        )
        out.append(got)
    return out


SPLITS = ("tuning", "heldout", "fresh", "unseen")
# The grid (tests/outreach/corpus/grid/*.csv): short replies written one cell at a time, a
# row of the README's dates table or an intent by a language, each read at GRID_NOW by a
# lead in Berlin. Each file was labelled before the reader saw it; its first reading is in
# GRID_FIRST_SIGHT, the changes it caused were general (see the commits after 8b605e7).
GRID = CORPUS / "grid"
GRID_NOW = datetime.fromisoformat("2026-03-10T09:00+00:00")  # a Tuesday, 10:00 in Berlin


def load_grid() -> list[dict]:
    rows = []
    for path in sorted(GRID.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh), start=2):
                rows.append({**row, "file": f"{path.name}:{i}", "grid": path.name})
    return rows


def read_grid(rows: list[dict]) -> list[dict]:
    from fairchase.outreach import replies

    out = []
    for row in rows:
        r = replies.read_text(row["text"], GRID_NOW, "Europe/Berlin", channel="email")
        out.append(
            {
                "kind": r.kind,
                "date": r.until.date().isoformat() if r.until else None,
                "evidence": f"{r.evidence} | {row['text']}",
            }
        )
    return out


def report_grid_first_sight() -> None:
    for name, langs in GRID_FIRST_SIGHT.items():
        cells = [f"{k} {a}/{b}, dates {c}/{d}" for k, (a, b, c, d) in langs.items()]
        a, b, c, d = (sum(v[i] for v in langs.values()) for i in range(4))
        print(
            f"grid {name}, first sight: {a}/{b} ({a / b:.1%}) intents, {c}/{d} ({c / d:.1%}) dates"
            f" within a day; per language: " + "; ".join(cells)
        )


BATCHES = ("b1", "b2", "b3", "b4", "b5", "b7", "b9", "b10")


def examples() -> list[dict]:
    """Every labelled reply's new text (as the reader separates it from quotes and
    signature), for the classifier: source is the split, or the unseen batch."""
    from fairchase.outreach.reading.files import read_file

    out = []
    for split in SPLITS:
        for row in load(split):
            reading = read_file(row["path"], row["zone"], datetime.fromisoformat(row["now"]), None)
            source = row["file"].split("-")[0] if split == "unseen" else split
            out.append(
                {
                    "source": source,
                    "file": row["file"],
                    "kind": row["kind"],
                    "language": row["language"],
                    "text": reading.text,
                }
            )
    # (Not the grid: learning from it cost two leave-one-batch-out replies, b2 and b5, 95.6 %
    # -> 95.3 %, so the grid stays a check of the rules and the classifier as shipped.)
    return out


def write_examples() -> None:
    from fairchase.outreach.reading.learned import EXAMPLES

    rows = examples()
    with open(EXAMPLES, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["source", "file", "kind", "language", "text"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} examples written to {EXAMPLES.relative_to(ROOT)}")


def leave_one_batch_out() -> dict:
    """Each unseen batch read by a classifier trained on every other labelled reply (the
    corpus and the other batches): the rules alone, the classifier alone (on the kinds it
    learns) and both together. The rules have been changed for b1-b4 and b7 since their first
    sight (b5 not yet), so 'rules alone' there is no first-sight figure: those are in
    FIRST_SIGHT."""
    from fairchase.outreach.reading import learned
    from fairchase.outreach.replies import REFUSALS

    shipped = learned.shipped()
    yes = ("interested", "later", "call_back")
    table = {}
    for batch in BATCHES:
        learner = learned.Learner([e for e in shipped if e.source != batch])
        rows = [r for r in load("unseen") if r["file"].startswith(batch + "-")]
        rules, both = read_all(rows, None), read_all(rows, learner)
        texts = {e.file: e.text for e in shipped if e.source == batch}
        alone = [
            (row["kind"], learner.weigh(texts[row["file"]]).kind)
            for row in rows
            if row["kind"] in learned.LEARNED
        ]
        line = {}
        for name, pairs in (
            ("rules", [(r["kind"], g["kind"]) for r, g in zip(rows, rules, strict=True)]),
            ("classifier", alone),
            ("both", [(r["kind"], g["kind"]) for r, g in zip(rows, both, strict=True)]),
        ):
            right = sum(want == got for want, got in pairs)
            as_yes = sum(want in REFUSALS and got in yes for want, got in pairs)
            line[name] = (right, len(pairs), as_yes)
        table[batch] = line
    return table


def report_leave_one_batch_out(table: dict) -> None:
    print(
        "\nleave one batch out (classifier trained on the corpus and the other unseen batches;"
        " right/replies, refusals read as interest or later):"
    )
    total: dict = defaultdict(lambda: [0, 0, 0])
    for batch, line in table.items():
        cells = []
        for name, (right, n, as_yes) in line.items():
            cells.append(f"{name} {right}/{n} ({right / n:.1%}), {as_yes}")
            for i, v in enumerate((right, n, as_yes)):
                total[name][i] += v
        print(f"  {batch}: " + ";  ".join(cells))
    print(
        "  all: " + ";  ".join(f"{k} {r}/{n} ({r / n:.1%}), {y}" for k, (r, n, y) in total.items())
    )
    print(
        "  (classifier alone: on the replies whose label is a kind it learns, not automatic"
        " replies or bounces; rules: b1-b4, b7, b9 and b10 were worked through after their first sight, b5 not)"
    )


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


def _missed(label: str, s: dict, failed: list[str]) -> None:
    """Add to `failed` what the scores `s` of `label` miss of the targets."""
    for key in ("intent_accuracy", "date_accuracy"):
        if s[key] < TARGETS[key]:
            failed.append(f"{label} {key} {s[key]:.1%} < {TARGETS[key]:.0%}")
    if s["refusals_read_as_yes"]:
        failed.append(f"{label}: {s['refusals_read_as_yes']} refusals read as interest or later")


def _the_corpora(failed: list[str]) -> None:
    for split in SPLITS:
        rows = load(split)
        s = score(rows, read_all(rows))
        report(split, s)
        if split == "unseen":
            print(
                "  (read with the shipped classifier, which has learned from these replies:"
                " the held-out figures are the leave-one-batch-out ones below)"
            )
        _missed(split, s, failed)


def _the_grid(failed: list[str]) -> None:
    rows = load_grid()
    s = score(rows, read_grid(rows))
    report("grid (short replies, one per convention or intent and language)", s)
    _missed("grid", s, failed)
    dates_by_lang: dict = defaultdict(lambda: [0, 0])
    for row, g in zip(rows, read_grid(rows), strict=True):
        if row["date"]:
            ok = (
                bool(g["date"])
                and abs((date.fromisoformat(g["date"]) - date.fromisoformat(row["date"])).days) <= 1
            )
            dates_by_lang[row["language"]][0] += ok
            dates_by_lang[row["language"]][1] += 1
    print(
        "  dates within a day per language: "
        + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(dates_by_lang.items()))
    )
    report_grid_first_sight()


def _never_seen(failed: list[str]) -> None:
    print()
    for batch, right, n, dates_right, dates, as_yes in FIRST_SIGHT:
        print(
            f"never seen, first sight: {right}/{n} ({right / n:.1%}) intents, {dates_right}/{dates} dates "
            f"within a day, {as_yes} refusals read as interest or later (batch {batch}, unseen/{batch}-*)"
            + (f"\n  ({BLIND[batch]})" if batch in BLIND else "")
        )
    report_first_sight(FIRST_SIGHT_LEARNED)
    print("  (recorded; python -m bench.replies first-sight measures it again, ~30 s)")
    table = leave_one_batch_out()
    report_leave_one_batch_out(table)
    for batch, line in table.items():
        if line["both"][2]:
            failed.append(
                f"leave-one-out {batch}: {line['both'][2]} refusals read as interest or later"
            )


def _the_speed(failed: list[str]) -> None:
    from fairchase.outreach.reading import learned

    shipped = learned.shipped()
    t0 = time.perf_counter()
    learned.Learner(shipped)
    print(
        f"\nfitting the classifier on {len(shipped)} examples: {time.perf_counter() - t0:.2f} s"
        " (once per process, and again when a correction is added)"
    )
    wall, cpu = speed(load("tuning") + load("heldout") + load("fresh") + load("unseen"))
    # On a shared machine the wall clock counts other processes' time too: the target is
    # checked on the CPU time this process spent (the wall clock is printed beside it).
    print(
        f"\nread 1,000 messages in {cpu:.2f} s of CPU, {wall:.2f} s wall (target <= {TARGETS['seconds_per_1000']:.0f} s)"
    )
    if cpu > TARGETS["seconds_per_1000"]:
        failed.append(f"1,000 messages in {cpu:.2f} s of CPU")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    failed: list[str] = []
    _the_corpora(failed)
    _the_grid(failed)
    _never_seen(failed)
    _the_speed(failed)
    long_replies(failed)
    print("targets: " + ("all met" if not failed else "MISSED: " + "; ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["examples"]:
        sys.path.insert(0, str(ROOT))
        write_examples()
        raise SystemExit(0)
    if sys.argv[1:] == ["first-sight"]:
        sys.path.insert(0, str(ROOT))
        report_first_sight(first_sight_with_classifier())
        raise SystemExit(0)
    raise SystemExit(main())
