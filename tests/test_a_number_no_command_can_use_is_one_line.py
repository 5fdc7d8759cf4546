"""A number given to a command that it cannot use is refused before the command runs, in the
line argparse writes for "abc" (after the usage), not a traceback (`send_outbox --idle -1`
reached `time.sleep(-1)`; `serve --addr 127.0.0.1:99999` reached `bind()`), nor a run that
quietly does nothing (`agenda --width -5` printed blank lines)."""

from __future__ import annotations

import pytest

REFUSED = [
    (("send_outbox", "--idle", "-1", "--iterations", "1"), "argument --idle: must be from 0"),
    (("send_outbox", "--idle", "nan"), "argument --idle: must be a number, not 'nan'"),
    (("send_outbox", "--idle", "1e20"), "argument --idle: must be from 0 to 3600"),
    (("send_outbox", "--iterations", "-1"), "argument --iterations: must be 0 or more"),
    (("worker", "--iterations", "0"), "argument --iterations: must be 1 or more, not 0"),
    (("agenda", "--width", "-5"), "argument --width: must be from 40 to 1000, not -5"),
    (("demo", "--history", "-5"), "argument --history: must be from 0 to 30000, not -5"),
    (("demo", "--open", "99999"), "argument --open: must be from 0 to 30000"),
    (("demo", "--seed", "x"), "argument --seed: must be a whole number, not 'x'"),
    (
        ("serve", "--workers", "0", "--addr", "nonsense"),
        "argument --workers: must be from 1 to 64, not 0",
    ),
    (("log", "1", "--call", "--no-answer", "--minutes", "-3"), "argument --minutes: must be"),
    (("log", "1", "--call", "--no-answer", "--minutes", "inf"), "argument --minutes: must be"),
    (("simulate", "--seed", "1.5"), "argument --seed: must be a whole number"),
    (("simulate", "--seed", "-1", "--quick"), "argument --seed: must be 0 or more, not -1"),
    (("backtest", "h.jsonl", "--folds", "1"), "argument --folds: must be 2 or more, not 1"),
    (("backtest", "h.jsonl", "--margin", "-1"), "argument --margin: must be from 0.01 to 100"),
    (("backtest", "h.jsonl", "--hourly-cost", "-5"), "argument --hourly-cost: must be from 0"),
    (("backtest", "h.jsonl", "--complaint-cost", "inf"), "argument --complaint-cost: must be"),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_a_number_a_command_cannot_use_is_refused_before_it_runs(cli, args, said):
    code, out, err = cli(*args)
    last = err.strip().splitlines()[-1]
    assert code == 2 and out == "" and "Traceback" not in err
    assert last.startswith(f"fairchase {args[0]}: error: ") and said in last, last


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("port", ["99999", "0", "²"])
def test_a_port_no_server_can_listen_on_is_one_line(cli, port):
    code, out, err = cli("serve", "--addr", f"127.0.0.1:{port}", "--no-worker")
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("fairchase serve: ") and "(for example 127.0.0.1:8000)" in err


@pytest.mark.django_db(transaction=True)
def test_the_bounds_themselves_are_taken(cli, alice, make_lead):
    make_lead(alice)
    code, out, _ = cli("send_outbox", "--idle", "0", "--iterations", "1")
    assert code == 0 and out.startswith("send_outbox: 0 message(s) handled")
    code, out, _ = cli("agenda", "--user", "alice", "--width", "40")
    assert code == 0 and "Today for" in out
