"""The commands run end to end; fit on a known world recovers its reply curve."""

from dataclasses import replace

import pytest
from rich.console import Console

from fairchase.sim.backtest import write_history
from fairchase.sim.cli import backtest_main, simulate_main
from fairchase.sim.oracle import true_reply_curve
from fairchase.sim.plots import learned_curves
from fairchase.sim.runner import fairchase_available, generate_history
from fairchase.sim.worlds import WORLDS


def test_simulate_prints_the_table_and_writes_plots(tmp_path):
    console = Console(record=True, width=200)
    rc = simulate_main(["--quick", "--world", "local_contractor", "--seed", "3", "--out",
                        str(tmp_path)], console=console)
    text = console.export_text()
    assert rc == 0
    assert "oracle" in text and "never_stop" in text and "complaints/1k" in text
    assert (tmp_path / "profit_by_world.png").stat().st_size > 1000
    assert (tmp_path / "results.json").exists()
    if fairchase_available():
        assert (tmp_path / "reply_curves_local_contractor.png").exists()
        assert "vs best folk" in text


def test_backtest_reports_bad_lines_and_writes_a_plot(tmp_path):
    path = write_history("wide_values", 150, tmp_path / "h.jsonl", seed=2)
    with open(path, "a") as fh:
        fh.write("oops\n")
    console = Console(record=True, width=200)
    rc = backtest_main([str(path), "--folds", "2", "--out", str(tmp_path)], console=console)
    text = console.export_text()
    assert rc == 0
    assert "line 151" in text and "stop after 10" in text and "only for stopping rules" in text
    assert (tmp_path / "backtest.png").exists()


def test_backtest_of_a_missing_file_fails_cleanly(tmp_path):
    assert backtest_main([str(tmp_path / "nope.jsonl"), "--no-plots"],
                         console=Console(record=True)) == 2


@pytest.mark.skipif(not fairchase_available(), reason="decision core not importable")
def test_fit_recovers_the_population_reply_curve_of_a_known_world():
    from fairchase.policy import fit

    base = WORLDS["local_contractor"]
    world = replace(base, sources=tuple(replace(s, commitment_rate=0.0) for s in base.sources))
    history = generate_history(world, seed=11, days=600)  # ~4,800 finished leads
    curves = learned_curves(fit(history, world.policy_settings()))
    for src in world.sources:
        # the truth at the history's own timing: interest cools with age, which a per-attempt
        # curve learned from that history folds in
        truth = true_reply_curve(world, src.name, 5, timing="history")
        for row in curves[src.name][:5]:
            t = truth[row["k"] - 1]
            assert row["lo"] - 0.02 <= t <= row["hi"] + 0.02, (src.name, row, t)
