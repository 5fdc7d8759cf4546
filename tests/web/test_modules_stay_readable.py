"""House rule: no module of the web UI or Insights grows past 500 lines (split it by what
it does instead, as agenda.py was into the day's data and the queries that fill it)."""

from pathlib import Path

import fairchase

ROOT = Path(fairchase.__file__).parent
LIMIT = 500


def test_no_web_or_insights_module_is_longer_than_500_lines():
    files = sorted((ROOT / "web").rglob("*.py")) + sorted((ROOT / "insights").rglob("*.py"))
    assert len(files) > 10
    long = {
        str(f.relative_to(ROOT)): n
        for f in files
        if "migrations" not in f.parts and (n := len(f.read_text().splitlines())) > LIMIT
    }
    assert long == {}
