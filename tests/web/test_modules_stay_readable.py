"""House rule: no module of Fairchase grows past 500 lines (split it by what it does
instead, as agenda.py was into the day's data and the queries that fill it, outbox.py into
claiming, refusals and the send itself, importer.py into matching rows and the import)."""

from pathlib import Path

import fairchase

ROOT = Path(fairchase.__file__).parent
LIMIT = 500


def test_no_module_is_longer_than_500_lines():
    files = sorted(ROOT.rglob("*.py"))
    assert len(files) > 100
    long = {
        str(f.relative_to(ROOT)): n
        for f in files
        if "migrations" not in f.parts and (n := len(f.read_text().splitlines())) > LIMIT
    }
    assert long == {}
