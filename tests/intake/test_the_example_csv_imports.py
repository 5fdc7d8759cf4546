"""docs/example-leads.csv, the README's file to try an import on, imports (a dry run)
without a row skipped: its hand-made headers are read, its do-not-contact row comes in
opted out."""

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-leads.csv"


def test_the_readmes_example_csv_imports_every_row(transactional_db, cli):
    from django.contrib.auth import get_user_model

    from fairchase.leads.models import Lead

    get_user_model().objects.create_user("maria", password="x")
    code, out, err = cli("import", str(EXAMPLE), "--dry-run")
    assert code == 0, err
    assert "10 leads would be created, 0 updated, 0 unchanged, 0 rows skipped" in out
    assert "Do not contact -> opted_out" in out and "Comments -> notes" in out
    assert Lead.objects.count() == 0  # a dry run
    assert "docs/example-leads.csv --dry-run" in (EXAMPLE.parents[1] / "README.md").read_text()
