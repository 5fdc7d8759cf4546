"""`python -m bench --help` lists the benchmarks instead of importing `bench.--help`, and a
benchmark that misses a target (its `main()` returns non-zero, as when it prints TARGET
MISSED) makes the run end naming it, with exit 1, instead of "ok" and exit 0."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_help_lists_every_benchmark_with_what_it_measures():
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    from bench.__main__ import MODULES

    assert out.returncode == 0 and "SyntaxError" not in out.stderr
    for name in MODULES:
        assert any(line.split()[:1] == [name] for line in out.stdout.splitlines()), name
    assert "make bench" in out.stdout


def test_an_unknown_benchmark_is_refused_with_the_list():
    out = subprocess.run(
        [sys.executable, "-m", "bench", "nosuch"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 2 and "No benchmark named nosuch" in out.stderr
    assert "policy_speed" in out.stderr


@pytest.fixture
def fake_bench(tmp_path, monkeypatch):
    pkg = tmp_path / "fakebench"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "missed.py").write_text('def main():\n    print("TARGET MISSED")\n    return 1\n')
    (pkg / "met.py").write_text('def main():\n    print("target met")\n    return 0\n')
    (pkg / "silent.py").write_text("def main():\n    pass\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    return "fakebench"


def test_a_missed_target_ends_the_run_named_and_non_zero(fake_bench, capfd):
    from bench.__main__ import _run

    assert _run(["met", "missed", "silent"], package=fake_bench) == 1
    out = capfd.readouterr().out
    assert "--- fakebench.missed: TARGET MISSED" in out
    assert "--- fakebench.met: ok" in out and "--- fakebench.silent: ok" in out
    assert out.rstrip().splitlines()[-1].startswith("Targets missed: missed ")


def test_a_run_that_meets_every_target_exits_0(fake_bench, capfd):
    from bench.__main__ import _run

    assert _run(["met", "silent"], package=fake_bench) == 0
    assert "missed" not in capfd.readouterr().out.lower()


def test_real_data_without_its_data_set_is_skipped_saying_where_to_put_it(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", "import bench.real_data as m; raise SystemExit(m.main([]))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "FAIRCHASE_SHARED_DATA": str(tmp_path), "COLUMNS": "200"},
    )
    assert out.returncode == 0, out.stderr
    assert "Skipped" in out.stdout and "FAIRCHASE_SHARED_DATA" in out.stdout
