"""The car-insurance replay: numbers on a tiny slice, checked by hand."""

import pytest

from fairchase.sim.replay import (
    DATA,
    Client,
    best_per_segment,
    fairchase_calls,
    load_clients,
    profit,
    record,
    stop_after,
)

# a: bought on call 1; b: bought on call 3; c: 4 calls, no sale (segment x); d: bought on call 2 (y)
TINY = [
    Client("a", "x", 1, True),
    Client("b", "x", 3, True),
    Client("c", "x", 4, False),
    Client("d", "y", 2, True),
]


def test_stop_after_n_on_a_tiny_slice_is_right_by_hand():
    by_n = stop_after(TINY, 30.0, 5.0, max_n=4)
    # N=1: a sells (30); calls 1+1+1+1 = 4 -> 30 - 20 = 10
    # N=2: a, d sell (60); calls 1+2+2+2 = 7 -> 60 - 35 = 25
    # N=3: a, b, d (90); calls 1+3+3+2 = 9 -> 90 - 45 = 45
    # N=4: same sales; calls 1+3+4+2 = 10 -> 90 - 50 = 40
    assert by_n == {1: 10.0, 2: 25.0, 3: 45.0, 4: 40.0}


def test_the_per_segment_bound_picks_each_segments_best_n():
    total, best = best_per_segment(TINY, 30.0, 5.0)
    # x: N=1 -> 30-15=15, N=3 -> 60-35=25, N=4 -> 60-40=20; y: N=2 -> 30-10=20
    assert best == {"x": 3, "y": 2} and total == 45.0


def test_a_rule_never_makes_more_calls_than_the_history_had_nor_fewer_than_one():
    assert profit(TINY, lambda c: 0, 30.0, 5.0) == stop_after(TINY, 30.0, 5.0)[1]
    assert profit(TINY, lambda c: 99, 30.0, 5.0) == 90.0 - 5.0 * 10


def test_a_client_becomes_a_contract_record_with_silent_calls_until_the_sale():
    rec = record(TINY[1], 30.0)
    assert [a["outcome"] for a in rec["attempts"]] == ["no_answer", "no_answer", "talked"]
    assert rec["status"] == "won" and rec["won_value"] == 30.0 and rec["channels"] == ["call"]
    state = record(TINY[1], 30.0, calls=2)
    assert state["status"] == "open" and len(state["attempts"]) == 2 and state["won_value"] is None
    times = [a["at"] for a in rec["attempts"]]
    assert times == sorted(times) and all(t.weekday() != 6 for t in times)


def test_the_replay_asks_after_each_unanswered_call_and_honours_the_first_stop():
    asked = []

    def fit_fn(train, settings):
        return {"n": len(train)}

    def plan_fn(model, leads, now, settings):
        asked.extend((lead["id"], len(lead["attempts"])) for lead in leads)
        # stop everyone after 2 silent calls
        return [
            {"id": lead["id"], "action": "stop" if len(lead["attempts"]) >= 2 else "contact"}
            for lead in leads
        ]

    calls = fairchase_calls(TINY, 30.0, 5.0, folds=2, plan_fn=plan_fn, fit_fn=fit_fn)
    assert calls == {"a": 1, "b": 2, "c": 2, "d": 2}
    # a bought on its only call: never asked; d asked once (after call 1); b and c twice
    assert sorted(asked) == [("b", 1), ("b", 2), ("c", 1), ("c", 2), ("d", 1)]


@pytest.mark.skipif(not DATA.exists(), reason="car-insurance data not present")
def test_the_real_file_has_the_documented_counts():
    clients = load_clients()
    assert len(clients) == 4000 and sum(c.bought for c in clients) == 1604
    assert sum(c.calls == 1 for c in clients) == 1685
