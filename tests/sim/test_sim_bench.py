"""The yardstick's benchmarks run end to end and print one PASS/FAIL line per target."""

import pytest

from fairchase.sim.replay import DATA
from fairchase.sim.runner import fairchase_available

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not fairchase_available(), reason="no core")]


def test_sim_quality_prints_a_verdict_for_every_target(capsys):
    from bench.sim_quality import main

    rc = main(["--quick", "--worlds", "2", "--procs", "1"])
    out = capsys.readouterr().out
    assert rc in (0, 1)
    for target in (
        "0.95 x oracle",
        "mean profit / oracle",
        "model-free learner",
        "best folk rule",
        "complaints",
        "minutes",
        "upper bound",
    ):
        assert (
            sum(line.startswith(("PASS", "FAIL")) and target in line for line in out.splitlines())
            == 1
        )


@pytest.mark.skipif(not DATA.exists(), reason="car-insurance data not present")
def test_real_data_prints_the_table_on_a_slice(tmp_path, capsys):
    from bench.real_data import main

    lines = DATA.read_text().splitlines()
    path = tmp_path / "slice.csv"
    path.write_text("\n".join(lines[:301]) + "\n")
    rc = main(["--csv", str(path), "--folds", "2"])
    out = capsys.readouterr().out
    assert rc in (0, 1)
    assert "per-segment bound" in out and out.count("PASS") + out.count("FAIL") == 6
