"""Backtest on real history: bad lines reported, exact stop-after-N counts, honest wording."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from fairchase.sim.backtest import HONESTY, backtest, evaluate, load_history, write_history
from fairchase.sim.runner import fairchase_available

T0 = datetime(2025, 1, 6, 15, 0, tzinfo=UTC)


def _lead(lid, outcomes, status, value=1000.0, minutes=6.0):
    atts = [
        {
            "at": (T0 + timedelta(days=3 * i)).isoformat(),
            "channel": "call",
            "outcome": o,
            "minutes": minutes,
        }
        for i, o in enumerate(outcomes)
    ]
    return {
        "id": lid,
        "source": "web_form",
        "value": value,
        "created_at": T0.isoformat(),
        "timezone": None,
        "signals": [],
        "consents": [],
        "attempts": atts,
        "status": status,
        "won_value": value if status == "won" else None,
    }


# a: answered on try 2 and won; b: 4 silent tries, lost; c: won on try 5;
# d: opted out (complained) on try 3; e: answered try 1, 2 more contacts, lost
HAND_MADE = [
    _lead("a", ["no_answer", "talked"], "won", 1000),
    _lead("b", ["no_answer"] * 4, "lost"),
    _lead("c", ["no_answer"] * 4 + ["replied"], "won", 5000),
    _lead("d", ["no_answer", "no_answer", "opted_out"], "opted_out"),
    _lead("e", ["talked", "talked", "talked"], "lost"),
]


def _lines(records):
    return [json.dumps(r) for r in records]


def test_a_broken_line_is_reported_with_its_number_and_the_rest_is_used():
    lines = _lines(HAND_MADE[:2]) + ["{not json"] + _lines(HAND_MADE[2:3])
    lines += [json.dumps({"id": "z", "source": "web_form"}), "", _lines(HAND_MADE[3:4])[0]]
    records, errors = load_history(lines)
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert [e.line for e in errors] == [3, 5]
    assert "invalid JSON" in errors[0].message
    assert "created_at" in errors[1].message and "line 5" in str(errors[1])


def test_an_attempt_without_a_time_or_a_duplicate_id_is_skipped(tmp_path):
    bad = _lead("x", ["no_answer"], "lost")
    del bad["attempts"][0]["at"]
    path = tmp_path / "h.jsonl"
    path.write_text("\n".join(_lines([HAND_MADE[0], bad, HAND_MADE[0]])) + "\n")
    records, errors = load_history(path)
    assert [r["id"] for r in records] == ["a"]
    assert [(e.line, "attempt 1" in e.message or "duplicate" in e.message) for e in errors] == [
        (2, True),
        (3, True),
    ]
    assert records[0]["attempts"][0]["at"].tzinfo is not None


@pytest.mark.parametrize(
    "n, wins, attempts, complaints, lost_value",
    [
        (1, 0, 1 + 1 + 1 + 1 + 3, 0, 6000.0),
        (2, 1, 2 + 2 + 2 + 2 + 3, 0, 5000.0),
        (3, 1, 2 + 3 + 3 + 3 + 3, 1, 5000.0),
        (4, 1, 2 + 4 + 4 + 3 + 3, 1, 5000.0),
        (5, 2, 2 + 4 + 5 + 3 + 3, 1, 0.0),
    ],
)
def test_stop_after_n_counts_are_exact(n, wins, attempts, complaints, lost_value):
    records, _ = load_history(_lines(HAND_MADE))
    row = evaluate(
        records,
        lambda r: n,
        f"stop after {n}",
        {"margin": 0.5, "hourly_cost": 60, "complaint_cost": 100},
    )
    assert (row.wins, row.attempts, row.complaints, row.lost_value) == (
        wins,
        attempts,
        complaints,
        lost_value,
    )
    assert row.attempts_saved == 17 - attempts
    assert row.hours_saved == pytest.approx(6 * (17 - attempts) / 60)
    won = 1000 * (wins >= 1) + 5000 * (wins >= 2)
    assert row.profit == pytest.approx(0.5 * won - attempts * 6 - 100 * complaints)


def test_the_backtest_says_what_it_cannot_know():
    records, _ = load_history(_lines(HAND_MADE))
    bt = backtest(records, with_fairchase=False)
    assert "only for stopping rules" in bt.note and bt.note == HONESTY
    assert len(bt.rows) == 10 and bt.actual.attempts == 17 and bt.actual.wins == 2


def test_the_backtest_takes_records_with_iso_strings_and_skips_unreadable_ones():
    raw = [json.loads(line) for line in _lines(HAND_MADE)] + [{"id": "broken"}]
    bt = backtest(raw, with_fairchase=False)
    assert (bt.leads, bt.skipped, bt.actual.attempts) == (5, 1, 17)


def test_write_history_round_trips_through_load_history(tmp_path):
    path = write_history(1002, 120, tmp_path / "h.jsonl", seed=3)
    records, errors = load_history(path)
    assert errors == [] and len(records) == 120
    assert {r["status"] for r in records} <= {"won", "lost", "opted_out"}
    assert write_history(1002, 120, tmp_path / "h2.jsonl", seed=3).read_text() == path.read_text()


@pytest.mark.skipif(not fairchase_available(), reason="decision core not importable")
def test_fairchase_stops_never_add_attempts_or_wins(tmp_path):
    records, _ = load_history(write_history(1006, 200, tmp_path / "h.jsonl", seed=1))
    bt = backtest(records, folds=2)
    fc, actual = bt.fairchase, bt.actual
    assert fc is not None
    assert fc.attempts <= actual.attempts and fc.wins <= actual.wins
    assert fc.attempts + fc.attempts_saved == actual.attempts
