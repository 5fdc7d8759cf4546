"""A script driving `fairchase` (eval30 #7, #16, #17, #21): `-` is standard input for
import and read and standard output for export; a file none of whose columns names a lead
field, or a leads CSV given to `--history`, exits 1 in one line; `read` exits 1 when a file
could not be read; an export to a directory names that directory, not a temporary file."""

from __future__ import annotations

import io
import json
import sys

import pytest

from fairchase.leads.models import Lead
from tests.conftest import _user


@pytest.fixture
def owner(transactional_db):
    return _user("maria")


@pytest.fixture
def stdin(monkeypatch):
    def give(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    return give


def test_an_import_reads_standard_input(owner, cli, stdin):
    stdin(b"Name,Email\nPiped Pat,pat@example.net\n")
    code, out, err = cli("import", "-", "--owner", "maria")
    assert code == 0, err
    assert "1 lead was created" in out
    assert Lead.objects.get(email="pat@example.net").name == "Piped Pat"


def test_an_export_to_a_dash_is_the_csv_on_standard_output_and_imports_back(owner, cli, stdin):
    Lead.objects.create(name="Ann Lee", email="ann@example.net", owner=owner)
    code, out, err = cli("export", "leads", "-")
    assert code == 0, err
    assert out.startswith("Fairchase ID,Name,") and "Ann Lee,,ann@example.net" in out
    assert "Wrote" not in out + err
    stdin(out.encode())
    code, again, err = cli("import", "-", "--owner", "maria")
    assert code == 0 and "1 unchanged" in again, again + err


def test_a_file_with_no_column_it_can_read_exits_1_in_one_line(owner, cli, tmp_path):
    path = tmp_path / "nohdr.csv"
    path.write_text("Foo,Bar\n1,2\n")
    for dry in ((), ("--dry-run",)):
        code, out, err = cli("import", str(path), "--owner", "maria", *dry)
        assert code == 1 and out == ""
        said = err.splitlines()[-1]  # under the progress bar's one final line
        assert said.startswith("fairchase import: Cannot import nohdr.csv: none of its columns")
        assert "“Foo”, “Bar”" in said


def test_a_leads_csv_given_to_history_is_refused_in_one_line(owner, cli, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_bytes(b"\xef\xbb\xbfName,Email\n" + b"P,p@example.com\n" * 50)
    code, out, err = cli("import", "--history", str(path), "--owner", "maria")
    assert code == 1 and out == "", err
    said = err.splitlines()[-1]
    assert said.startswith("fairchase import: Cannot import leads.csv: This looks like a CSV")
    assert not Lead.objects.exists()


def test_read_exits_1_when_a_file_could_not_be_read_and_reads_standard_input(
    owner, cli, stdin, tmp_path
):
    good = tmp_path / "r.txt"
    good.write_text("Please remove me from your list.")
    code, out, err = cli("read", str(good), str(tmp_path / "missing.eml"))
    assert code == 1 and err == "fairchase read: 1 of 2 files could not be read.\n"
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["kind"] for line in lines] == ["opt_out", None]
    stdin(b"Please remove me from your list.")
    code, out, _ = cli("read", "-")
    assert code == 0 and json.loads(out)["kind"] == "opt_out"
    stdin(b"From: ann@example.net\nSubject: Re: quote\n\nPlease remove me from your list.\n")
    code, out, _ = cli("read", "-")
    assert code == 0 and json.loads(out)["kind"] == "opt_out"


def test_an_export_to_a_directory_names_it(owner, cli, tmp_path):
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    code, out, err = cli("export", "leads", str(folder))
    assert code == 1 and out == ""
    assert err == (
        f"fairchase export: {folder} is a directory: name the file to write, "
        f"e.g. {folder / 'leads.csv'}\n"
    )
    assert list(folder.iterdir()) == [] and list(tmp_path.iterdir()) == [folder]
