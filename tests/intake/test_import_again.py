"""Importing again: the same file twice changes nothing; a changed file adds notes, never
replaces them, and says what changed; CRM source names map to ours; the history export
imports back into the same database without a duplicate."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairchase.intake.exporting import csv_lines, excel_file
from fairchase.intake.history import history_lines, import_history
from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Channel, Lead, Outcome, StatusChange
from fairchase.leads.names import key
from fairchase.leads.planning import with_history

SAMPLES = Path(__file__).parent / "samples"
NO_ADDRESSES = (
    b"name,company,value,notes\r\n"
    b"Mo Nash,Nash Farm,1200,Barn roof\r\n"
    b"Mo Nash,Nash Dairy,800,Milking parlour\r\n"  # same name, another company: another person
    b"Ned Ortiz,,,\r\n"
    b"Ola Price,,,Bad phone and email,\r\n"
)


def snapshot():
    return sorted(
        Lead.objects.values_list(
            "pk",
            "name",
            "company",
            "email",
            "phone",
            "source",
            "value",
            "notes",
            "created_at",
            "consents",
            "signals",
        )
    )


def twice(alice, data: bytes, filename: str):
    first = import_file(io.BytesIO(data), alice, filename=filename)
    before, changes = snapshot(), StatusChange.objects.count()
    second = import_file(io.BytesIO(data), alice, filename=filename)
    assert snapshot() == before and StatusChange.objects.count() == changes
    return first, second


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.csv")))
def test_importing_a_crm_export_twice_changes_nothing_the_second_time(alice, name):
    first, second = twice(alice, (SAMPLES / name).read_bytes(), name)
    assert first.created == 3
    assert (second.created, second.updated, second.unchanged, second.changes) == (0, 0, 3, [])


def test_importing_rows_without_an_address_twice_changes_nothing_the_second_time(alice):
    data = NO_ADDRESSES + b"Pia Quill,Quill & Co,,,nope,12\r\n"
    data = data.replace(b"name,company,value,notes", b"name,company,value,notes,email,phone")
    first, second = twice(alice, data, "people.csv")
    assert first.created == 5 and Lead.objects.filter(name="Mo Nash").count() == 2
    assert (second.created, second.unchanged) == (0, 5)


def test_a_row_without_an_address_finds_its_lead_past_titles_case_and_accents(alice):
    """Matched by name and company as `same_person` reads names (titles, suffixes, accents
    and case aside), in a later import as in the same file."""
    first = b"name,company,notes\r\nDr. Jos\xc3\xa9 N\xc3\xba\xc3\xb1ez,Acme,Barn roof\r\n"
    assert import_file(io.BytesIO(first), alice).created == 1
    again = b"name,company,notes\r\nJose Nunez,acme,Wants a quote\r\nann lee,,\r\n"
    report = import_file(io.BytesIO(again), alice)
    assert (report.created, report.updated) == (1, 1), report.changes
    jose = Lead.objects.get(notes__startswith="Barn roof")  # the row's spelling is the update
    assert (jose.name, jose.company, jose.notes) == (
        "Jose Nunez",
        "acme",
        "Barn roof\n\nWants a quote",
    )
    # the same name in another company is someone else, and a reimport changes nothing
    other = b"name,company\r\nJos\xc3\xa9 N\xc3\xba\xc3\xb1ez Jr.,Acme\r\nJose Nunez,Nash Farm\r\n"
    assert import_file(io.BytesIO(other), alice).created == 2
    twice(alice, first + b"ANN LEE,,\r\nJose Nunez,Acme,Wants a quote\r\n", "people.csv")
    assert Lead.objects.count() == 4


def test_two_names_of_the_same_words_in_another_order_are_two_people(alice):
    """Without an address the name tells people apart as written: "Ann Lee" and "Lee Ann"
    at Acme are two people (their words were sorted into one key: one lead), while "Lee,
    Ann" is "Ann Lee" written family name first."""
    data = b"name,company\r\nAnn Lee,Acme\r\nLee Ann,Acme\r\n"
    first, _second = twice(alice, data, "people.csv")
    assert first.created == 2
    assert sorted(Lead.objects.values_list("name", flat=True)) == ["Ann Lee", "Lee Ann"]
    report = import_file(io.BytesIO(b'name,company,notes\r\n"Lee, Ann",acme,Roof\r\n'), alice)
    assert (report.created, report.updated) == (0, 1), report.changes
    assert Lead.objects.get(notes="Roof").name == "Lee, Ann"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_our_own_export_imports_twice_into_the_same_database_without_a_change(alice, kind):
    import_file(io.BytesIO(NO_ADDRESSES), alice)
    import_file((SAMPLES / "hubspot_contacts.csv").open("rb"), alice)
    data = (
        "".join(csv_lines("leads", Lead.objects.all())).encode()
        if kind == "csv"
        else excel_file("leads", Lead.objects.all()).read()
    )
    _first, second = twice(alice, data, f"leads.{kind}")
    assert (second.created, second.updated) == (0, 0), second.changes


def test_a_reimport_adds_new_notes_keeps_the_old_and_says_what_changed(alice):
    import_file(
        io.BytesIO(
            b"name,email,value,notes\r\nRay Stone,ray@example.com,1000,Flat roof over bakery leaking\r\n"
        ),
        alice,
    )
    report = import_file(
        io.BytesIO(
            b"name,email,value,notes\r\nRay Stone,ray@example.com,2000,Wants a quote by May\r\n"
        ),
        alice,
    )
    ray = Lead.objects.get()
    assert ray.notes == "Flat roof over bakery leaking\n\nWants a quote by May"
    assert (report.updated, report.unchanged) == (1, 0)
    assert report.changes == [(2, "Ray Stone: value 1,000 -> 2,000; notes added")]
    again = import_file(io.BytesIO(b"name,email,notes\r\nRay Stone,ray@example.com,\r\n"), alice)
    assert (
        Lead.objects.get().notes == ray.notes and again.unchanged == 1
    )  # a blank note removes nothing


def test_a_reimport_never_loses_a_note_written_in_fairchase(alice):
    import_file(
        io.BytesIO(b"name,email,notes\r\nSue Tate,sue@example.com,From the fair\r\n"), alice
    )
    lead = Lead.objects.get()
    actions.update_lead(lead, notes=lead.notes + "\n\nCalled: wants slate, not tiles")
    import_file(
        io.BytesIO(b"name,email,notes\r\nSue Tate,sue@example.com,Changed her mind\r\n"), alice
    )
    assert (
        Lead.objects.get().notes
        == "From the fair\n\nCalled: wants slate, not tiles\n\nChanged her mind"
    )


@pytest.mark.parametrize(
    "sample, expected",
    [
        (
            "hubspot",
            {
                "Organic Search": "web_form",
                "Referrals": "referral",
                "Direct Traffic": "web_form",
                "Paid Search": "web_form",
                "Social Media": "web_form",
                "Email Marketing": "web_form",
                "Offline Sources": "import",
            },
        ),
        (
            "pipedrive",
            {
                "Web forms": "web_form",
                "Prospector": "purchased_list",
                "Live chat": "web_form",
                "Manually created": "import",
            },
        ),
        (
            "google",
            {
                "Referral": "referral",
                "Trade show": "event",
                "Walk-in": "walk_in",
                "Phone call": "inbound_call",
                "Window cleaning co": "window_cleaning_co",
            },
        ),
    ],
)
def test_crm_source_names_map_to_ours_and_the_original_is_kept_in_a_note(alice, sample, expected):
    header = {
        "hubspot": "Record ID,First Name,Last Name,Email,Original Source",
        "pipedrive": "Person - Name,Person - Email - Work,Lead - Source",
        "google": "First Name,Last Name,E-mail 1 - Value,Source",
    }[sample]
    rows = [
        f"{i},P{i},Q,p{i}@example.com,{raw}"
        if sample == "hubspot"
        else f"P{i} Q,p{i}@example.com,{raw}"
        if sample == "pipedrive"
        else f"P{i},Q,p{i}@example.com,{raw}"
        for i, raw in enumerate(expected)
    ]
    report = import_file(io.BytesIO("\r\n".join([header, *rows]).encode()), alice)
    assert report.preset == sample and report.bad == 0, report.errors
    for i, (raw, ours) in enumerate(expected.items()):
        lead = Lead.objects.get(email=f"p{i}@example.com")
        assert lead.source == ours, raw
        translated = ours != raw.lower().replace(" ", "_").replace("-", "_")
        assert (f"Source in the imported file: {raw}" in lead.notes) == translated, lead.notes


def test_the_history_export_imports_back_into_the_same_database_without_duplicates(
    alice, make_lead, tmp_path
):
    for i in range(3):
        lead = make_lead(alice, name=f"Old {i}")
        actions.log_attempt(
            lead, channel=Channel.CALL, outcome=Outcome.TALKED, minutes=5, user=alice
        )
        if i:
            actions.mark_won(lead, 1000, user=alice)
        else:
            actions.mark_lost(lead, "Went elsewhere", user=alice)
    lines = list(history_lines(with_history(Lead.objects.all())))
    assert len(lines) == 3
    report = import_history(lines, alice)
    assert (report.created, report.unchanged, report.bad) == (0, 3, 0), report.errors
    path = tmp_path / "history.jsonl"
    path.write_text("".join(lines))
    call_command("import", "--history", str(path), "--owner", "alice")
    assert Lead.objects.count() == 3


def test_exporting_the_history_into_a_csv_file_is_refused_with_the_way_out(alice, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"name the file \.jsonl.*fairchase export leads"):
        call_command("export", "history", str(tmp_path / "x.csv"))
    assert not (tmp_path / "x.csv").exists()


# Any file: rows of people with or without addresses, repeated people, bad cells.
_names = st.sampled_from(
    [
        "Ann Lee",
        "ann lee",
        "Dr. Ann Lée",
        "Lee, Ann",
        "Lee Ann",
        "Bob Marsh",
        "Cy Nash",
        "",
        "Dee O'Hara",
    ]
)
_companies = st.sampled_from(["", "Acme", "acme", "Nash Farm"])
_emails = st.sampled_from(
    [
        "",
        "ann@example.com",
        "BOB@Example.com",
        "not-an-address",
        "cy@example.com ::: c2@example.com",
    ]
)
_phones = st.sampled_from(["", "+1 212 555 0101", "(212) 555-0102", "020 7946 0018", "12"])
_values = st.sampled_from(["", "1000", "$2,500", "=SUM(A1:A2)", "lots"])
_notes = st.sampled_from(["", "Flat roof", "Gutters, and the shed", "=cmd"])
_rows = st.lists(
    st.tuples(_names, _companies, _emails, _phones, _values, _notes), min_size=1, max_size=12
)


# derandomize: the same 60 files on every run (CI is never a lottery); the file below was found by a random seed.
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(rows=_rows, batch=st.sampled_from([2, 3, 1000]))
def test_importing_any_file_twice_changes_nothing_the_second_time(alice, rows, batch):
    from fairchase.intake import importer

    Lead.objects.all().delete()
    importer.BATCH, saved = batch, importer.BATCH  # small batches: a person's rows in several
    try:
        _import_twice(alice, rows)
    finally:
        importer.BATCH = saved


def _import_twice(alice, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "company", "email", "phone", "value", "notes"])
    writer.writerows(rows)
    data = out.getvalue().encode()
    import_file(io.BytesIO(data), alice)
    before = snapshot()
    second = import_file(io.BytesIO(data), alice)
    assert snapshot() == before, repr(rows)
    assert (second.created, second.updated) == (0, 0), second.changes
    # nobody is lost: a named row without a usable address arrives under its name (rows with
    # one are matched on it, so two names sharing an address are one person)
    usable = {
        "ann@example.com",
        "BOB@Example.com",
        "cy@example.com ::: c2@example.com",
        "+1 212 555 0101",
        "(212) 555-0102",
    }
    named = {key(r[0]) for r in rows if r[0].strip() and not {r[2], r[3]} & usable}
    assert named <= {key(n) for n in Lead.objects.values_list("name", flat=True)}


def test_a_file_whose_rows_tie_two_people_together_imports_twice_without_a_change(alice):
    """Found by the property test above with a random seed (Hypothesis)."""
    rows = [("Ann Lee", "", "", "", "", "")] * 8 + [
        ("Ann Lee", "", "ann@example.com", "(212) 555-0102", "", ""),
        ("Ann Lee", "", "BOB@Example.com", "", "", ""),
        ("Ann Lee", "", "ann@example.com", "+1 212 555 0101", "", ""),
        ("Ann Lee", "", "BOB@Example.com", "+1 212 555 0101", "", "Flat roof"),
    ]
    Lead.objects.all().delete()
    _import_twice(alice, rows)


def test_a_dry_run_of_a_file_already_imported_lists_no_row_as_coming_in(alice):
    """newcomer72 #6: the dry run of docs/example-leads.csv, imported already, listed Dan
    Moore's phone extension under "Would come in, with a warning" beside "10 unchanged"."""
    data = (Path(__file__).parents[2] / "docs" / "example-leads.csv").read_bytes()
    first = import_file(io.BytesIO(data), alice, filename="example-leads.csv")
    assert any("Dan Moore" in text for _, text in first.warnings)
    again = import_file(io.BytesIO(data), alice, filename="example-leads.csv", dry_run=True)
    assert (again.created, again.updated) == (0, 0)
    assert again.warnings == [], again.warnings
