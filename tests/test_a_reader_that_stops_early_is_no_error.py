"""`fairchase export leads - | head -1` and `fairchase agenda | head`: a reader that closes
standard output early is normal for a command line, not an error. The command stops quietly
(exit 141, as `cat` killed by SIGPIPE; nothing on stderr: no "Broken pipe", no "Exception
ignored ... Cannot operate on a closed database")."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAIRCHASE = [sys.executable, "-c", "from fairchase.cli import main; main()"]


def _env(tmp_path: Path) -> dict:
    keep = ("DATABASE_URL", "SQLITE_PATH", "DJANGO_SETTINGS_MODULE", "DATA_DIR")
    env = {k: v for k, v in os.environ.items() if k not in keep}
    return {**env, "DATA_DIR": str(tmp_path), "COLUMNS": "120"}


def _read_one_line_then_close(args: list[str], env: dict) -> tuple[int, str, str]:
    """Run `fairchase ARGS | head -1`: read one line, close the pipe, wait."""
    proc = subprocess.Popen(
        FAIRCHASE + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout and proc.stderr
    first = proc.stdout.readline().decode()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return proc.wait(timeout=300), first, err


def test_an_export_piped_into_head_stops_quietly(tmp_path):
    env = _env(tmp_path)
    rows = "".join(
        f"Person {i},p{i}@example.com,+1312555{i:04d},note {'x' * 80}\n" for i in range(400)
    )
    (tmp_path / "many.csv").write_text("name,email,phone,notes\n" + rows)
    subprocess.run(FAIRCHASE + ["migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        FAIRCHASE + ["createsuperuser", "--noinput", "--username", "ann", "--email", ""],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        FAIRCHASE + ["import", str(tmp_path / "many.csv"), "--owner", "ann"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    code, first, err = _read_one_line_then_close(["export", "leads", "-"], env)
    assert first.startswith("Fairchase ID,Name,")
    assert err == "" and code == 141
    code, first, err = _read_one_line_then_close(["agenda", "--user", "ann"], env)
    assert first.startswith("Today for ann") and err == "" and code == 141


def test_help_into_a_closed_pipe_stops_quietly(tmp_path):
    proc = subprocess.Popen(
        FAIRCHASE + ["help", "--all"],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout and proc.stderr
    proc.stdout.close()  # the reader is gone before a line is written
    err = proc.stderr.read().decode()
    assert err == "" and proc.wait(timeout=300) == 141
