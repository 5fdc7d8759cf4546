"""A second row for the same person in one file was counted "unchanged" and its cells
dropped without a word (eval30 #5): "Twin Tom" at First Co for 100, then at Second Co for
200, came in as First Co, 100, and nothing said line 3 was read. Now a second row fills
what the lead lacks, keeps what it says otherwise in the notes, and says so on its line,
naming the line of the person's first row; importing the file again changes nothing."""

from __future__ import annotations

import io

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead

TWIN = (
    "Name,Email,Company,Value,Phone\n"
    "Ann Lee,ann@example.net,Lee Ltd,50,\n"
    "Twin Tom,twin.tom@example.net,First Co,100,\n"
    "Twin Tom,twin.tom@example.net,Second Co,200,+13125550177\n"
    "Twin Tom,twin.tom@example.net,First Co,100,\n"
)


def run(owner, dry_run=False):
    return import_file(io.BytesIO(TWIN.encode()), owner, filename="twin.csv", dry_run=dry_run)


def test_the_second_row_fills_blanks_and_keeps_what_differs_in_the_notes(alice):
    report = run(alice)
    assert report.created == 2 and report.errors == []
    tom = Lead.objects.get(email="twin.tom@example.net")
    assert (tom.company, tom.value, tom.phone) == ("First Co", 100, "+13125550177")
    assert "Another row of the file said: company Second Co; value 200." in tom.notes
    said = dict(report.warnings)
    assert said[4] == (
        "Twin Tom: same person as line 3 (twin.tom@example.net): company Second Co; value 200 "
        "in this row, kept in the notes; phone filled in from this row."
    )
    assert (
        said[5]
        == "Twin Tom: same person as line 3 (twin.tom@example.net): nothing new in this row."
    )


def test_a_dry_run_says_the_same_and_saves_nothing(alice):
    report = run(alice, dry_run=True)
    assert not Lead.objects.exists()
    assert [line for line, _ in report.warnings] == [4, 5]
    assert "same person as line 3" in report.warnings[0][1]


def test_importing_the_file_again_changes_nothing_and_still_names_the_lines(alice):
    run(alice)
    before = list(Lead.objects.values_list("name", "company", "value", "phone", "notes"))
    again = run(alice)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert list(Lead.objects.values_list("name", "company", "value", "phone", "notes")) == before
    assert [line for line, _ in again.warnings] == [4, 5]


def test_a_second_row_in_a_later_batch_names_the_first_rows_line(alice, monkeypatch):
    from fairchase.intake import importer

    monkeypatch.setattr(importer, "BATCH", 2)  # line 3 is written before line 4 is read
    report = run(alice)
    assert dict(report.warnings)[4].startswith("Twin Tom: same person as line 3 (")
