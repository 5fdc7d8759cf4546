"""Every environment variable Fairchase reads has its row in README's settings table (what it
does, its default, an example), and the app reads them in one place, `fairchase/settings.py`
(the simulator and benchmarks keep Django out, so `fairchase/sim` reads its own). A read is
`env("NAME")` (and `envint`, `envbool`, ...), `os.environ.get("NAME")`, `os.environ["NAME"]`
or `os.getenv("NAME")` with the name written out."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ = re.compile(
    r"""(?:\benv[a-z]*\(|os\.environ\.get\(|os\.environ\[|os\.getenv\()\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def reads() -> dict[str, set[str]]:
    """Each variable read, with the files that read it."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "fairchase").rglob("*.py"):
        for name in READ.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def documented() -> set[str]:
    """The names in the first column of the table under README's "## Configuration"."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Configuration\n")[1]
    rows = [line for line in section.split("\n## ")[0].splitlines() if line.startswith("| `")]
    return {
        name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*\*?)`", row.split("|")[1])
    }


def test_the_scan_finds_the_settings_it_must():
    assert {"DATABASE_URL", "EMAIL_TIMEOUT", "WORKER_IDLE_SECONDS", "TZ"} <= set(reads())


def test_every_variable_read_has_its_row_in_the_readme():
    table = documented()
    missing = {
        name
        for name in reads()
        if name not in table and not any(name.startswith(t[:-1]) for t in table if t[-1] == "*")
    }
    assert not missing, f"README's settings table lacks {sorted(missing)}"


def test_the_app_reads_them_in_settings_alone():
    elsewhere = {
        name: files - {"fairchase/settings.py"}
        for name, files in reads().items()
        if any(not f.startswith(("fairchase/settings.py", "fairchase/sim/")) for f in files)
    }
    assert not elsewhere, f"read outside fairchase/settings.py: {elsewhere}"
