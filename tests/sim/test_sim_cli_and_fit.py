"""The commands run end to end."""

from rich.console import Console

from fairchase.sim.backtest import write_history
from fairchase.sim.cli import backtest_main, simulate_main
from fairchase.sim.runner import fairchase_available


def test_simulate_prints_the_table_and_writes_plots(tmp_path):
    console = Console(record=True, width=220)
    rc = simulate_main(
        ["--quick", "--world", "5", "--seed", "3", "--out", str(tmp_path)], console=console
    )
    text = console.export_text()
    assert rc == 0
    assert (
        "oracle" in text and "never_stop" in text and "learner" in text and "complaints/1k" in text
    )
    assert (tmp_path / "profit_by_world.png").stat().st_size > 1000
    assert (tmp_path / "results.json").exists()
    assert list(tmp_path.glob("reply_curves_w5-*.png"))
    if fairchase_available():
        assert "vs learner" in text


def test_simulate_rejects_a_world_that_is_not_a_seed():
    console = Console(record=True, width=200)
    assert simulate_main(["--world", "nowhere", "--no-plots"], console=console) == 2
    assert "unknown world" in console.export_text()


def test_backtest_reports_bad_lines_and_writes_a_plot(tmp_path):
    path = write_history(1004, 150, tmp_path / "h.jsonl", seed=2)
    with open(path, "a") as fh:
        fh.write("oops\n")
    console = Console(record=True, width=200)
    rc = backtest_main([str(path), "--folds", "2", "--out", str(tmp_path)], console=console)
    text = console.export_text()
    assert rc == 0
    assert "line 151" in text and "stop after 10" in text and "only for stopping rules" in text
    assert (tmp_path / "backtest.png").exists()


def test_backtest_of_a_missing_file_fails_cleanly(tmp_path):
    assert (
        backtest_main([str(tmp_path / "nope.jsonl"), "--no-plots"], console=Console(record=True))
        == 2
    )
