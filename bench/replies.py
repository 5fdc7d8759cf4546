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
    # b7: dated replies only (later, call-back, automatic reply with a date), in relative and
    # vague phrasings, before any change for it, read by the rules and the shipped classifier
    # (which had not learned from it).
    ("b7", 102, 120, 95, 120, 0),
    # b6 and b8: BLIND (below), before any change for them.
    ("b6", 175, 180, 63, 66, 0),
    ("b8", 114, 120, 41, 48, 0),
    # b9 (dates emphasis) and b10 (meaning emphasis): BLIND (below), read twice before any
    # change for them; the figures are the first reading (33e6a0b).
    ("b9", 117, 120, 76, 78, 0),
    ("b10", 111, 120, 28, 30, 0),
    # b11 (every intent, many trades): BLIND (below), read once by the reader as it shipped.
    ("b11", 117, 120, 47, 48, 0),
]
_BLIND = "blind: written by someone who never saw the reader"
BLIND = {
    "b6": f"{_BLIND}; read at 8f95b09",
    "b8": f"{_BLIND}; read at 8f95b09",
    "b9": f"{_BLIND}; read at 33e6a0b (above) and at cb7a71e (118/120 intents, 77/78 dates, 0 refusals read as interest or later)",
    "b10": f"{_BLIND}; read at 33e6a0b (above) and at cb7a71e (111/120 intents, 29/30 dates, 0 refusals read as interest or later)",
    "b11": f"{_BLIND}; read at 4abe4d0, the end of the session, with no change for it",
}

# The commit that added each unseen batch, before the reader was changed for it.
BATCH_COMMITS = {
    "b1": "3e31bb5",
    "b2": "a602fdb",
    "b3": "540a51d",
    "b4": "d39f2d1",
    "b5": "6f66a3c",
    "b7": "735cb16",
}
# `python -m bench.replies first-sight` (below), recorded: each batch as the rules read it
# at first sight, then with what they left unclear read by the classifier trained only on
# what existed before the batch: (batch, rules right, with the classifier right, replies,
# refusals read as interest or later by the rules, then with the classifier).
FIRST_SIGHT_LEARNED = [
    ("b1", 119, 132, 157, 3, 2),
    ("b2", 130, 138, 154, 0, 0),
    ("b3", 97, 108, 123, 0, 0),
    ("b4", 108, 122, 150, 0, 0),
    ("b5", 92, 100, 120, 0, 0),
    # (the reader itself, whose classifier skips unclear replies with a negation or doubt,
    # read 102 of b7 at first sight: FIRST_SIGHT)
    ("b7", 102, 112, 120, 0, 0),
]

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
    import json
    import subprocess
    import tempfile

    from fairchase.outreach.reading import cues, decide, learned, when

    shipped = learned.shipped()
    labels = {row["file"]: row for row in load("unseen")}
    out = []
    for i, (batch, commit) in enumerate(BATCH_COMMITS.items()):
        before = {"tuning", "heldout", "fresh", "holding", *list(BATCH_COMMITS)[:i]}
        learner = learned.Learner([e for e in shipped if e.source in before])
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
        rules_right = both_right = rules_yes = both_yes = 0
        readings = json.loads(read)
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
# (file, intents right, replies, dates right, dates) at first sight, per language.
GRID_FIRST_SIGHT = {
    "grid.csv": {
        "en": (43, 46, 31, 34),
        "de": (42, 46, 30, 34),
        "fr": (44, 45, 31, 33),
        "es": (43, 44, 31, 32),
        "pt": (43, 44, 30, 32),
        "nl": (42, 44, 30, 32),
    },
    # written after the changes grid.csv caused, read once before any change for it (three
    # "Ende/Fin/Eind April" labels corrected to the documented convention, the last day)
    "grid2.csv": {
        "en": (34, 34, 22, 22),
        "de": (33, 34, 22, 22),
        "fr": (31, 32, 19, 20),
        "es": (29, 31, 17, 19),
        "pt": (28, 31, 17, 19),
        "nl": (32, 33, 21, 21),
    },
    # harder replies (praise before a no, an opt-out with a question, the provider gone),
    # written after the changes grid2.csv caused, read once before any change for it
    "grid3.csv": {
        "en": (19, 20, 6, 6),
        "de": (17, 20, 5, 6),
        "fr": (17, 20, 5, 6),
        "es": (19, 20, 6, 6),
        "pt": (18, 20, 6, 6),
        "nl": (17, 20, 5, 6),
    },
    # dated replies in conventions the first three lacked (the end of next month, around
    # the 20th, the end of the first quarter, half a year), read before any change for it
    "grid4.csv": {
        "en": (13, 14, 12, 14),
        "de": (11, 13, 9, 13),
        "fr": (12, 13, 10, 13),
        "es": (11, 13, 9, 13),
        "pt": (11, 13, 9, 13),
        "nl": (12, 13, 10, 13),
    },
    # call-backs in an hour or tonight, short weekdays, away "from 9 to 20 March",
    # "reachable again", GDPR erasure, asking our availability, the tenant
    "grid5.csv": {
        "en": (11, 14, 5, 7),
        "de": (11, 14, 5, 7),
        "fr": (10, 14, 5, 7),
        "es": (8, 14, 4, 7),
        "pt": (8, 14, 4, 7),
        "nl": (12, 14, 6, 7),
    },
    # the "no" side: opt-outs and refusals in new words, a no with a price question, a
    # maybe with a request, "no budget until July"
    "grid6.csv": {
        "en": (13, 13, 3, 3),
        "de": (9, 13, 3, 3),
        "fr": (10, 13, 3, 3),
        "es": (11, 13, 2, 3),
        "pt": (10, 13, 3, 3),
        "nl": (10, 13, 3, 3),
    },
    # out-of-offices with several dates, a first day back, Easter closures (the six
    # "back Thursday" labels corrected to the documented convention, the next Thursday)
    "grid7.csv": {
        "en": (3, 5, 4, 5),
        "de": (4, 5, 5, 5),
        "fr": (4, 5, 5, 5),
        "es": (4, 5, 5, 5),
        "pt": (4, 5, 4, 5),
        "nl": (4, 5, 3, 5),
    },
    # mixed replies: praise then a no, a yes taken back, an opt-out with a "why" question
    "grid8.csv": {
        "en": (6, 6, 1, 1),
        "de": (5, 6, 1, 1),
        "fr": (6, 6, 1, 1),
        "es": (6, 6, 1, 1),
        "pt": (6, 6, 1, 1),
        "nl": (5, 6, 1, 1),
    },
    # what the blind batches b9 and b10 missed, in new words: a terse yes to send it, a
    # colleague who will call to book the next step, a call asked for to talk it over, a
    # refusal on price, an opt-out asking who gave the number, "no need to send it"
    "grid9.csv": {
        "en": (4, 7, 1, 1),
        "de": (6, 7, 1, 1),
        "fr": (7, 7, 1, 1),
        "es": (6, 7, 1, 1),
        "pt": (5, 7, 1, 1),
        "nl": (6, 7, 1, 1),
    },
    # the same, second round: Portuguese "mais" ("more") before a question in an opt-out,
    # "en parler" / "falar com você" before a call asked for, price, the usual provider
    "grid10.csv": {
        "en": (1, 2, 0, 0),
        "de": (2, 2, 0, 0),
        "fr": (3, 5, 0, 1),
        "es": (2, 2, 0, 0),
        "pt": (2, 5, 0, 1),
        "nl": (1, 2, 0, 0),
    },
    # b9's "en pleno invierno ... Escribime en primavera" in new words: the season they are
    # in, then the one to write in
    "grid11.csv": {
        "en": (1, 1, 0, 1),
        "de": (1, 1, 0, 1),
        "fr": (1, 1, 0, 1),
        "es": (1, 1, 1, 1),
        "pt": (1, 1, 0, 1),
        "nl": (1, 1, 0, 1),
    },
}


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


def main() -> int:
    sys.path.insert(0, str(ROOT))
    failed = []
    for split in SPLITS:
        rows = load(split)
        s = score(rows, read_all(rows))
        report(split, s)
        if split == "unseen":
            print(
                "  (read with the shipped classifier, which has learned from these replies:"
                " the held-out figures are the leave-one-batch-out ones below)"
            )
        for key in ("intent_accuracy", "date_accuracy"):
            if s[key] < TARGETS[key]:
                failed.append(f"{split} {key} {s[key]:.1%} < {TARGETS[key]:.0%}")
        if s["refusals_read_as_yes"]:
            failed.append(
                f"{split}: {s['refusals_read_as_yes']} refusals read as interest or later"
            )
    rows = load_grid()
    s = score(rows, read_grid(rows))
    report("grid (short replies, one per convention or intent and language)", s)
    for key in ("intent_accuracy", "date_accuracy"):
        if s[key] < TARGETS[key]:
            failed.append(f"grid {key} {s[key]:.1%} < {TARGETS[key]:.0%}")
    if s["refusals_read_as_yes"]:
        failed.append(f"grid: {s['refusals_read_as_yes']} refusals read as interest or later")
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
